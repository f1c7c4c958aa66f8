package dev.asyncio4j.sync;

import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.sync.AsyncTesting.run;
import static dev.asyncio4j.sync.AsyncTesting.task;
import static dev.asyncio4j.sync.AsyncTesting.taskVoid;
import static dev.asyncio4j.sync.AsyncTesting.yieldOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CPython's {@code test_locks.EventTests}. */
@Timeout(10)
class EventTest {

    @Test
    void toStringShowsStateAndWaiters() throws Exception {
        run(() -> {
            Event ev = new Event();
            assertEquals("Event[unset, waiters=0]", ev.toString());
            createTask(ev.waitAsync());
            yieldOnce();
            assertEquals("Event[unset, waiters=1]", ev.toString());
            ev.set();
            assertEquals("Event[set, waiters=1]", ev.toString());
            yieldOnce();
            assertEquals("Event[set, waiters=0]", ev.toString());
        });
    }

    @Test
    void setWakesEveryWaiterAfterThoseThatNeedNotWait() throws Exception {
        run(() -> {
            Event ev = new Event();
            assertFalse(ev.isSet());
            List<Integer> result = new ArrayList<>();
            Task<Void> t1 = taskVoid(() -> {
                if (await(ev.waitAsync())) {
                    result.add(1);
                }
            });
            Task<Void> t2 = taskVoid(() -> {
                if (await(ev.waitAsync())) {
                    result.add(2);
                }
            });
            yieldOnce();
            assertEquals(List.of(), result);

            Task<Void> t3 = taskVoid(() -> {
                if (await(ev.waitAsync())) {
                    result.add(3);
                }
            });
            ev.set();
            yieldOnce();
            // t3 starts after set() and does not wait; t1 and t2 resume in the order they waited.
            assertEquals(List.of(3, 1, 2), result);
            AsyncTesting.assertAllReturned(null, List.of(t1, t2, t3));
        });
    }

    @Test
    void waitOnASetEventReturnsAtOnce() throws Exception {
        run(() -> {
            Event ev = new Event();
            ev.set();
            assertTrue(await(ev.waitAsync()));
        });
    }

    @Test
    void cancelledWaitLeavesNoWaiter() throws Exception {
        run(() -> {
            Event ev = new Event();
            Task<Boolean> wait = createTask(ev.waitAsync());
            getRunningLoop().callSoon(wait::cancel);
            assertThrows(CancelledException.class, () -> await(wait));
            assertEquals(0, ev.waiterCount());
        });
    }

    @Test
    void clear() {
        Event ev = new Event();
        assertFalse(ev.isSet());
        ev.set();
        assertTrue(ev.isSet());
        ev.clear();
        assertFalse(ev.isSet());
    }

    @Test
    void clearAfterSetDoesNotTakeTheWakeUpBack() throws Exception {
        run(() -> {
            Event ev = new Event();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t = task(() -> {
                if (await(ev.waitAsync())) {
                    result.add(1);
                }
                return true;
            });
            yieldOnce();
            assertEquals(List.of(), result);

            ev.set();
            ev.clear();
            assertFalse(ev.isSet());
            ev.set();
            ev.set();
            assertEquals(1, ev.waiterCount());

            yieldOnce();
            assertEquals(List.of(1), result);
            assertEquals(0, ev.waiterCount());
            assertTrue(t.isDone());
            assertTrue(t.result());
        });
    }
}
