package dev.asyncio4j.sync;

import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.sync.AsyncTesting.gather;
import static dev.asyncio4j.sync.AsyncTesting.gatherReturningExceptions;
import static dev.asyncio4j.sync.AsyncTesting.run;
import static dev.asyncio4j.sync.AsyncTesting.task;
import static dev.asyncio4j.sync.AsyncTesting.taskVoid;
import static dev.asyncio4j.sync.AsyncTesting.yieldOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.AsyncCallable;
import dev.asyncio4j.AsyncRunnable;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CPython's {@code test_locks.BarrierTests}. */
@Timeout(10)
class BarrierTest {

    private static final int N = 5;

    private static <T> List<Task<T>> makeTasks(int n, AsyncCallable<T> body) {
        List<Task<T>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(task(body));
        }
        return tasks;
    }

    private static List<Task<Void>> makeVoidTasks(int n, AsyncRunnable body) {
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(taskVoid(body));
        }
        return tasks;
    }

    @Test
    void newBarrierIsFilling() {
        Barrier barrier = new Barrier(N);
        assertEquals("Barrier[filling, waiters=0/5]", barrier.toString());
        assertEquals(N, barrier.parties());
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.isBroken());
    }

    @Test
    void toStringFollowsTheStates() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(N);
            List<Task<Integer>> waiters = new ArrayList<>();
            int incr = 2;
            for (int i = 0; i < incr; i++) {
                waiters.add(createTask(barrier.waitAsync()));
            }
            yieldOnce();
            assertEquals("Barrier[filling, waiters=2/5]", barrier.toString());

            // The missing waiters.
            for (int i = barrier.nWaiting(); i < barrier.parties(); i++) {
                waiters.add(createTask(barrier.waitAsync()));
            }
            yieldOnce();
            assertEquals("Barrier[draining, waiters=0/5]", barrier.toString());

            // Some waiters, then a reset.
            for (int i = 0; i < incr; i++) {
                waiters.add(createTask(barrier.waitAsync()));
            }
            yieldOnce();
            await(barrier.reset());
            assertEquals("Barrier[resetting, waiters=0/5]", barrier.toString());

            // Some waiters again, then an abort.
            for (int i = 0; i < incr; i++) {
                waiters.add(createTask(barrier.waitAsync()));
            }
            yieldOnce();
            await(barrier.abort());
            assertEquals("Barrier[broken]", barrier.toString());
            assertTrue(barrier.isBroken());
            gatherReturningExceptions(waiters);
        });
    }

    @Test
    void partiesMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertEquals("parties must be >= 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
    }

    @Test
    void eachPartyGetsItsOwnIndex() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(3);
            List<Integer> results = gather(makeTasks(3, () -> await(barrier.waitAsync())));
            List<Integer> sorted = new ArrayList<>(results);
            Collections.sort(sorted);
            assertEquals(List.of(0, 1, 2), sorted);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
        });
    }

    @Test
    void oneParty() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(1);
            assertEquals(0, await(barrier.waitAsync()));
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
        });
    }

    @Test
    void onePartyTwice() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(1);
            Task<Integer> t1 = createTask(barrier.waitAsync());
            yieldOnce();
            assertEquals(0, barrier.nWaiting());
            Task<Integer> t2 = createTask(barrier.waitAsync());
            yieldOnce();
            assertEquals(t1.result(), t2.result());
            assertEquals(t1.isDone(), t2.isDone());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
        });
    }

    @Test
    void fillingTaskByTask() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(3);
            Task<Integer> t1 = createTask(barrier.waitAsync());
            yieldOnce();
            assertEquals(1, barrier.nWaiting());
            assertTrue(barrier.toString().contains("filling"));
            Task<Integer> t2 = createTask(barrier.waitAsync());
            yieldOnce();
            assertEquals(2, barrier.nWaiting());
            assertTrue(barrier.toString().contains("filling"));
            Task<Integer> t3 = createTask(barrier.waitAsync());
            yieldOnce();
            gather(List.of(t1, t2, t3));
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
        });
    }

    @Test
    void tasksWaitTwice() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            gather(makeVoidTasks(N, () -> {
                await(barrier.waitAsync());
                results.add(true);
                await(barrier.waitAsync());
                results.add(false);
            }));
            assertEquals(N * 2, results.size());
            assertEquals(N, Collections.frequency(results, true));
            assertEquals(N, Collections.frequency(results, false));
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
        });
    }

    @Test
    void secondRoundIndexesAreComplete() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Integer> res = gather(makeTasks(N, () -> {
                await(barrier.waitAsync());
                results1.add(true);
                int i = await(barrier.waitAsync());
                results2.add(true);
                return i;
            }));
            assertEquals(N, results1.size());
            assertEquals(N, results2.size());
            List<Integer> sorted = new ArrayList<>(res);
            Collections.sort(sorted);
            assertEquals(IntStream.range(0, N).boxed().toList(), sorted);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
        });
    }

    @Test
    void drainingStateUntilTheLastTaskLeaves() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            gather(makeVoidTasks(N, () -> {
                await(barrier.waitAsync());
                // The state goes back to filling when the last task leaves.
                results.add(barrier.toString().contains("draining"));
            }));
            assertEquals(N, results.size());
            assertFalse(results.get(N - 1));
            assertTrue(results.subList(0, N - 1).stream().allMatch(b -> b));
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
        });
    }

    @Test
    void newcomersWaitWhileTheBarrierDrains() throws Exception {
        run(() -> {
            int rewait = 2;
            Barrier barrier = new Barrier(N);
            Barrier barrierNoWaiting = new Barrier(N - rewait);
            int[] rewaitN = {rewait};
            // Success means barrierNoWaiting was waited for exactly N - rewait times.
            gather(makeVoidTasks(N, () -> {
                await(barrier.waitAsync());
                if (rewaitN[0] > 0) {
                    rewaitN[0]--;
                    // Wait again, only the rewait tasks.
                    await(barrier.waitAsync());
                } else {
                    // Wait for the end of the draining state, then for the others.
                    await(barrierNoWaiting.waitAsync());
                    await(barrier.waitAsync());
                }
            }));
        });
    }

    @Test
    void cancelledWaiterLeaves() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(3);
            List<Boolean> results = new ArrayList<>();
            AsyncRunnable coro = () -> {
                await(barrier.waitAsync());
                results.add(true);
            };
            Task<Void> t1 = taskVoid(coro);
            yieldOnce();
            assertEquals(1, barrier.nWaiting());
            Task<Void> t2 = taskVoid(coro);
            yieldOnce();
            assertEquals(2, barrier.nWaiting());

            t1.cancel();
            yieldOnce();
            assertEquals(1, barrier.nWaiting());
            assertThrows(CancelledException.class, () -> await(t1));
            assertTrue(t1.isCancelled());

            Task<Void> t3 = taskVoid(coro);
            yieldOnce();
            assertEquals(2, barrier.nWaiting());
            Task<Void> t4 = taskVoid(coro);
            gather(List.of(t2, t3, t4));
            assertEquals(3, results.size());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
        });
    }

    @Test
    void resetEmptyBarrier() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(1);
            createTask(barrier.reset());
            yieldOnce();
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
        });
    }

    @Test
    void resetBreaksTheWaitingTasks() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            List<Task<Void>> tasks = makeVoidTasks(N - 1, () -> {
                try {
                    await(barrier.waitAsync());
                } catch (BrokenBarrierException e) {
                    results.add(true);
                }
            });
            yieldOnce();
            createTask(barrier.reset());
            gather(tasks);
            assertEquals(N - 1, results.size());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            assertFalse(barrier.isBroken());
        });
    }

    @Test
    void resetWhileHalfTheTasksDrain() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            int restOfTasks = N / 2;
            gather(makeVoidTasks(N, () -> {
                try {
                    await(barrier.waitAsync());
                } catch (BrokenBarrierException e) {
                    // The waiting tasks.
                    results1.add(true);
                    return;
                }
                // A drained task, outside the barrier.
                if (restOfTasks == barrier.count()) {
                    await(barrier.reset());
                }
            }));
            assertEquals(Collections.nCopies(restOfTasks, true), results1);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            assertFalse(barrier.isBroken());
        });
    }

    @Test
    void resetWhileHalfTheTasksDrainAndHalfBlock() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            int blockingTasks = N / 2;
            int[] count = {0};
            gather(makeVoidTasks(N, () -> {
                try {
                    await(barrier.waitAsync());
                } catch (BrokenBarrierException e) {
                    // The tasks still waiting.
                    results1.add(true);
                    // Now wait again, to reach the parties.
                    await(barrier.waitAsync());
                    return;
                }
                count[0]++;
                if (count[0] > blockingTasks) {
                    // Reset now: the waiting tasks get BrokenBarrierException.
                    await(barrier.reset());
                    // Now wait again, to reach the parties.
                    await(barrier.waitAsync());
                } else {
                    try {
                        await(barrier.waitAsync());
                    } catch (BrokenBarrierException e) {
                        // Not reached: blocked tasks go on waiting.
                        results2.add(true);
                    }
                }
            }));
            assertEquals(Collections.nCopies(blockingTasks, true), results1);
            assertEquals(List.of(), results2);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            assertFalse(barrier.isBroken());
        });
    }

    @Test
    void resetWhileTasksWaitAndWaitAgain() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Task<Void>> tasks = makeVoidTasks(N - 1, () -> {
                try {
                    await(barrier.waitAsync());
                } catch (BrokenBarrierException e) {
                    results1.add(true);
                } finally {
                    await(barrier.waitAsync());
                    results2.add(true);
                }
            });
            // Reset: the N - 1 waiting tasks get BrokenBarrierException.
            createTask(barrier.reset());
            yieldOnce();
            // Completes the waiting tasks in their finally.
            taskVoid(() -> {
                await(barrier.waitAsync());
                results2.add(true);
            });
            gather(tasks);
            assertFalse(barrier.isBroken());
            assertEquals(N - 1, results1.size());
            assertEquals(N, results2.size());
            assertEquals(0, barrier.nWaiting());
        });
    }

    @Test
    void resetWhileTasksDrain() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Boolean> results3 = new ArrayList<>();
            int[] count = {0};
            gather(makeVoidTasks(N, () -> {
                await(barrier.waitAsync());
                count[0]++;
                if (count[0] == N) {
                    // The last task out of the barrier.
                    await(barrier.reset());
                    // Wait here to reach the parties.
                    await(barrier.waitAsync());
                } else {
                    try {
                        // Second wait: N - 1 tasks get here.
                        await(barrier.waitAsync());
                        results1.add(true);
                    } catch (Exception e) {
                        // Never here.
                        results2.add(true);
                    }
                }
                // Pass the barrier again: this last wait must complete.
                await(barrier.waitAsync());
                results3.add(true);
            }));
            assertFalse(barrier.isBroken());
            assertEquals(N - 1, results1.size());
            assertEquals(0, results2.size());
            assertEquals(N, results3.size());
            assertEquals(0, barrier.nWaiting());
        });
    }

    @Test
    void abortEmptyBarrier() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(1);
            createTask(barrier.abort());
            yieldOnce();
            assertEquals(0, barrier.nWaiting());
            assertTrue(barrier.isBroken());
            BrokenBarrierException e = assertThrows(BrokenBarrierException.class, () -> await(barrier.waitAsync()));
            assertEquals("Barrier aborted", e.getMessage());
        });
    }

    @Test
    void abortWhileHalfTheTasksDrainAndHalfBlock() throws Exception {
        run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<String> results2 = new ArrayList<>();
            int blockingTasks = N / 2;
            int[] count = {0};
            gather(makeVoidTasks(N, () -> {
                try {
                    await(barrier.waitAsync());
                } catch (BrokenBarrierException e) {
                    // The tasks waiting to drain.
                    results1.add(true);
                    return;
                }
                count[0]++;
                if (count[0] > blockingTasks) {
                    // Abort now: every task gets BrokenBarrierException.
                    await(barrier.abort());
                } else {
                    try {
                        await(barrier.waitAsync());
                    } catch (BrokenBarrierException e) {
                        // The blocked tasks (already drained): they were waiting to enter.
                        results2.add(e.getMessage());
                    }
                }
            }));
            assertTrue(barrier.isBroken());
            assertEquals(Collections.nCopies(blockingTasks, true), results1);
            assertEquals(Collections.nCopies(N - blockingTasks - 1, "Barrier aborted"), results2);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
        });
    }

    @Test
    void abortWhenATaskFails() throws Exception {
        // threading.Barrier's lock_tests.test_reset.
        run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            gather(makeVoidTasks(N, () -> {
                try {
                    int i = await(barrier.waitAsync());
                    if (i == N / 2) {
                        throw new IllegalStateException("fails");
                    }
                    await(barrier.waitAsync());
                    results1.add(true);
                } catch (BrokenBarrierException e) {
                    results2.add(true);
                } catch (IllegalStateException e) {
                    await(barrier.abort());
                }
            }));
            assertTrue(barrier.isBroken());
            assertEquals(0, results1.size());
            assertEquals(N - 1, results2.size());
            assertEquals(0, barrier.nWaiting());
        });
    }

    @Test
    void abortWhenATaskFailsThenReset() throws Exception {
        // threading.Barrier's lock_tests.test_abort_and_reset.
        run(() -> {
            Barrier barrier1 = new Barrier(N);
            Barrier barrier2 = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Boolean> results3 = new ArrayList<>();
            gather(makeVoidTasks(N, () -> {
                try {
                    int i = await(barrier1.waitAsync());
                    if (i == N / 2) {
                        throw new IllegalStateException("fails");
                    }
                    await(barrier1.waitAsync());
                    results1.add(true);
                } catch (BrokenBarrierException e) {
                    results2.add(true);
                } catch (IllegalStateException e) {
                    await(barrier1.abort());
                }
                // Synchronize and reset the barrier: first so that everyone has left it when we
                // reset, after so that no one enters it before the reset.
                int i = await(barrier2.waitAsync());
                if (i == N / 2) {
                    await(barrier1.reset());
                }
                await(barrier2.waitAsync());
                await(barrier1.waitAsync());
                results3.add(true);
            }));
            assertFalse(barrier1.isBroken());
            assertEquals(0, results1.size());
            assertEquals(N - 1, results2.size());
            assertEquals(N, results3.size());
            assertEquals(0, barrier1.nWaiting());
        });
    }
}
