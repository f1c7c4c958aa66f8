package dev.asyncio4j.sync;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.AsyncCallable;
import dev.asyncio4j.AsyncRunnable;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Runner;
import dev.asyncio4j.Task;
import dev.asyncio4j.VirtualTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * What the sync and queue tests share: CPython's {@code IsolatedAsyncioTestCase} (each test body
 * is the main coroutine of a fresh loop, whose leftover tasks are cancelled at the end), on
 * virtual time so timers fire at once and in order; and short forms of {@code wait_for} and
 * {@code gather} as the CPython tests call them.
 */
public final class AsyncTesting {

    private AsyncTesting() {}

    /** Runs {@code body} as the main coroutine of a new virtual-time loop, then tears the loop down. */
    public static void run(AsyncRunnable body) throws Exception {
        try (Runner runner = new Runner(null, AsyncTesting::newLoop)) {
            runner.run(async("test", body));
        }
    }

    /** A loop on virtual time: when nothing is ready, time jumps to the next timer. */
    public static EventLoop newLoop() {
        return VirtualTime.newLoop();
    }

    /** {@code asyncio.create_task(body())}. */
    public static <T> Task<T> task(AsyncCallable<T> body) {
        return Asyncio.createTask(async(body));
    }

    /** {@code asyncio.create_task(body())} for a body without a result. */
    public static Task<Void> taskVoid(AsyncRunnable body) {
        return Asyncio.createTask(async(body));
    }

    /** {@code await asyncio.sleep(0)}: one pass through the ready queue. */
    public static void yieldOnce() throws Exception {
        await(Asyncio.sleep(0));
    }

    /** {@code await asyncio.wait_for(coro, seconds)}. */
    public static <T> T waitFor(Coroutine<T> coro, double seconds) throws Exception {
        return await(Asyncio.waitFor(coro, Duration.ofNanos((long) (seconds * 1e9))));
    }

    /** {@code await asyncio.gather(*tasks)}: the results in order; the first failure is raised. */
    public static <T> List<T> gather(List<Task<T>> tasks) throws Exception {
        return await(Asyncio.gather(tasks));
    }

    /** {@code await asyncio.gather(*tasks, return_exceptions=True)}: results or exceptions, in order. */
    public static List<Object> gatherReturningExceptions(List<? extends Task<?>> tasks) throws Exception {
        return await(Asyncio.gather(tasks, true));
    }

    /** Asserts that every task is done with {@code expected} as its result. */
    public static void assertAllReturned(Object expected, List<? extends Task<?>> tasks) throws Exception {
        for (Task<?> task : tasks) {
            Assertions.assertTrue(task.isDone(), task::toString);
            Assertions.assertEquals(expected, task.result());
        }
    }
}
