package dev.asyncio4j.sync;

import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static dev.asyncio4j.sync.AsyncTesting.gather;
import static dev.asyncio4j.sync.AsyncTesting.gatherReturningExceptions;
import static dev.asyncio4j.sync.AsyncTesting.run;
import static dev.asyncio4j.sync.AsyncTesting.task;
import static dev.asyncio4j.sync.AsyncTesting.taskVoid;
import static dev.asyncio4j.sync.AsyncTesting.waitFor;
import static dev.asyncio4j.sync.AsyncTesting.yieldOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CPython's {@code test_locks.SemaphoreTests}, with the FIFO tests of 3.12/3.13, and BoundedSemaphore. */
@Timeout(10)
class SemaphoreTest {

    @Test
    void initialValueZeroIsLocked() {
        assertTrue(new Semaphore(0).locked());
    }

    @Test
    void toStringShowsStateValueAndWaiters() throws Exception {
        run(() -> {
            Semaphore sem = new Semaphore();
            assertEquals("Semaphore[unlocked, value=1, waiters=0]", sem.toString());
            await(sem.acquire());
            assertEquals("Semaphore[locked, value=0, waiters=0]", sem.toString());
            createTask(sem.acquire());
            yieldOnce();
            assertEquals("Semaphore[locked, value=0, waiters=1]", sem.toString());
            createTask(sem.acquire());
            yieldOnce();
            assertEquals("Semaphore[locked, value=0, waiters=2]", sem.toString());
            assertEquals("BoundedSemaphore[unlocked, value=3, waiters=0]", new BoundedSemaphore(3).toString());
        });
    }

    @Test
    void defaultValueIsOne() {
        Semaphore sem = new Semaphore();
        assertEquals(1, sem.value);
        assertFalse(sem.locked());
    }

    @Test
    void negativeValueIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertEquals("Semaphore initial value must be >= 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
    }

