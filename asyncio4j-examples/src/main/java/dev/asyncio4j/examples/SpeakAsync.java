package dev.asyncio4j.examples;

import static dev.asyncio4j.Asyncio.async;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import java.io.PrintStream;

/**
 * The tutorial's first program: a coroutine run on the default event loop until it is complete.
 *
 * <pre>{@code
 * import asyncio
 *
 * async def speak_async():
 *     print('OMG asynchronicity!')
 *
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(speak_async())
 * loop.close()
 * }</pre>
 *
 * <p>{@code runUntilComplete} blocks the calling thread, which becomes the loop's thread, until the
 * coroutine is done. Thread confinement: run it on the JVM's main thread (where
 * {@code getEventLoop()} makes the default loop, as asyncio does), or on a thread whose current
 * loop was set with {@link Asyncio#setEventLoop}.
 */
public final class SpeakAsync {

    private SpeakAsync() {}

    // tutorial:begin speak-async
    // async def speak_async(): a coroutine function; calling it runs nothing yet
    static Coroutine<Void> speakAsync(PrintStream out) {
        return async("speak_async", () -> out.println("OMG asynchronicity!"));
    }
    // tutorial:end

    /**
     * Runs the program, printing to {@code out}.
     *
     * @param out where to print
     * @throws Exception whatever the example throws
     */
    public static void run(PrintStream out) throws Exception {
        // tutorial:begin run-until-complete
        EventLoop loop = Asyncio.getEventLoop();          // loop = asyncio.get_event_loop()
        loop.runUntilComplete(speakAsync(out));           // loop.run_until_complete(speak_async())
        loop.close();                                     // loop.close()
        // tutorial:end
        Asyncio.setEventLoop(null);                       // (so the next getEventLoop() makes a new one)
    }

    /**
     * Runs the program on standard output.
     *
     * @param args the command line
     * @throws Exception whatever the example throws
     */
    public static void main(String[] args) throws Exception {
        run(System.out);
    }
}
