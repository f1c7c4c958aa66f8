package dev.asyncio4j.sync;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.AsyncCallable;
import dev.asyncio4j.AsyncRunnable;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Runner;
import dev.asyncio4j.Task;
import dev.asyncio4j.TimerHandle;
import dev.asyncio4j.internal.LoopClock;
import dev.asyncio4j.internal.LoopInternals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assertions;

/**
 * What the sync and queue tests share: CPython's {@code IsolatedAsyncioTestCase} (each test body
 * is the main coroutine of a fresh loop, whose leftover tasks are cancelled at the end), on
 * virtual time so timers fire at once and in order; and small stand-ins for the parts of
 * asyncio the core does not offer yet ({@code wait_for}, {@code gather}).
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
        return LoopInternals.get().newLoop(new JumpClock());
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

    /**
     * {@code await asyncio.wait_for(coro, seconds)} as Python 3.12+ does it: runs {@code coro} in
     * the calling task and cancels that task after {@code seconds}, turning that cancellation
     * into {@link TimeoutException}.
     */
    public static <T> T waitFor(Coroutine<T> coro, double seconds) throws Exception {
        Task<?> task = Asyncio.currentTask();
        boolean[] expired = {false};
        TimerHandle timer = Asyncio.getRunningLoop().callLater(Duration.ofNanos((long) (seconds * 1e9)), () -> {
            expired[0] = true;
            task.cancel();
        });
        try {
            return await(coro);
        } catch (CancelledException e) {
            if (expired[0] && task.uncancel() == 0) {
                throw new TimeoutException();
            }
            throw e;
        } finally {
            timer.cancel();
        }
    }

    /** {@code await asyncio.gather(*tasks)}: the results in order; the first failure is thrown. */
    public static <T> List<T> gather(List<Task<T>> tasks) throws Exception {
        List<T> results = new ArrayList<>();
        Exception first = null;
        for (Task<T> task : tasks) {
            try {
                results.add(await(task));
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    /** {@code await asyncio.gather(*tasks, return_exceptions=True)}: results or exceptions, in order. */
    public static List<Object> gatherReturningExceptions(List<? extends Task<?>> tasks) throws Exception {
        List<Object> results = new ArrayList<>();
        for (Task<?> task : tasks) {
            try {
                results.add(await(task));
            } catch (Exception e) {
                results.add(e);
            }
        }
        return results;
    }

    /** Asserts that every task is done with {@code expected} as its result. */
    public static void assertAllReturned(Object expected, List<? extends Task<?>> tasks) throws Exception {
        for (Task<?> task : tasks) {
            Assertions.assertTrue(task.isDone(), task::toString);
            Assertions.assertEquals(expected, task.result());
        }
    }

    /** Virtual time for a test loop: jumps to the next timer whenever the loop would wait for it. */
    private static final class JumpClock implements LoopClock {
        private long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public long beforeWait(long untilNextTimer) {
            return untilNextTimer < 0 ? -1 : 0;
        }

        @Override
        public void afterWait(boolean woken, long untilNextTimer) {
            if (!woken && untilNextTimer > 0) {
                now += untilNextTimer;
            }
        }
    }
}
