package dev.asyncio4j.examples;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.sleep;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Two coroutines running concurrently on one thread: while one sleeps, the other runs. The
 * tutorial's "run many asynchronous requests at the same time", with sleeps standing in for the
 * requests.
 *
 * <pre>{@code
 * async def count(name, delay):
 *     for i in range(3):
 *         print(name, i)
 *         await asyncio.sleep(delay)
 *
 * async def main():
 *     a = asyncio.create_task(count('fast', 0.01))
 *     b = asyncio.create_task(count('slow', 0.025))
 *     await a
 *     await b
 *
 * asyncio.run(main())
 * }</pre>
 *
 * <p>It prints {@code fast 0, slow 0, fast 1, fast 2, slow 1, slow 2}: the order the sleeps
 * decide. Thread confinement: the coroutines run on the loop's thread; {@link #run} may be called
 * on any thread with no running loop.
 */
public final class ConcurrentCoroutines {

    private ConcurrentCoroutines() {}

    // tutorial:begin concurrent
    // async def count(name, delay): prints "name i" three times, sleeping between
    static Coroutine<Void> count(PrintStream out, String name, Duration delay) {
        return async("count", () -> {
            for (int i = 0; i < 3; i++) {
                out.println(name + " " + i);
                await(sleep(delay));
            }
        });
    }

    // async def main(): runs a fast and a slow counter as two tasks and waits for both
    static Coroutine<Void> main(PrintStream out) {
        return async("main", () -> {
            Task<Void> fast = createTask(count(out, "fast", Duration.ofMillis(10)));
            Task<Void> slow = createTask(count(out, "slow", Duration.ofMillis(25)));
            await(fast);
            await(slow);
        });
    }
    // tutorial:end

    /**
     * Runs the program, printing to {@code out}: {@code asyncio.run(main())}.
     *
     * @param out where to print
     * @throws Exception whatever the example throws
     */
    public static void run(PrintStream out) throws Exception {
        // tutorial:begin asyncio-run
        Asyncio.run(main(out));                           // asyncio.run(main())
        // tutorial:end
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