    @Test
    void acquire() throws Exception {
        run(() -> {
            Semaphore sem = new Semaphore(3);
            List<Integer> result = new ArrayList<>();
            assertTrue(await(sem.acquire()));
            assertTrue(await(sem.acquire()));
            assertFalse(sem.locked());
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                tasks.add(task(() -> {
                    await(sem.acquire());
                    result.add(n);
                    return true;
                }));
            }
            yieldOnce();
            assertEquals(List.of(1), result);
            assertTrue(sem.locked());
            assertEquals(2, sem.waiterCount());
            assertEquals(0, sem.value);

            Task<Boolean> t4 = task(() -> {
                await(sem.acquire());
                result.add(4);
                return true;
            });
            sem.release();
            sem.release();
            assertEquals(0, sem.value);

            yieldOnce();
            assertEquals(0, sem.value);
            assertEquals(3, result.size());
            assertTrue(sem.locked());
            assertEquals(1, sem.waiterCount());
            assertEquals(0, sem.value);

            assertTrue(tasks.get(0).isDone());
            assertTrue(tasks.get(0).result());
            List<Task<Boolean>> race = List.of(tasks.get(1), tasks.get(2), t4);
            assertEquals(2, race.stream().filter(Task::isDone).count());
            // In this implementation, as in CPython's: the woken waiters are t2 and t3 (FIFO).
            assertEquals(List.of(1, 2, 3), result);

            sem.release();
            gather(race);
        });
    }

    @Test
    void cancelledAcquireLeavesNoLiveWaiter() throws Exception {
        run(() -> {
            Semaphore sem = new Semaphore();
            await(sem.acquire());
            Task<Boolean> acquire = createTask(sem.acquire());
            getRunningLoop().callSoon(acquire::cancel);
            assertThrows(CancelledException.class, () -> await(acquire));
            assertTrue(sem.waiters == null || sem.waiters.stream().allMatch(w -> w.isDone()));
        });
    }

    @Test
    void cancelBeforeAwokenSkipsTheCancelled() throws Exception {
        run(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Boolean> t1 = createTask(sem.acquire());
            Task<Boolean> t2 = createTask(sem.acquire());
            Task<Boolean> t3 = createTask(sem.acquire());
            Task<Boolean> t4 = createTask(sem.acquire());
            yieldOnce();

            t1.cancel();
            t2.cancel();
            sem.release();
            yieldOnce();
            yieldOnce();
            assertEquals(1, List.of(t3, t4).stream().filter(Task::isDone).count());
            assertTrue(t3.isDone());
            assertFalse(t4.isDone());

            t3.cancel();
            t4.cancel();
            yieldOnce();
        });
    }

    @Test
    void cancelledFirstWaiterDoesNotHang() throws Exception {
        run(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Boolean> t1 = createTask(sem.acquire());
            Task<Boolean> t2 = createTask(sem.acquire());
            yieldOnce();

            t1.cancel();
            sem.release();
            yieldOnce();
            yieldOnce();
            assertTrue(sem.locked());
            assertTrue(t2.isDone());
        });
    }

    @Test
    void waiterCancelledAfterBeingWokenGivesThePermitBack() throws Exception {
        run(() -> {
            Semaphore sem = new Semaphore(1);
            List<Task<Void>> tasks = new ArrayList<>();
            tasks.add(taskVoid(() -> {
                try (Held held = await(sem.hold())) {
                    yieldOnce();
                }
                tasks.get(1).cancel();
            }));
            tasks.add(taskVoid(() -> {
                try (Held held = await(sem.hold())) {
                    throw new AssertionError("must not get the permit: it was cancelled");
                }
            }));
            List<Object> results = gatherReturningExceptions(tasks);
            assertNull(results.get(0));
            assertInstanceOf(CancelledException.class, results.get(1));
            assertEquals(1, sem.value);
            waitFor(sem.acquire(), 1.0);
        });
    }

    @Test
    void boundedSemaphoreOverReleaseFails() throws Exception {
        BoundedSemaphore sem = new BoundedSemaphore();
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertEquals("BoundedSemaphore released too many times", e.getMessage());
        assertEquals(1, sem.value);
        run(() -> {
            // Released inside the block, then again by Held.close(), as asyncio's __aexit__ would.
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> {
                try (Held held = await(sem.hold())) {
                    assertTrue(sem.locked());
                    sem.release();
                }
            });
            assertEquals("BoundedSemaphore released too many times", again.getMessage());
            assertEquals(1, sem.value);
        });
    }

    @Test
    void releaseWithoutWaiters() throws Exception {
        run(() -> {
            Semaphore sem = new Semaphore();
            await(sem.acquire());
            assertTrue(sem.locked());
            sem.release();
            assertFalse(sem.locked());
        });
    }

    @Test
    void plainSemaphoreMayGoAboveItsInitialValue() {
        Semaphore sem = new Semaphore(1);
        sem.release();
        assertEquals(2, sem.value);
    }

    @Test
    void acquireFifoOrder() throws Exception {
        run(() -> {
            Semaphore sem = new Semaphore(1);
            List<String> result = new ArrayList<>();
            List<Task<Void>> tasks = new ArrayList<>();
            for (String tag : List.of("c1", "c2", "c3")) {
                tasks.add(taskVoid(() -> {
                    await(sem.acquire());
                    result.add(tag + "_1");
                    await(sleep(0.01));
                    sem.release();

                    await(sem.acquire());
                    result.add(tag + "_2");
                    await(sleep(0.01));
                    sem.release();
                }));
            }
            gather(tasks);
            assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), result);
        });
    }

    @Test
    void acquireFifoOrder2() throws Exception {
        run(() -> {
            Semaphore sem = new Semaphore(1);
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = task(() -> {
                await(sem.acquire());
                result.add(1);
                return true;
            });
            Task<Boolean> t2 = task(() -> {
                await(sem.acquire());
                result.add(2);
                sem.release();
                await(sem.acquire());
                result.add(4);
                return true;
            });
            Task<Boolean> t3 = task(() -> {
                await(sem.acquire());
                result.add(3);
                return true;
            });
            yieldOnce();
            sem.release();
            sem.release();
            gather(List.of(t1, t2, t3));
            assertEquals(List.of(1, 2, 3, 4), result);
        });
    }

    @Test
    void acquireFifoOrder3() throws Exception {
        run(() -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> result = new ArrayList<>();
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                tasks.add(task(() -> {
                    await(sem.acquire());
                    result.add(n);
                    return true;
                }));
            }
            yieldOnce();
            tasks.get(0).cancel();
            yieldOnce();
            sem.release();
            sem.release();
            gatherReturningExceptions(tasks);
            assertEquals(List.of(2, 3), result);
        });
    }

    @Test
    void acquireWakesTheWaitersQueuedBehindItForFairness() throws Exception {
        // CPython's test_acquire_fifo_order_4: a successful acquire() wakes the tasks that queued
        // behind it only because of the FIFO rule.
        run(() -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> result = new ArrayList<>();
            List<Task<Boolean>> t4 = new ArrayList<>();
            Task<Boolean> t1 = task(() -> {
                // Waits at once; c2 wakes it.
                assertEquals(0, sem.value);
                await(sem.acquire());
                // Every waiting task has been woken now.
                assertEquals(0, sem.value);
                // A fourth task: it must run after c3, not before c2.
                t4.add(task(() -> {
                    result.add(4);
                    return true;
                }));
                result.add(1);
                return true;
            });
            Task<Boolean> t2 = task(() -> {
                // Releases three times, for c1, c2 and c3.
                sem.release();
                sem.release();
                sem.release();
                assertEquals(2, sem.value);
                // Locked, because c1 has not woken up yet.
                assertTrue(sem.locked());
                await(sem.acquire());
                result.add(2);
                return true;
            });
            Task<Boolean> t3 = task(() -> {
                await(sem.acquire());
                assertTrue(sem.locked());
                result.add(3);
                return true;
            });
            yieldOnce();
            // Three tasks are queued; the first has not woken up yet.
            assertEquals(2, sem.value);
            assertEquals(3, sem.waiterCount());
            yieldOnce();
            gather(List.of(t1, t2, t3));
            await(t4.get(0));
            assertEquals(List.of(1, 2, 3, 4), result);
        });
    }
}
