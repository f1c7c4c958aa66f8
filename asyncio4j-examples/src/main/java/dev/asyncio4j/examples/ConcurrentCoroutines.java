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
 * Two coroutines running concurrently on one thread: while one sleeps, the other runs.
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
 */
public final class ConcurrentCoroutines {

    private ConcurrentCoroutines() {}

    static Coroutine<Void> count(PrintStream out, String name, Duration delay) {
        return async("count", () -> {
            for (int i = 0; i < 3; i++) {
                out.println(name + " " + i);
                await(sleep(delay));
            }
        });
    }

    /** Runs the program, printing to {@code out}. */
    public static void main(PrintStream out) throws Exception {
        Asyncio.run(async("main", () -> {
            Task<Void> fast = createTask(count(out, "fast", Duration.ofMillis(10)));
            Task<Void> slow = createTask(count(out, "slow", Duration.ofMillis(25)));
            await(fast);
            await(slow);
        }));
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        main(System.out);
    }
}
