package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where a task suspends and where it does not: sleep(0) is exactly one trip through the ready
 * queue, awaiting something already done does not yield, and in fast mode a blocking JDK call
 * parks only its task.
 */
@Timeout(30)
class SuspensionTest extends LoopTestCase {

    /** Counts loop iterations: a callback that reschedules itself runs once per iteration. */
    private final class IterationCounter implements Runnable {
        int iterations;
        boolean stopped;

        IterationCounter start() {
            loop.callSoon(this);
            return this;
        }

        @Override
        public void run() {
            iterations++;
            if (!stopped) {
                loop.callSoon(this);
            }
        }
    }

    @Test
    void sleepZeroYieldsExactlyOneIteration() throws Exception {
        IterationCounter counter = new IterationCounter().start();
        List<Integer> seen = loop.runUntilComplete(async(() -> {
            List<Integer> at = new ArrayList<>();
            at.add(counter.iterations);
            await(sleep(0));
            at.add(counter.iterations);
            await(sleep(Duration.ZERO));
            at.add(counter.iterations);
            await(sleep(Duration.ofSeconds(-1)));
            at.add(counter.iterations);
            await(sleep(-0.5));
            at.add(counter.iterations);
            counter.stopped = true;
            return at;
        }));
        int first = seen.get(0);
        assertEquals(List.of(first, first + 1, first + 2, first + 3, first + 4), seen);
    }

    @Test
    void sleepZeroLetsEverythingAlreadyReadyRunFirst() throws Exception {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(async(() -> {
            loop.callSoon(() -> log.add("a"));
            loop.callSoon(() -> log.add("b"));
            await(sleep(0));
            log.add("task");
        }));
        assertEquals(List.of("a", "b", "task"), log);
    }

    @Test
    void sleepReturnsItsResult() throws Exception {
        assertEquals("r", loop.runUntilComplete(Asyncio.sleep(Duration.ofMillis(5), "r")));
        assertEquals("z", loop.runUntilComplete(Asyncio.sleep(Duration.ZERO, "z")));
    }

    @Test
    void sleepRefusesNaN() {
        // test_sleep_when_delay_is_nan
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> sleep(Double.NaN));
        assertEquals("Invalid delay: NaN (not a number)", error.getMessage());
    }

    @Test
    void aCancelledSleepLeavesNoTimerBehind() {
        Task<Void> t = loop.createTask(sleep(3600));
        runOnce();
        assertEquals(1, loop.scheduledTimerCount());
        t.cancel();
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
        runOnce();
        assertEquals(0, loop.scheduledTimerCount());
        assertEquals(0.0, loop.time());
    }

    @Test
    void awaitingADoneFutureOrTaskDoesNotYield() throws Exception {
        IterationCounter counter = new IterationCounter().start();
        List<Integer> seen = loop.runUntilComplete(async(() -> {
            Future<String> done = loop.createFuture();
            done.setResult("x");
            Task<String> finished = createTask(async(() -> "y"));
            await(finished);
            List<Integer> at = new ArrayList<>();
            at.add(counter.iterations);
            await(done);
            await(finished);
            at.add(counter.iterations);
            counter.stopped = true;
            return at;
        }));
        assertEquals(seen.get(0), seen.get(1));
    }

    @Test
    void aFutureCompletedByACallbackWakesTheTaskInTheNextIteration() throws Exception {
        IterationCounter counter = new IterationCounter().start();
        List<Integer> seen = loop.runUntilComplete(async(() -> {
            Future<String> fut = loop.createFuture();
            List<Integer> at = new ArrayList<>();
            loop.callSoon(() -> {
                at.add(counter.iterations);
                fut.setResult("x");
            });
            await(fut);
            at.add(counter.iterations);
            counter.stopped = true;
            return at;
        }));
        assertEquals(seen.get(0) + 1, seen.get(1));
    }

    // ------------------------------------------------------------ blocking JDK calls (fast mode)

    private static void assumeFastMode() {
        // In portable mode a blocking JDK call inside a task holds the loop until it returns, as a
        // blocking call inside an asyncio coroutine does; only fast mode parks just the task.
        assumeTrue(Asyncio.schedulingMode() == SchedulingMode.FAST, "needs fast mode");
    }

    @Test
    void aBlockingJdkWaitInATaskParksOnlyThatTask() throws Exception {
        assumeFastMode();
        EventLoop real = new EventLoop();
        try {
            // The waiter blocks in CountDownLatch.await, a JDK call that knows nothing of the loop;
            // only another task on the same loop can release it, so the run ends only if the loop
            // kept running that task while the waiter was blocked.
            CountDownLatch released = new CountDownLatch(1);
            int[] turnsWhileWaiting = new int[1];
            boolean waited = real.runUntilComplete(async(() -> {
                Task<Boolean> waiter = createTask(async(() -> released.await(10, TimeUnit.SECONDS)));
                Task<Void> releaser = createTask(async(() -> {
                    for (; turnsWhileWaiting[0] < 3; turnsWhileWaiting[0]++) {
                        await(sleep(0));
                    }
                    released.countDown();
                }));
                await(releaser);
                return await(waiter);
            }));
            assertTrue(waited, "the waiter was released by the other task, not by its time-out");
            assertEquals(3, turnsWhileWaiting[0]);
        } finally {
            real.close();
        }
    }

    @Test
    void aTimedJdkWaitInATaskEndsWhileTheLoopRunsOthers() throws Exception {
        assumeFastMode();
        EventLoop real = new EventLoop();
        try {
            // A timed JDK wait (the JDK's own timer unparks the task, through the loop's thread-safe
            // queue) that nothing releases: it must end by itself while the other task keeps turning.
            boolean[] waiterDone = new boolean[1];
            int[] turnsWhileWaiting = new int[1];
            boolean released = real.runUntilComplete(async(() -> {
                Task<Boolean> waiter = createTask(async(() -> {
                    boolean result = new CountDownLatch(1).await(20, TimeUnit.MILLISECONDS);
                    waiterDone[0] = true;
                    return result;
                }));
                Task<Void> busy = createTask(async(() -> {
                    while (!waiterDone[0]) {
                        turnsWhileWaiting[0]++;
                        await(sleep(0));
                    }
                }));
                await(busy);
                return await(waiter);
            }));
            assertFalse(released, "nothing counted the latch down: the wait timed out");
            assertTrue(turnsWhileWaiting[0] > 0, "the other task ran while one waited");
        } finally {
            real.close();
        }
    }

    @Test
    void aBlockingSocketReadInATaskParksOnlyThatTask() throws Exception {
        assumeFastMode();
        EventLoop real = new EventLoop();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            boolean[] reading = new boolean[1];
            int read = real.runUntilComplete(async(() -> {
                Task<Integer> reader = createTask(async(() -> {
                    InputStream in = accepted.getInputStream();
                    reading[0] = true;
                    return in.read(); // blocks until the writer below runs
                }));
                Task<Void> writer = createTask(async(() -> {
                    while (!reading[0]) {
                        await(sleep(0));
                    }
                    OutputStream out = client.getOutputStream();
                    out.write(42);
                    out.flush();
                }));
                await(writer);
                return await(reader);
            }));
            assertEquals(42, read);
        } finally {
            real.close();
        }
    }
}
