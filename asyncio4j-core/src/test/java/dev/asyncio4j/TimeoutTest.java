package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.currentTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static dev.asyncio4j.Asyncio.timeout;
import static dev.asyncio4j.Asyncio.timeoutAt;
import static dev.asyncio4j.sync.AsyncTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Ports test_timeouts.py (3.13), in both forms: the exact run(body) and try-with-resources. */
class TimeoutTest {

    private static final Duration TEN_MS = Duration.ofMillis(10);

    /** Runs {@code body} in a coroutine of its own, so a try-form timeout's replacement applies. */
    private static <T> T inCoroutine(AsyncCallable<T> body) throws Exception {
        return await(async(body));
    }

    @Test
    void timeoutBasicTryForm() throws Exception {
        run(() -> {
            AtomicReference<Timeout> cm = new AtomicReference<>();
            TimeoutException e = assertThrows(TimeoutException.class, () -> inCoroutine(() -> {
                try (Timeout t = timeout(TEN_MS)) {
                    cm.set(t);
                    await(sleep(10));
                }
                return null;
            }));
            assertTrue(cm.get().expired());
            assertInstanceOf(CancelledException.class, e.getCause());
            assertEquals(0, currentTask().cancelling());
        });
    }

    @Test
    void timeoutBasicBlockForm() throws Exception {
        run(() -> {
            Timeout cm = new Timeout(getRunningLoop().time() + 0.01);
            assertThrows(TimeoutException.class, () -> cm.run(() -> await(sleep(10))));
            assertTrue(cm.expired());
            assertThrows(TimeoutException.class, () -> timeout(TEN_MS, () -> await(sleep(10))));
        });
    }

    @Test
    void timeoutAtBasic() throws Exception {
        run(() -> {
            double deadline = getRunningLoop().time() + 0.01;
            AtomicReference<Timeout> cm = new AtomicReference<>();
            assertThrows(TimeoutException.class, () -> inCoroutine(() -> {
                try (Timeout t = timeoutAt(deadline)) {
                    cm.set(t);
                    await(sleep(10));
                }
                return null;
            }));
            assertTrue(cm.get().expired());
            assertEquals(deadline, cm.get().when());
        });
    }

    @Test
    void nestedTimeoutsOnlyTheOuterRaises() throws Exception {
        run(() -> {
            double deadline = getRunningLoop().time() + 0.01;
            Timeout cm1 = new Timeout(deadline);
            Timeout cm2 = new Timeout(deadline);
            AtomicBoolean cancelled = new AtomicBoolean();
            assertThrows(TimeoutException.class, () -> cm1.run(() -> {
                try {
                    cm2.run(() -> await(sleep(10)));
                } catch (CancelledException e) {
                    cancelled.set(true);
                    throw e;
                }
            }));
            assertTrue(cancelled.get());
            assertTrue(cm1.expired());
            assertTrue(cm2.expired());
        });
    }

    @Test
    void nestedTimeoutsTryForm() throws Exception {
        run(() -> {
            double deadline = getRunningLoop().time() + 0.01;
            AtomicBoolean cancelled = new AtomicBoolean();
            assertThrows(TimeoutException.class, () -> inCoroutine(() -> {
                try (Timeout outer = timeoutAt(deadline)) {
                    try (Timeout inner = timeoutAt(deadline)) {
                        await(sleep(10));
                    } catch (CancelledException e) {
                        cancelled.set(true);
                        throw e;
                    }
                }
                return null;
            }));
            assertTrue(cancelled.get());
            assertEquals(0, currentTask().cancelling());
        });
    }

