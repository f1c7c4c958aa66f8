package dev.asyncio4j.examples;

import static dev.asyncio4j.Asyncio.async;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import java.io.PrintStream;

/**
 * The tutorial's first program: a coroutine run on the default event loop.
 *
 * <pre>{@code
 * async def speak_async():
 *     print('OMG asynchronicity!')
 *
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(speak_async())
 * loop.close()
 * }</pre>
 */
public final class SpeakAsync {

    private SpeakAsync() {}

    /** {@code async def speak_async()}: a coroutine function. */
    static Coroutine<Void> speakAsync(PrintStream out) {
        return async("speak_async", () -> out.println("OMG asynchronicity!"));
    }

    /** Runs the program, printing to {@code out}. Call it on the thread that owns the default loop. */
    public static void main(PrintStream out) throws Exception {
        EventLoop loop = Asyncio.getEventLoop();
        loop.runUntilComplete(speakAsync(out));
        loop.close();
        Asyncio.setEventLoop(null);
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        main(System.out);
    }
}
