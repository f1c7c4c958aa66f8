package dev.asyncio4j.sync;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.sync.AsyncTesting.run;
import static dev.asyncio4j.sync.AsyncTesting.task;
import static dev.asyncio4j.sync.AsyncTesting.taskVoid;
import static dev.asyncio4j.sync.AsyncTesting.waitFor;
import static dev.asyncio4j.sync.AsyncTesting.yieldOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Runner;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CPython's {@code test_locks.ConditionTests}, with 3.13's cancellation tests. */
@Timeout(10)
class ConditionTest {

    /** A task that waits on {@code cond} and, when notified, records {@code n}. */
    private static Task<Boolean> waiter(Condition cond, List<Integer> result, int n, boolean release) {
        return task(() -> {
            await(cond.acquire());
            if (await(cond.waitAsync())) {
                result.add(n);
                if (release) {
                    cond.release();
                }
            }
            return true;
        });
    }

    @Test
    void waitReleasesTheLockAndReacquiresItInNotifyOrder() throws Exception {
        run(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = waiter(cond, result, 1, false);
            Task<Boolean> t2 = waiter(cond, result, 2, false);
            Task<Boolean> t3 = waiter(cond, result, 3, false);
            yieldOnce();
            assertEquals(List.of(), result);
            assertFalse(cond.locked());

            assertTrue(await(cond.acquire()));
            cond.notify(1);
            yieldOnce();
            assertEquals(List.of(), result);
            assertTrue(cond.locked());

            cond.release();
            yieldOnce();
            assertEquals(List.of(1), result);
            assertTrue(cond.locked());

            cond.notify(2);
            yieldOnce();
            assertEquals(List.of(1), result);
            assertTrue(cond.locked());

            cond.release();
            yieldOnce();
            assertEquals(List.of(1, 2), result);
            assertTrue(cond.locked());

            cond.release();
            yieldOnce();
            assertEquals(List.of(1, 2, 3), result);
            assertTrue(cond.locked());
            AsyncTesting.assertAllReturned(true, List.of(t1, t2, t3));
        });
    }

    @Test
    void cancelledWaitReacquiresTheLock() throws Exception {
        run(() -> {
            Condition cond = new Condition();
            await(cond.acquire());
            Task<Boolean> wait = createTask(cond.waitAsync());
            getRunningLoop().callSoon(wait::cancel);
            assertThrows(CancelledException.class, () -> await(wait));
            assertEquals(0, cond.waiterCount());
            assertTrue(cond.locked());
        });
    }

    @Test
    void cancelWhileTheLockIsContested() throws Exception {
        run(() -> {
            Condition cond = new Condition();
            await(cond.acquire());
            assertTrue(cond.locked());
            Task<Boolean> waitTask = createTask(cond.waitAsync());
            yieldOnce();
            assertFalse(cond.locked());

            // Notify, but contest the lock before cancelling.
            await(cond.acquire());
            assertTrue(cond.locked());
            cond.notify(1);
            getRunningLoop().callSoon(waitTask::cancel);
            getRunningLoop().callSoon(cond::release);
            try {
                await(waitTask);
            } catch (CancelledException e) {
                // Should not happen, since there is no cancellation point, but either is fine.
            }
            assertTrue(cond.locked());
        });
    }

    @Test
    void cancelAfterNotifyEndsCancelled() throws Exception {
        // bpo-32841
        run(() -> {
            Condition cond = new Condition();
            boolean[] waited = {false};
            Task<Void> waiter = taskVoid(() -> {
                try (Held held = await(cond.hold())) {
                    waited[0] = true;
                    await(cond.waitAsync());
                }
            });
            yieldOnce();        // start waiting
            await(cond.acquire());
            cond.notify(1);
            yieldOnce();        // get to acquire()
            waiter.cancel();
            yieldOnce();        // activate cancellation
            cond.release();
            yieldOnce();        // cancellation should occur
            assertTrue(waiter.isCancelled());
            assertTrue(waited[0]);
        });
    }

    @Test
    void waitWithoutTheLockFails() throws Exception {
        run(() -> {
            Condition cond = new Condition();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(cond.waitAsync()));
            assertEquals("cannot wait on un-acquired lock", e.getMessage());
        });
    }

    @Test
    void waitForRechecksThePredicateAfterEachNotify() throws Exception {
        run(() -> {
            Condition cond = new Condition();
            boolean[] presult = {false};
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t = task(() -> {
                await(cond.acquire());
                if (await(cond.waitFor(() -> presult[0]))) {
                    result.add(1);
                    cond.release();
                }
                return true;
            });
            yieldOnce();
            assertEquals(List.of(), result);

            await(cond.acquire());
            cond.notify(1);
            cond.release();
            yieldOnce();
            assertEquals(List.of(), result);

            presult[0] = true;
            await(cond.acquire());
            cond.notify(1);
            cond.release();
            yieldOnce();
            assertEquals(List.of(1), result);
            assertTrue(t.isDone());
            assertTrue(t.result());
        });
    }

    @Test
    void waitForWithoutTheLock() throws Exception {
        run(() -> {
            Condition cond = new Condition();
            // A predicate already true returns at once.
            assertTrue(await(cond.waitFor(() -> true)));
            assertThrows(IllegalStateException.class, () -> await(cond.waitFor(() -> false)));
        });
    }

    @Test
    void notifyWakesThatManyWaiters() throws Exception {
        run(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = waiter(cond, result, 1, true);
            Task<Boolean> t2 = waiter(cond, result, 2, true);
            Task<Boolean> t3 = waiter(cond, result, 3, true);
            yieldOnce();
            assertEquals(List.of(), result);

            await(cond.acquire());
            cond.notify(1);
            cond.release();
            yieldOnce();
            assertEquals(List.of(1), result);

            await(cond.acquire());
            cond.notify(1);
            cond.notify(2048);
            cond.release();
            yieldOnce();
            assertEquals(List.of(1, 2, 3), result);
            AsyncTesting.assertAllReturned(true, List.of(t1, t2, t3));
        });
    }

    @Test
    void notifyAllWaitersWakesEveryone() throws Exception {
        run(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = waiter(cond, result, 1, true);
            Task<Boolean> t2 = waiter(cond, result, 2, true);
            yieldOnce();
            assertEquals(List.of(), result);

            await(cond.acquire());
            cond.notifyAllWaiters();
            cond.release();
            yieldOnce();
            assertEquals(List.of(1, 2), result);
            assertTrue(t1.result());
            assertTrue(t2.result());
        });
    }

    @Test
    void notifyWithoutTheLockFails() {
        Condition cond = new Condition();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cond.notify(1));
        assertEquals("cannot notify on un-acquired lock", e.getMessage());
        e = assertThrows(IllegalStateException.class, cond::notifyAllWaiters);
        assertEquals("cannot notify on un-acquired lock", e.getMessage());
    }

    @Test
    void toStringShowsStateAndWaiters() throws Exception {
        run(() -> {
            Condition cond = new Condition();
            assertEquals("Condition[unlocked, waiters=0]", cond.toString());
            await(cond.acquire());
            assertEquals("Condition[locked, waiters=0]", cond.toString());
            for (int i = 0; i < 2; i++) {
                taskVoid(() -> {
                    try (Held held = await(cond.hold())) {
                        await(cond.waitAsync());
                    }
                });
            }
            cond.release();
            yieldOnce();
            assertEquals("Condition[unlocked, waiters=2]", cond.toString());
        });
    }

    @Test
    void holdIsAsyncWith() throws Exception {
        run(() -> {
            Condition cond = new Condition();
            assertFalse(cond.locked());
            try (Held held = await(cond.hold())) {
                assertTrue(cond.locked());
            }
            assertFalse(cond.locked());
        });
    }

    @Test
    void explicitLockIsShared() throws Exception {
        run(() -> {
            for (int variant = 0; variant < 3; variant++) {
                Lock lock = new Lock();
                // As CPython's three variants: a fresh lock, a given lock, a lock shared with a second condition.
                Condition cond = new Condition(lock);
                if (variant == 2) {
                    new Condition(lock);
                }
                assertSame(lock, cond.lock());
                assertFalse(lock.locked());
                assertFalse(cond.locked());
                try (Held held = await(cond.hold())) {
                    assertTrue(lock.locked());
                    assertTrue(cond.locked());
                }
                assertFalse(lock.locked());
                assertFalse(cond.locked());
                try (Held held = await(lock.hold())) {
                    assertTrue(lock.locked());
                    assertTrue(cond.locked());
                }
                assertFalse(lock.locked());
                assertFalse(cond.locked());
            }
        });
    }

    @Test
    void ambiguousLoops() throws Exception {
        // CPython binds the primitive to another loop through a private field; here a first loop
        // really waits on it, then a second loop tries.
        Lock lock = new Lock();
        Condition cond = new Condition(new Lock());
        run(() -> {
            await(lock.acquire());
            Task<Boolean> lockWaiter = createTask(lock.acquire());
            await(cond.acquire());
            Task<Boolean> condWaiter = createTask(cond.waitAsync());
            yieldOnce();
            lockWaiter.cancel();
            condWaiter.cancel();
            yieldOnce();
            // The cancelled wait ended holding the condition's lock again, as it must.
            assertTrue(condWaiter.isCancelled());
            assertTrue(cond.locked());
        });
        cond.release();
        try (Runner other = new Runner(null, AsyncTesting::newLoop)) {
            other.run(async(() -> {
                // The lock is held: acquiring it through a condition waits, and finds the mismatch.
                Condition viaLock = new Condition(lock);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(viaLock.acquire()));
                assertTrue(e.getMessage().endsWith("is bound to a different event loop"), e.getMessage());
                // The condition's own binding is checked by wait, before the lock is released.
                await(cond.acquire());
                e = assertThrows(IllegalStateException.class, () -> await(cond.waitAsync()));
                assertTrue(e.getMessage().endsWith("is bound to a different event loop"), e.getMessage());
                assertTrue(cond.locked());
                cond.release();
            }));
        }
    }

    @Test
    void timeoutInWait() throws Exception {
        run(() -> {
            Condition cond = new Condition();
            try (Held held = await(cond.hold())) {
                assertThrows(TimeoutException.class, () -> waitFor(cond.waitAsync(), 0.5));
                assertTrue(cond.locked());
            }
        });
    }

    @Test
    void cancelledErrorWhileAwaitingWakeUpIsRethrown() throws Exception {
        run(() -> {
            Condition cond = new Condition();
            CancelledException[] raised = {null};
            Task<Void> task = taskVoid(() -> {
                try (Held held = await(cond.hold())) {
                    raised[0] = assertThrows(CancelledException.class, () -> await(cond.waitFor(() -> false)));
                    assertTrue(cond.locked());
                    throw raised[0];
                }
            });
            yieldOnce();
            // The task waits on the condition: cancel it there.
            task.cancel("foo");
            CancelledException e = assertThrows(CancelledException.class, () -> await(task));
            // The task's own cancellation carries "foo", and the task re-raises that same instance,
            // as CPython does.
            assertEquals("foo", raised[0].getMessage());
            assertSame(raised[0], e);
            assertFalse(cond.locked());
        });
    }

    @Test
    void cancelledErrorWhileReacquiringIsRethrown() throws Exception {
        run(() -> {
            Condition cond = new Condition();
            boolean[] wake = {false};
            CancelledException[] raised = {null};
            Task<Void> task = taskVoid(() -> {
                try (Held held = await(cond.hold())) {
                    raised[0] = assertThrows(CancelledException.class, () -> await(cond.waitFor(() -> wake[0])));
                    assertTrue(cond.locked());
                    throw raised[0];
                }
            });
            yieldOnce();
            // The task waits on the condition; notify it.
            await(cond.acquire());
            wake[0] = true;
            cond.notify(1);
            yieldOnce();
            // The task now waits to take the lock back: cancel it there.
            task.cancel("foo");
            cond.release();
            CancelledException e = assertThrows(CancelledException.class, () -> await(task));
            // The task's own cancellation carries "foo", and the task re-raises that same instance,
            // as CPython does.
            assertEquals("foo", raised[0].getMessage());
            assertSame(raised[0], e);
        });
    }

    /** The consumers of 3.13's lost-wake-up tests: consume while state > 0, stop when it is < 0. */
    private static Task<Void> consumer(Condition condition, int[] state) {
        return taskVoid(() -> {
            try (Held held = await(condition.hold())) {
                while (true) {
                    await(condition.waitFor(() -> state[0] != 0));
                    if (state[0] < 0) {
                        return;
                    }
                    state[0]--;
                }
            }
        });
    }

    @Test
    void cancelWhileAwaitingWakeUpDoesNotLoseTheNotification() throws Exception {
        // A task cancelled at the "same" time it is notified must pass the notification on.
        run(() -> {
            Condition condition = new Condition();
            int[] state = {0};
            List<Task<Void>> c = List.of(consumer(condition, state), consumer(condition, state));
            yieldOnce();
            try (Held held = await(condition.hold())) {
                state[0]++;
                condition.notify(1);
                // Cancel it while it waits to run.
                c.get(0).cancel();
                try {
                    waitFor(condition.waitFor(() -> state[0] == 0), 0.01);
                } catch (TimeoutException e) {
                    // Checked below.
                }
                assertEquals(0, state[0]);
                state[0] = -1;
                condition.notifyAllWaiters();
            }
            await(c.get(1));
        });
    }

    @Test
    void cancelWhileReacquiringDoesNotLoseTheNotification() throws Exception {
        run(() -> {
            Condition condition = new Condition();
            int[] state = {0};
            List<Task<Void>> c = List.of(consumer(condition, state), consumer(condition, state));
            yieldOnce();
            try (Held held = await(condition.hold())) {
                state[0]++;
                condition.notify(1);
                // Let the notified task wake up and settle on taking the lock back.
                yieldOnce();
                // Cancel it while it waits for the lock.
                c.get(0).cancel();
                try {
                    waitFor(condition.waitFor(() -> state[0] == 0), 0.01);
                } catch (TimeoutException e) {
                    // Checked below.
                }
                assertEquals(0, state[0]);
                state[0] = -1;
                condition.notifyAllWaiters();
            }
            await(c.get(1));
        });
    }
}
