package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.ensureFuture;
import static dev.asyncio4j.Asyncio.gather;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.shield;
import static dev.asyncio4j.Asyncio.sleep;
import static dev.asyncio4j.sync.AsyncTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Ports the gather and shield parts of test_tasks.py (3.13). */
class GatherTest {

    /** One pass of the loop for the calling task: test_utils.run_briefly. */
    private static void runBriefly() throws Exception {
        await(sleep(0));
    }

    private static <T> List<Future<T>> futures(int count) {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(getRunningLoop().createFuture());
        }
        return futures;
    }

    @Test
    void emptyGatherIsDoneWithAnEmptyList() throws Exception {
        run(() -> {
            Future<List<Object>> fut = gather();
            assertTrue(fut.isDone());
            assertEquals(List.of(), fut.result());
        });
    }

    @Test
    void resultsComeInArgumentOrder() throws Exception {
        run(() -> {
            List<Future<Integer>> f = futures(3);
            Future<List<Integer>> fut = gather(f.get(0), f.get(1), f.get(2));
            AtomicInteger callbacks = new AtomicInteger();
            fut.addDoneCallback(done -> callbacks.incrementAndGet());
            f.get(1).setResult(2);
            f.get(2).setResult(3);
            runBriefly();
            assertFalse(fut.isDone());
            f.get(0).setResult(1);
            runBriefly();
            runBriefly();
            assertEquals(List.of(1, 2, 3), fut.result());
            assertEquals(1, callbacks.get());
        });
    }

    @Test
    void theFirstExceptionFailsTheGatherWhileTheOthersKeepRunning() throws Exception {
        run(() -> {
            List<Future<Integer>> f = futures(5);
            Future<List<Integer>> fut = gather(f);
            IllegalStateException exc = new IllegalStateException();
            f.get(0).setResult(1);
            f.get(1).setException(exc);
            runBriefly();
            assertTrue(fut.isDone());
            assertSame(exc, fut.exception());
            assertFalse(f.get(2).isDone());
            f.get(2).setResult(3);
            f.get(3).cancel();
            f.get(4).setException(new IllegalArgumentException());
            runBriefly();
            assertSame(exc, fut.exception());
        });
    }

    @Test
    void returnExceptionsCollectsErrorsAndCancellationsInPlace() throws Exception {
        run(() -> {
            List<Future<Object>> f = futures(4);
            Future<List<Object>> fut = gather(f, true);
            IllegalStateException exc1 = new IllegalStateException();
            IllegalArgumentException exc2 = new IllegalArgumentException();
            f.get(0).setResult(3);
            f.get(1).setException(exc1);
            f.get(2).cancel("why");
            f.get(3).setException(exc2);
            runBriefly();
            runBriefly();
            List<Object> results = fut.result();
            assertEquals(3, results.get(0));
            assertSame(exc1, results.get(1));
            assertInstanceOf(CancelledException.class, results.get(2));
            assertEquals("why", ((CancelledException) results.get(2)).getMessage());
            assertSame(exc2, results.get(3));
        });
    }

    @Test
    void aCancelledChildFailsTheGatherWithoutCancellingIt() throws Exception {
        run(() -> {
            List<Future<Integer>> f = futures(5);
            Future<List<Integer>> fut = gather(f);
            f.get(0).setResult(1);
            f.get(1).cancel();
            runBriefly();
            assertTrue(fut.isDone());
            assertFalse(fut.isCancelled());
            assertInstanceOf(CancelledException.class, fut.exception());
            assertFalse(f.get(2).isCancelled(), "siblings are not cancelled");
        });
    }

    @Test
    void duplicateCoroutinesRunOnce() throws Exception {
        run(() -> {
            AtomicInteger runs = new AtomicInteger();
            Coroutine<String> c = async(() -> {
                runs.incrementAndGet();
                return "ham";
            });
            List<String> result = await(gather(c, c, async(() -> "spam"), c));
            assertEquals(List.of("ham", "ham", "spam", "ham"), result);
            assertEquals(1, runs.get());
        });
    }

    @Test
    void cancellingTheGatherCancelsTheChildrenAndRaises() throws Exception {
        run(() -> {
            Future<Void> waiter = getRunningLoop().createFuture();
            AtomicInteger proof = new AtomicInteger();
            AsyncRunnable inner = () -> {
                await(waiter);
                proof.incrementAndGet();
            };
            Task<Void> child1 = createTask(async(inner));
            Task<Void> child2 = createTask(async(inner));
            AtomicReference<Future<List<Void>>> gatherer = new AtomicReference<>();
            Task<Void> f = createTask(async(() -> {
                gatherer.set(gather(child1, child2));
                await(gatherer.get());
                proof.addAndGet(100);
            }));
            runBriefly();
            assertTrue(f.cancel());
            assertThrows(CancelledException.class, () -> await(f));
            assertFalse(gatherer.get().cancel());
            assertTrue(waiter.isCancelled());
            assertTrue(child1.isCancelled());
            assertTrue(child2.isCancelled());
            runBriefly();
            assertEquals(0, proof.get());
        });
    }

    @Test
    void cancellingTheGatherRaisesEvenWithReturnExceptions() throws Exception {
        run(() -> {
            Task<Void> qwe = createTask(async(() -> {
                for (int i = 0; i < 100; i++) {
                    await(gather(true, sleep(0.05)));
                }
            }));
            await(sleep(0.2));
            qwe.cancel("my message");
            CancelledException e = assertThrows(CancelledException.class, () -> await(qwe));
            assertTrue(chainHasMessage(e, "my message"), String.valueOf(e));
        });
    }

    private static boolean chainHasMessage(Throwable error, String message) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (message.equals(current.getMessage())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aGatherRefusesToBeCancelledOnceItsChildrenAreDone() throws Exception {
        run(() -> {
            Future<Integer> fut = getRunningLoop().createFuture();
            Future<List<Integer>> gatherFuture = gather(async(() -> await(fut)));
            runBriefly();
            AtomicReference<Boolean> cancelResult = new AtomicReference<>();
            fut.addDoneCallback(done -> cancelResult.set(gatherFuture.cancel()));
            fut.setResult(42);
            assertEquals(List.of(42), await(gatherFuture));
            assertEquals(false, cancelResult.get());
            assertFalse(gatherFuture.isCancelled());
        });
    }

    @Test
    void exceptionsOfChildrenAreMarkedRetrieved() throws Exception {
        run(() -> {
            Future<Void> a = getRunningLoop().createFuture();
            Future<Void> b = getRunningLoop().createFuture();
            AsyncCallable<Void> inner1 = () -> {
                await(a);
                throw new IllegalStateException("should not be ignored");
            };
            AsyncCallable<Void> inner2 = () -> {
                await(b);
                throw new IllegalStateException("should not be ignored");
            };
            Task<List<Void>> f = createTask(async(() -> await(gather(async(inner1), async(inner2)))));
            runBriefly();
            a.setResult(null);
            runBriefly();
            b.setResult(null);
            runBriefly();
            runBriefly();
            assertInstanceOf(IllegalStateException.class, f.exception());
        });
    }

    @Test
    void childrenOfAnotherLoopAreRefused() throws Exception {
        EventLoop other = dev.asyncio4j.sync.AsyncTesting.newLoop();
        try {
            Future<Integer> foreign = other.createFuture();
            run(() -> {
                Future<Integer> mine = getRunningLoop().createFuture();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gather(mine, foreign));
                assertEquals("The future belongs to a different loop than the one specified as the loop argument",
                        e.getMessage());
            });
        } finally {
            other.close();
        }
    }

    @Test
    void gatherOfTenThousandTasks() throws Exception {
        run(() -> {
            List<Coroutine<Integer>> coroutines = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                int value = i;
                coroutines.add(async(() -> {
                    await(sleep(0));
                    return value;
                }));
            }
            List<Integer> results = await(gather(coroutines));
            assertEquals(10_000, results.size());
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i, results.get(i));
            }
        });
    }

    // ---------------------------------------------------------------- shield

    @Test
    void shieldPassesTheResultTheExceptionAndTheInnerCancellation() throws Exception {
        run(() -> {
            Future<Integer> inner = getRunningLoop().createFuture();
            Future<Integer> outer = shield(inner);
            runBriefly();
            inner.setResult(42);
            runBriefly();
            assertEquals(42, outer.result());

            Future<Integer> failing = getRunningLoop().createFuture();
            Future<Integer> outer2 = shield(failing);
            IllegalStateException exc = new IllegalStateException();
            failing.setException(exc);
            runBriefly();
            assertSame(exc, outer2.exception());

            Future<Integer> cancelled = getRunningLoop().createFuture();
            Future<Integer> outer3 = shield(cancelled);
            cancelled.cancel();
            runBriefly();
            assertTrue(outer3.isCancelled());
        });
    }

    @Test
    void cancellingTheShieldLeavesTheInnerRunning() throws Exception {
        run(() -> {
            Future<Integer> inner = getRunningLoop().createFuture();
            Future<Integer> outer = shield(inner);
            runBriefly();
            outer.cancel();
            runBriefly();
            assertTrue(outer.isCancelled());
            assertFalse(inner.isCancelled());
            inner.setResult(1);
            runBriefly();
            Future<Integer> done = getRunningLoop().createFuture();
            done.setResult(7);
            assertSame(done, shield(done), "a done future is returned as it is");
        });
    }

    @Test
    void cancellingTheOuterTaskDoesNotCancelTheShieldedOne() throws Exception {
        run(() -> {
            AtomicInteger proof = new AtomicInteger();
            Future<Void> waiter = getRunningLoop().createFuture();
            Task<Void> f = createTask(async(() -> {
                await(shield(async(() -> {
                    await(waiter);
                    proof.incrementAndGet();
                })));
                proof.addAndGet(100);
            }));
            runBriefly();
            f.cancel();
            assertThrows(CancelledException.class, () -> await(f));
            waiter.setResult(null);
            runBriefly();
            runBriefly();
            assertEquals(1, proof.get());
        });
    }

    @Test
    void shieldOfAGatherAndGatherOfShields() throws Exception {
        run(() -> {
            Future<Integer> child1 = getRunningLoop().createFuture();
            Future<Integer> child2 = getRunningLoop().createFuture();
            Future<List<Integer>> parent = gather(child1, child2);
            Future<List<Integer>> outer = shield(parent);
            runBriefly();
            outer.cancel();
            runBriefly();
            assertTrue(outer.isCancelled());
            child1.setResult(1);
            child2.setResult(2);
            runBriefly();
            runBriefly();
            assertEquals(List.of(1, 2), parent.result());

            Future<Integer> c1 = getRunningLoop().createFuture();
            Future<Integer> c2 = getRunningLoop().createFuture();
            Future<Integer> s1 = shield(c1);
            Future<Integer> s2 = shield(c2);
            Future<List<Integer>> gathered = gather(s1, s2);
            runBriefly();
            gathered.cancel();
            runBriefly();
            assertTrue(s1.isCancelled());
            assertTrue(s2.isCancelled());
            assertFalse(c1.isCancelled());
            assertFalse(c2.isCancelled());
            assertThrows(CancelledException.class, () -> await(gathered));
        });
    }

    @Test
    void ensureFutureOfAGatherIsTheGather() throws Exception {
        run(() -> {
            Future<List<Integer>> g = gather(sleep(java.time.Duration.ZERO, 1));
            assertSame(g, ensureFuture(g));
            assertEquals(List.of(1), await(g));
        });
    }
}
