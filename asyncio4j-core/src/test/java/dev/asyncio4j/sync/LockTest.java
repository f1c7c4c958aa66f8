package dev.asyncio4j.sync;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.sync.AsyncTesting.run;
import static dev.asyncio4j.sync.AsyncTesting.task;
import static dev.asyncio4j.sync.AsyncTesting.taskVoid;
import static dev.asyncio4j.sync.AsyncTesting.yieldOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Runner;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CPython's {@code test_locks.LockTests}, and the Java forms of {@code async with} and loop binding. */
@Timeout(10)
class LockTest {

    @Test
    void toStringShowsStateAndWaiters() throws Exception {
        run(() -> {
            Lock lock = new Lock();
            assertEquals("Lock[unlocked, waiters=0]", lock.toString());
            await(lock.acquire());
            assertEquals("Lock[locked, waiters=0]", lock.toString());
            createTask(lock.acquire());
            createTask(lock.acquire());
            yieldOnce();
            assertEquals("Lock[locked, waiters=2]", lock.toString());
        });
    }

    @Test
    void acquireWakesWaitersInFifoOrder() throws Exception {
        run(() -> {
            Lock lock = new Lock();
            List<Integer> result = new ArrayList<>();
            assertTrue(await(lock.acquire()));
            Task<Boolean> t1 = task(() -> {
                if (await(lock.acquire())) {
                    result.add(1);
                }
                return true;
            });
            Task<Boolean> t2 = task(() -> {
                if (await(lock.acquire())) {
                    result.add(2);
                }
                return true;
            });
            yieldOnce();
            assertEquals(List.of(), result);

            lock.release();
            yieldOnce();
            assertEquals(List.of(1), result);
            yieldOnce();
            assertEquals(List.of(1), result);

            Task<Boolean> t3 = task(() -> {
                if (await(lock.acquire())) {
                    result.add(3);
                }
                return true;
            });
            lock.release();
            yieldOnce();
            assertEquals(List.of(1, 2), result);

            lock.release();
            yieldOnce();
            assertEquals(List.of(1, 2, 3), result);
            AsyncTesting.assertAllReturned(true, List.of(t1, t2, t3));
        });
    }

    @Test
    void acquireCancelledLeavesNoWaiter() throws Exception {
        run(() -> {
            Lock lock = new Lock();
            assertTrue(await(lock.acquire()));
            Task<Boolean> waiting = createTask(lock.acquire());
            getRunningLoop().callSoon(waiting::cancel);
            assertThrows(CancelledException.class, () -> await(waiting));
            assertEquals(0, lock.waiterCount());
        });
    }

    private static Coroutine<Void> lockit(Lock lock, Future<Void> blocker) {
        return async(() -> {
            await(lock.acquire());
            try {
                if (blocker != null) {
                    await(blocker);
                }
            } finally {
                lock.release();
            }
        });
    }

    @Test
    void cancelRaceSkipsTheCancelledWaiter() throws Exception {
        // A holds the lock, B and C wait; B is cancelled as A releases: C must get the lock.
        run(() -> {
            Lock lock = new Lock();
            Future<Void> fa = getRunningLoop().createFuture();
            Task<Void> ta = createTask(lockit(lock, fa));
            yieldOnce();
            assertTrue(lock.locked());
            Task<Void> tb = createTask(lockit(lock, null));
            yieldOnce();
            assertEquals(1, lock.waiterCount());
            Task<Void> tc = createTask(lockit(lock, null));
            yieldOnce();
            assertEquals(2, lock.waiterCount());

            fa.setResult(null);
            tb.cancel();
            assertTrue(lock.waiters.peekFirst().isCancelled());
            yieldOnce();
            assertFalse(lock.locked());
            assertTrue(ta.isDone());
            assertTrue(tb.isCancelled());
            await(tc);
        });
    }

    @Test
    void cancelReleaseRaceTakesTheLockOnce() throws Exception {
        // bpo-32734: four acquires, cancel the second, release the first: only one more may lock.
        run(() -> {
            Lock lock = new Lock();
            int[] lockCount = {0};
            int[] callCount = {0};
            List<Task<Void>> tasks = new ArrayList<>();
            await(lock.acquire());
            for (int i = 0; i < 3; i++) {
                tasks.add(taskVoid(() -> {
                    callCount[0]++;
                    await(lock.acquire());
                    lockCount[0]++;
                }));
            }
            yieldOnce();
            Task<Void> t1 = tasks.get(0);
            getRunningLoop().callSoon(() -> {
                t1.cancel();
                lock.release();
            });
            assertThrows(CancelledException.class, () -> await(t1));
            assertEquals(1, lockCount[0]);
            assertEquals(3, callCount[0]);
            assertTrue(t1.isCancelled() && tasks.get(1).isDone());

            Task<Void> t3 = tasks.get(2);
            t3.cancel();
            yieldOnce();
            assertTrue(t3.isCancelled());
        });
    }