    @Test
    void waiterCancelled() throws Exception {
        run(() -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            assertThrows(TimeoutException.class, () -> timeout(TEN_MS, () -> {
                try {
                    await(sleep(10));
                } catch (CancelledException e) {
                    cancelled.set(true);
                    throw e;
                }
            }));
            assertTrue(cancelled.get());
        });
    }

    @Test
    void timeoutNotCalled() throws Exception {
        run(() -> {
            Timeout cm;
            try (Timeout t = timeout(Duration.ofSeconds(10))) {
                cm = t;
                await(sleep(0.01));
            }
            double t1 = getRunningLoop().time();
            assertFalse(cm.expired());
            assertTrue(cm.when() > t1);
            assertEquals(Timeout.State.EXITED, cm.state());
        });
    }

    @Test
    void timeoutDisabled() throws Exception {
        run(() -> {
            Timeout cm;
            try (Timeout t = timeout(null)) {
                cm = t;
                await(sleep(0.01));
            }
            assertFalse(cm.expired());
            assertNull(cm.when());
            try (Timeout t = timeoutAt(null)) {
                cm = t;
                await(sleep(0.01));
            }
            assertFalse(cm.expired());
            assertNull(cm.when());
        });
    }

    @Test
    void timeoutZeroAndInThePast() throws Exception {
        run(() -> {
            for (double delay : new double[] {0, -11}) {
                for (double nap : new double[] {10, 0}) {
                    double t0 = getRunningLoop().time();
                    Timeout cm = new Timeout(t0 + delay);
                    assertThrows(TimeoutException.class, () -> cm.run(() -> await(sleep(nap))));
                    double t1 = getRunningLoop().time();
                    assertTrue(cm.expired());
                    assertTrue(cm.when() <= t1);
                }
            }
        });
    }

    @Test
    void foreignExceptionPassed() throws Exception {
        run(() -> {
            Timeout cm = new Timeout(getRunningLoop().time() + 0.01);
            assertThrows(IllegalArgumentException.class, () -> cm.run(() -> {
                throw new IllegalArgumentException("key");
            }));
            assertFalse(cm.expired());
        });
    }

    @Test
    void foreignExceptionOnTimeout() throws Exception {
        run(() -> {
            AsyncRunnable crash = () -> {
                try {
                    await(sleep(1));
                } finally {
                    throw new ArithmeticException("/ by zero");
                }
            };
            assertThrows(ArithmeticException.class, () -> timeout(TEN_MS, crash));
            assertThrows(ArithmeticException.class, () -> inCoroutine(() -> {
                try (Timeout t = timeout(TEN_MS)) {
                    crash.run();
                }
                return null;
            }));
            assertEquals(0, currentTask().cancelling());
        });
    }

    @Test
    void foreignCancelDoesNotTimeOutIfNotExpired() throws Exception {
        run(() -> {
            Timeout cm = new Timeout(getRunningLoop().time() + 10);
            assertThrows(CancelledException.class, () -> cm.run(() -> {
                currentTask().cancel();
                await(sleep(10));
            }));
            assertFalse(cm.expired());
            currentTask().uncancel();
        });
    }

    @Test
    void outerCancelWinsOverAnExpiredTimeout() throws Exception {
        run(() -> {
            Task<Void> task = createTask(async(() -> {
                try (Timeout t = timeout(TEN_MS)) {
                    try {
                        await(sleep(10));
                    } finally {
                        await(sleep(1)); // the outer cancel arrives while cleaning up
                    }
                }
            }));
            await(sleep(0.5));
            task.cancel();
            assertThrows(CancelledException.class, () -> await(task));
            assertTrue(task.isCancelled());
        });
    }

    @Test
    void outerTaskIsNotCancelled() throws Exception {
        run(() -> {
            Task<Void> task = createTask(async(() -> {
                assertThrows(TimeoutException.class, () -> timeout(Duration.ofMillis(1), () -> await(sleep(10))));
            }));
            await(task);
            assertFalse(task.isCancelled());
            assertTrue(task.isDone());
        });
    }

    @Test
    void swallowedCancellationInTryFormContinuesNormally() throws Exception {
        run(() -> {
            Timeout cm;
            boolean after = false;
            try (Timeout t = timeout(TEN_MS)) {
                cm = t;
                try {
                    await(sleep(1));
                } catch (CancelledException swallowed) {
                    assertEquals(Timeout.State.EXPIRING, t.state());
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.reschedule(0.02));
                    assertTrue(e.getMessage().contains("expiring"), e.getMessage());
                }
            }
            after = true;
            assertTrue(after);
            assertTrue(cm.expired());
            assertEquals(0, currentTask().cancelling());
            await(sleep(0)); // not cancelled any more
        });
    }

    @Test
    void tryFormLeavesTheTryWithTheCancellationCarryingItsReplacement() throws Exception {
        run(() -> {
            AtomicReference<CancelledException> seen = new AtomicReference<>();
            TimeoutException e = assertThrows(TimeoutException.class, () -> inCoroutine(() -> {
                try {
                    try (Timeout t = timeout(TEN_MS)) {
                        await(sleep(10));
                    }
                } catch (CancelledException c) {
                    seen.set(c);
                    throw c;
                }
                return null;
            }));
            assertSame(e, seen.get().replacementOrSelf());
            assertSame(seen.get(), e.getCause());
        });
    }

    @Test
    void reschedule() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            Future<Timeout> fut = loop.createFuture();
            double deadline1 = loop.time() + 10;
            double deadline2 = deadline1 + 20;
            Task<Void> task = createTask(async(() -> {
                try (Timeout cm = timeoutAt(deadline1)) {
                    fut.setResult(cm);
                    await(sleep(50));
                }
            }));
            Timeout cm = await(fut);
            assertEquals(deadline1, cm.when());
            cm.reschedule(deadline2);
            assertEquals(deadline2, cm.when());
            cm.reschedule(null);
            assertNull(cm.when());
            task.cancel();
            assertThrows(CancelledException.class, () -> await(task));
            assertFalse(cm.expired());
        });
    }

    @Test
    void rescheduleEarlierExpires() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            double t0 = loop.time();
            Timeout cm = new Timeout(t0 + 100);
            assertThrows(TimeoutException.class, () -> cm.run(() -> {
                cm.reschedule(loop.time() + 1);
                await(sleep(50));
            }));
            assertEquals(t0 + 1, loop.time(), 1e-6);
        });
    }

    @Test
    void toStringShowsStateAsAsyncioReprDoes() throws Exception {
        run(() -> {
            try (Timeout cm = timeout(Duration.ofSeconds(10))) {
                assertTrue(cm.toString().matches("Timeout\\[active, when=\\d+\\.\\d{3}]"), cm.toString());
            }
            try (Timeout cm = timeout(null)) {
                assertEquals("Timeout[active, when=null]", cm.toString());
            }
            Timeout expired = new Timeout(getRunningLoop().time() + 0.01);
            assertThrows(TimeoutException.class, () -> expired.run(() -> await(sleep(10))));
            assertEquals("Timeout[expired]", expired.toString());
            Timeout finished = new Timeout(getRunningLoop().time() + 10);
            finished.run(() -> await(sleep(0)));
            assertEquals("Timeout[finished]", finished.toString());
            assertEquals("Timeout[created]", new Timeout(null).toString());
        });
    }

    @Test
    void nestedTimeoutInFinally() throws Exception {
        run(() -> {
            AtomicReference<TimeoutException> inner = new AtomicReference<>();
            TimeoutException outer = assertThrows(TimeoutException.class, () -> timeout(TEN_MS, () -> {
                try {
                    await(sleep(1));
                } finally {
                    inner.set(assertThrows(TimeoutException.class, () -> timeout(TEN_MS, () -> await(sleep(10)))));
                }
            }));
            assertInstanceOf(CancelledException.class, outer.getCause());
            assertInstanceOf(CancelledException.class, inner.get().getCause());
            assertEquals(0, currentTask().cancelling());
        });
    }

    @Test
    void timeoutAfterCancellation() throws Exception {
        run(() -> {
            try {
                currentTask().cancel();
                await(sleep(1));
            } catch (CancelledException e) {
                // swallowed (without uncancel, as the CPython test does)
            } finally {
                assertThrows(TimeoutException.class, () -> timeout(Duration.ZERO, () -> await(sleep(1))));
            }
            currentTask().uncancel();
        });
    }

    @Test
    void cancelInTimeoutAfterCancellation() throws Exception {
        run(() -> {
            try {
                currentTask().cancel();
                await(sleep(1));
            } catch (CancelledException e) {
                // swallowed
            } finally {
                assertThrows(CancelledException.class, () -> timeout(Duration.ofSeconds(1), () -> {
                    currentTask().cancel();
                    await(sleep(2));
                }));
            }
            currentTask().uncancel();
            currentTask().uncancel();
        });
    }

    @Test
    void stateErrorsCarryAsyncioMessages() throws Exception {
        run(() -> {
            try (Timeout cm = timeout(TEN_MS)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, cm::enter);
                assertEquals("Timeout has already been entered", e.getMessage());
            }
            Timeout done = new Timeout(null);
            done.run(() -> { });
            assertEquals("Timeout has already been entered",
                    assertThrows(IllegalStateException.class, done::enter).getMessage());
            assertEquals("Cannot change state of finished Timeout",
                    assertThrows(IllegalStateException.class, () -> done.reschedule(0.02)).getMessage());
            Timeout expired = new Timeout(getRunningLoop().time() + 0.01);
            assertThrows(TimeoutException.class, () -> expired.run(() -> await(sleep(1))));
            assertEquals("Cannot change state of expired Timeout",
                    assertThrows(IllegalStateException.class, () -> expired.reschedule(0.02)).getMessage());
            assertEquals("Timeout has not been entered",
                    assertThrows(IllegalStateException.class, () -> new Timeout(0.01).reschedule(0.02)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> new Timeout(Double.NaN));
        });
    }

    @Test
    void withoutATask() {
        Timeout cm = new Timeout(0.01);
        IllegalStateException e = assertThrows(IllegalStateException.class, cm::enter);
        assertEquals("Timeout should be used inside a task", e.getMessage());
        assertEquals("Timeout has not been entered",
                assertThrows(IllegalStateException.class, () -> cm.reschedule(0.02)).getMessage());
        assertThrows(IllegalStateException.class, () -> timeout(TEN_MS));
    }

    @Test
    void timeoutAroundTaskGroup() throws Exception {
        run(() -> {
            AsyncRunnable task = () -> {
                try {
                    await(sleep(2));
                } finally {
                    throw new ArithmeticException("crash in cleanup");
                }
            };
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> timeout(TEN_MS, () -> {
                TaskGroup tg = new TaskGroup();
                tg.run(() -> {
                    tg.createTask(async(task));
                    try {
                        throw new IllegalArgumentException("value");
                    } finally {
                        await(sleep(1));
                    }
                });
            }));
            // The cancellation in the finally block replaced the body's own exception, as in Python.
            assertEquals(1, eg.exceptions().size(), eg.toString());
            assertInstanceOf(ArithmeticException.class, eg.exceptions().get(0));
            assertEquals(0, currentTask().cancelling());
        });
    }
}