    @Test
    void waiterCancelledAfterBeingWokenPassesTheLockOn() throws Exception {
        run(() -> {
            Lock lock = new Lock();
            await(lock.acquire());
            assertTrue(lock.locked());
            Task<Boolean> tb = createTask(lock.acquire());
            yieldOnce();
            assertEquals(1, lock.waiterCount());

            // A second waiter; wake the first and cancel it. Without the fix the second never woke.
            Task<Boolean> tc = createTask(lock.acquire());
            tb.cancel();
            lock.release();
            yieldOnce();
            assertTrue(lock.locked());
            assertTrue(tb.isCancelled());
            assertTrue(await(tc));
        });
    }

    @Test
    void wokenWaiterCancelledBeforeItRunsWakesTheNext() throws Exception {
        // The race of CPython's fix: release() completes B's future, then B is cancelled before it
        // runs; B must hand the lock to C.
        run(() -> {
            Lock lock = new Lock();
            await(lock.acquire());
            Task<Boolean> tb = createTask(lock.acquire());
            Task<Boolean> tc = createTask(lock.acquire());
            yieldOnce();
            lock.release();
            assertTrue(lock.waiters.peekFirst().isDone());
            tb.cancel();
            assertThrows(CancelledException.class, () -> await(tb));
            assertTrue(await(tc));
            assertTrue(lock.locked());
            assertEquals(0, lock.waiterCount());
        });
    }

    @Test
    void releaseWhenNotAcquiredFails() throws Exception {
        Lock lock = new Lock();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("Lock is not acquired.", e.getMessage());
        assertFalse(lock.locked());
    }

    @Test
    void releaseWithoutWaiters() throws Exception {
        run(() -> {
            Lock lock = new Lock();
            await(lock.acquire());
            assertTrue(lock.locked());
            lock.release();
            assertFalse(lock.locked());
        });
    }

    @Test
    void releasingTaskQueuesBehindWaitersWhenItAsksAgain() throws Exception {
        run(() -> {
            Lock lock = new Lock();
            List<String> order = new ArrayList<>();
            await(lock.acquire());
            Task<Void> other = taskVoid(() -> {
                await(lock.acquire());
                order.add("other");
                lock.release();
            });
            yieldOnce();
            lock.release();
            await(lock.acquire());
            order.add("main");
            lock.release();
            await(other);
            assertEquals(List.of("other", "main"), order);
        });
    }

    @Test
    void holdIsAsyncWith() throws Exception {
        run(() -> {
            Lock lock = new Lock();
            assertFalse(lock.locked());
            try (Held held = await(lock.hold())) {
                assertTrue(lock.locked());
                assertEquals("Held[Lock[locked, waiters=0]]", held.toString());
            }
            assertFalse(lock.locked());
        });
    }

    @Test
    void holdReleasesOnException() throws Exception {
        run(() -> {
            Lock lock = new Lock();
            assertThrows(ArithmeticException.class, () -> {
                try (Held held = await(lock.hold())) {
                    throw new ArithmeticException("boom");
                }
            });
            assertFalse(lock.locked());
        });
    }

    @Test
    void heldIsOnePerLockAndClosingTwiceReleasesTwice() throws Exception {
        run(() -> {
            Lock lock = new Lock();
            Held first = await(lock.hold());
            first.close();
            Held second = await(lock.hold());
            assertSame(first, second);
            await(second.aclose());
            assertFalse(lock.locked());
            // As asyncio's __aexit__ after a manual release: release() of an unlocked lock.
            assertThrows(IllegalStateException.class, second::close);
        });
    }

    @Test
    void holdWaitsItsTurn() throws Exception {
        run(() -> {
            Lock lock = new Lock();
            List<Integer> order = new ArrayList<>();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                tasks.add(taskVoid(() -> {
                    try (Held held = await(lock.hold())) {
                        order.add(n);
                        yieldOnce();
                        order.add(n);
                    }
                }));
            }
            AsyncTesting.gather(tasks);
            assertEquals(List.of(0, 0, 1, 1, 2, 2), order);
        });
    }

    @Test
    void waitingFromAnotherLoopIsAnError() throws Exception {
        Lock lock = new Lock();
        run(() -> {
            await(lock.acquire());
            Task<Boolean> waiter = createTask(lock.acquire());   // binds the lock to this loop
            yieldOnce();
            waiter.cancel();
            yieldOnce();
        });
        try (Runner other = new Runner(null, AsyncTesting::newLoop)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> other.run(lock.acquire()));
            assertEquals("Lock[locked, waiters=0] is bound to a different event loop", e.getMessage());
        }
        // The uncontended path touches no loop, as in asyncio.
        lock.release();
        try (Runner other = new Runner(null, AsyncTesting::newLoop)) {
            assertTrue(other.run(lock.acquire()));
        }
    }

    @Test
    void usableFromRunUntilComplete() throws Exception {
        Lock lock = new Lock();
        EventLoop loop = AsyncTesting.newLoop();
        try {
            assertTrue(loop.runUntilComplete(lock.acquire()));
            Task<Boolean> second = loop.createTask(lock.acquire());
            loop.callSoon(second::cancel);
            assertThrows(CancelledException.class, () -> loop.runUntilComplete(second));
        } finally {
            loop.close();
        }
    }
}
