package dev.asyncio4j.queue;

import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.sync.AsyncTesting.gather;
import static dev.asyncio4j.sync.AsyncTesting.run;
import static dev.asyncio4j.sync.AsyncTesting.task;
import static dev.asyncio4j.sync.AsyncTesting.taskVoid;
import static dev.asyncio4j.sync.AsyncTesting.waitFor;
import static dev.asyncio4j.sync.AsyncTesting.yieldOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Runner;
import dev.asyncio4j.Task;
import dev.asyncio4j.sync.AsyncTesting;
import dev.asyncio4j.sync.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CPython's {@code test_queues}: QueueBasicTests, QueueGetTests, QueuePutTests and the order
 * tests of LifoQueue and PriorityQueue. The join and shutdown tests, run for each kind of queue,
 * are in {@link QueueJoinAndShutdownTest}.
 */
@Timeout(10)
class QueueTest {

    // ---------------------------------------------------------------- basics

    @Test
    void toStringShowsGettersPuttersAndItems() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            assertEquals("Queue[maxsize=0, size=0, getters=0, putters=0, tasks=0]", q.toString());

            Task<Integer> getter = createTask(q.get());
            yieldOnce();
            assertEquals("Queue[maxsize=0, size=0, getters=1, putters=0, tasks=0]", q.toString());
            q.putNowait(0);
            assertEquals(0, await(getter));

            Queue<Integer> bounded = new Queue<>(1);
            bounded.putNowait(1);
            Task<Void> putter = createTask(bounded.put(2));
            yieldOnce();
            assertEquals("Queue[maxsize=1, size=1, getters=0, putters=1, tasks=1]", bounded.toString());
            bounded.getNowait();
            await(putter);
            assertTrue(putter.isDone());

            Queue<Integer> one = new Queue<>();
            one.putNowait(1);
            assertEquals("Queue[maxsize=0, size=1, getters=0, putters=0, tasks=1]", one.toString());
            assertEquals("LifoQueue[maxsize=0, size=0, getters=0, putters=0, tasks=0]", new LifoQueue<>().toString());
        });
    }

    @Test
    void isEmpty() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            assertTrue(q.isEmpty());
            await(q.put(1));
            assertFalse(q.isEmpty());
            assertEquals(1, await(q.get()));
            assertTrue(q.isEmpty());
        });
    }

    @Test
    void isFull() throws Exception {
        run(() -> {
            assertFalse(new Queue<Integer>().isFull());
            Queue<Integer> q = new Queue<>(1);
            await(q.put(1));
            assertTrue(q.isFull());
            assertFalse(new Queue<Integer>(-1).isFull());
        });
    }

    @Test
    void fifoOrder() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            for (int i : new int[] {1, 3, 2}) {
                await(q.put(i));
            }
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                items.add(await(q.get()));
            }
            assertEquals(List.of(1, 3, 2), items);
        });
    }

    @Test
    void maxsizeMakesPutWait() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>(2);
            assertEquals(2, q.maxsize());
            List<Integer> haveBeenPut = new ArrayList<>();
            Task<Boolean> t = task(() -> {
                for (int i = 0; i < 3; i++) {
                    await(q.put(i));
                    haveBeenPut.add(i);
                }
                return true;
            });
            yieldOnce();
            yieldOnce();
            // The putter is blocked after putting two items.
            assertEquals(List.of(0, 1), haveBeenPut);
            assertEquals(0, await(q.get()));
            // Let the putter resume and put the last item.
            yieldOnce();
            assertEquals(List.of(0, 1, 2), haveBeenPut);
            assertEquals(1, await(q.get()));
            assertEquals(2, await(q.get()));
            assertTrue(t.isDone());
            assertTrue(t.result());
        });
    }

    @Test
    void nullItemsAreAllowed() throws Exception {
        run(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait(null);
            await(q.put("x"));
            assertEquals(2, q.qsize());
            assertNull(q.getNowait());
            assertEquals("x", await(q.get()));
            LifoQueue<String> lifo = new LifoQueue<>();
            lifo.putNowait("x");
            lifo.putNowait(null);
            assertNull(lifo.getNowait());
        });
    }

    // ---------------------------------------------------------------- get

    @Test
    void blockingGet() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            q.putNowait(1);
            assertEquals(1, await(q.get()));
        });
    }

    @Test
    void getWakesAWaitingPutter() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>(1);
            await(q.put(1));
            Task<Void> putter = createTask(q.put(2));
            yieldOnce();
            assertEquals(1, q.putterCount());
            assertEquals(1, await(q.get()));
            assertEquals(0, q.putterCount());
            assertNull(await(putter));
            assertEquals(2, q.getNowait());
        });
    }

    @Test
    void blockingGetWaitsForAPut() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            Event started = new Event();
            boolean[] finished = {false};
            Task<Integer> queueGet = task(() -> {
                started.set();
                int res = await(q.get());
                finished[0] = true;
                return res;
            });
            await(started.waitAsync());
            assertFalse(finished[0]);
            getRunningLoop().callLater(Duration.ofMillis(10), () -> q.putNowait(1));
            assertEquals(1, await(queueGet));
            assertTrue(finished[0]);
        });
    }

    @Test
    void nonblockingGet() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertEquals(1, q.getNowait());
    }

    @Test
    void nonblockingGetOfAnEmptyQueueFails() {
        Queue<Integer> q = new Queue<>();
        QueueEmptyException e = assertThrows(QueueEmptyException.class, q::getNowait);
        assertEquals("Queue is empty", e.getMessage());
    }

    @Test
    void cancelledGetterDoesNotTakeTheItem() throws Exception {
        run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> t1 = createTask(q.get());
            Task<String> t2 = createTask(q.get());
            yieldOnce();
            t1.cancel();
            yieldOnce();
            assertTrue(t1.isDone());
            await(q.put("a"));
            yieldOnce();
            assertEquals("a", await(t2));
        });
    }

    @Test
    void getWithWaitingPutters() throws Exception {
        run(() -> {
            Queue<String> q = new Queue<>(1);
            createTask(q.put("a"));
            createTask(q.put("b"));
            assertEquals("a", await(q.get()));
            assertEquals("b", await(q.get()));
        });
    }

    @Test
    void producerAndConsumerThroughAQueueOfOne() throws Exception {
        // CPython's test_why_are_getters_waiting.
        run(() -> {
            Queue<Integer> q = new Queue<>(1);
            int n = 5;
            Task<Void> producer = taskVoid(() -> {
                for (int i = 0; i < n; i++) {
                    await(q.put(i));
                }
            });
            List<Integer> got = new ArrayList<>();
            Task<Void> consumer = taskVoid(() -> {
                for (int i = 0; i < n; i++) {
                    got.add(await(q.get()));
                }
            });
            gather(List.of(producer, consumer));
            assertEquals(List.of(0, 1, 2, 3, 4), got);
        });
    }

    @Test
    void timedOutGetterIsNotKept() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>(5);
            assertThrows(TimeoutException.class, () -> waitFor(q.get(), 0.1));
            assertEquals(0, q.getterCount());
        });
    }

    // ---------------------------------------------------------------- put

    @Test
    void blockingPutOfAnUnboundedQueue() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            await(q.put(1));
            assertEquals(1, await(q.get()));
        });
    }

    @Test
    void blockingPutWaitsForAGet() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>(1);
            Event started = new Event();
            boolean[] finished = {false};
            getRunningLoop().callLater(Duration.ofMillis(10), q::getNowait);
            Task<Void> queuePut = taskVoid(() -> {
                started.set();
                await(q.put(1));
                await(q.put(2));
                finished[0] = true;
            });
            await(started.waitAsync());
            assertFalse(finished[0]);
            await(queuePut);
            assertTrue(finished[0]);
        });
    }

    @Test
    void nonblockingPut() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertEquals(1, q.getNowait());
    }

    @Test
    void cancelledGetterWokenByAPutPassesTheItemOn() throws Exception {
        // test_get_cancel_drop_one_pending_reader: if the retry gets 2, item 1 was dropped.
        run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> reader = createTask(q.get());
            yieldOnce();
            q.putNowait(1);
            q.putNowait(2);
            reader.cancel();
            try {
                await(reader);
            } catch (CancelledException e) {
                reader = createTask(q.get());
                await(reader);
            }
            assertEquals(1, reader.result());
        });
    }

    @Test
    void cancelledGetterAmongManyPassesTheItemOn() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> reader1 = createTask(q.get());
            Task<Integer> reader2 = createTask(q.get());
            Task<Integer> reader3 = createTask(q.get());
            yieldOnce();
            q.putNowait(1);
            q.putNowait(2);
            reader1.cancel();
            assertThrows(CancelledException.class, () -> await(reader1));
            await(reader3);
            await(reader2);
            // CPython leaves the order among concurrent readers undefined; here it is FIFO.
            assertEquals(Set.of(1, 2), Set.of(reader2.result(), reader3.result()));
        });
    }

    @Test
    void cancelledPutterWokenByAGetPassesTheSlotOn() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);
            // A second put must wait (qsize == maxsize).
            Task<Void> writer = createTask(q.put(2));
            yieldOnce();
            assertEquals(1, q.getNowait());
            writer.cancel();
            try {
                await(writer);
            } catch (CancelledException e) {
                writer = createTask(q.put(2));
                await(writer);
            }
            assertEquals(2, q.getNowait());
            assertEquals(0, q.qsize());
        });
    }

    @Test
    void nonblockingPutToAFullQueueFails() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        QueueFullException e = assertThrows(QueueFullException.class, () -> q.putNowait(2));
        assertEquals("Queue is full (maxsize=1)", e.getMessage());
        assertEquals(1, q.qsize());
    }

    @Test
    void putThenGet() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Boolean> t = task(() -> {
                await(q.put(1));
                return true;
            });
            assertEquals(1, await(q.get()));
            assertTrue(t.isDone());
            assertTrue(t.result());
        });
    }

    @Test
    void cancelledPutterDoesNotPut() throws Exception {
        run(() -> {
            Queue<String> q = new Queue<>(1);
            Task<Void> putA = createTask(q.put("a"));
            Task<Void> putB = createTask(q.put("b"));
            Task<Void> putC = createTask(q.put("X"));
            yieldOnce();
            assertTrue(putA.isDone());
            assertFalse(putB.isDone());

            putC.cancel();
            yieldOnce();
            assertTrue(putC.isDone());
            assertEquals("a", q.getNowait());
            yieldOnce();
            assertEquals("b", q.getNowait());
            await(putB);
        });
    }

    @Test
    void putWakesAWaitingGetter() throws Exception {
        run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> t = createTask(q.get());
            yieldOnce();
            await(q.put("a"));
            assertEquals("a", await(t));
        });
    }

    @Test
    void puttersAndAGetterThatDrains() throws Exception {
        // CPython's test_why_are_putters_waiting.
        run(() -> {
            Queue<Integer> q = new Queue<>(2);
            List<Task<Void>> tasks = new ArrayList<>();
            tasks.add(taskVoid(() -> {
                yieldOnce();
                int num = q.qsize();
                for (int i = 0; i < num; i++) {
                    q.getNowait();
                }
            }));
            for (int i = 0; i < 4; i++) {
                tasks.add(createTask(q.put(i)));
            }
            gather(tasks);
            assertEquals(List.of(2, 3), List.of(q.getNowait(), q.getNowait()));
        });
    }

    @Test
    void cancelledPutterIsNotKept() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);
            Task<Void> putTask = createTask(q.put(1));
            yieldOnce();
            assertEquals(1, q.putterCount());
            putTask.cancel();
            assertThrows(CancelledException.class, () -> await(putTask));
            assertEquals(0, q.putterCount());
        });
    }

    @Test
    void cancelledPutterAlreadyTakenOffByAGet() throws Exception {
        // The get took the putter's future off the deque; the cancelled put must not mind.
        run(() -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);
            Task<Void> putTask = createTask(q.put(1));
            yieldOnce();
            q.getNowait();
            putTask.cancel();
            assertThrows(CancelledException.class, () -> await(putTask));
            assertEquals(0, q.qsize());
        });
    }

    // ---------------------------------------------------------------- order of the other queues

    @Test
    void lifoOrder() throws Exception {
        run(() -> {
            LifoQueue<Integer> q = new LifoQueue<>();
            for (int i : new int[] {1, 3, 2}) {
                await(q.put(i));
            }
            assertEquals(List.of(2, 3, 1), List.of(await(q.get()), await(q.get()), await(q.get())));
        });
    }

    @Test
    void priorityOrder() throws Exception {
        run(() -> {
            PriorityQueue<Integer> q = new PriorityQueue<>();
            for (int i : new int[] {1, 3, 2}) {
                await(q.put(i));
            }
            assertEquals(List.of(1, 2, 3), List.of(await(q.get()), await(q.get()), await(q.get())));
        });
    }

    record Job(int priority, String name) {}

    @Test
    void priorityOrderOfEqualItemsIsHeapqs() {
        // The order Python's heapq gives for these pushes, comparing the priority only.
        PriorityQueue<Job> q = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
        String[] names = {"a", "b", "c", "d", "e", "f", "g", "h"};
        int[] priorities = {1, 1, 1, 0, 1, 1, 0, 1};
        for (int i = 0; i < names.length; i++) {
            q.putNowait(new Job(priorities[i], names[i]));
        }
        List<String> order = new ArrayList<>();
        while (!q.isEmpty()) {
            order.add(q.getNowait().name());
        }
        assertEquals(List.of("d", "g", "c", "f", "h", "e", "a", "b"), order);
    }

    @Test
    void priorityQueueHeapStaysOrderedWhenLarge() {
        PriorityQueue<Integer> q = new PriorityQueue<>(Comparator.reverseOrder());
        java.util.Random random = new java.util.Random(42);
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int item = random.nextInt(100);
            items.add(item);
            q.putNowait(item);
        }
        items.sort(Comparator.reverseOrder());
        List<Integer> out = new ArrayList<>();
        while (!q.isEmpty()) {
            out.add(q.getNowait());
        }
        assertEquals(items, out);
    }

    @Test
    void priorityQueueRefusesWhatItCannotOrder() throws Exception {
        PriorityQueue<Object> q = new PriorityQueue<>();
        q.putNowait(1);
        ClassCastException e = assertThrows(ClassCastException.class, () -> q.putNowait(new Object()));
        assertEquals("a PriorityQueue without a comparator needs Comparable items, got java.lang.Object",
                e.getMessage());
        assertThrows(NullPointerException.class, () -> q.putNowait(null));
        assertThrows(ClassCastException.class, () -> q.put(new Object()));
        // Nothing was stored or counted.
        assertEquals(1, q.qsize());
        assertEquals(1, q.unfinishedTasks());
        assertEquals(1, q.getNowait());
        // With a comparator that orders nulls, null is an item.
        PriorityQueue<Integer> withNulls = new PriorityQueue<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        withNulls.putNowait(2);
        withNulls.putNowait(null);
        assertNull(withNulls.getNowait());
        assertEquals(2, withNulls.getNowait());
    }

    // ---------------------------------------------------------------- loop binding

    @Test
    void waitingFromAnotherLoopIsAnError() throws Exception {
        Queue<Integer> q = new Queue<>();
        run(() -> {
            Task<Integer> getter = createTask(q.get());    // binds the queue to this loop
            yieldOnce();
            getter.cancel();
            yieldOnce();
        });
        try (Runner other = new Runner(null, AsyncTesting::newLoop)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.run(q.get()));
            assertEquals("Queue[maxsize=0, size=0, getters=0, putters=0, tasks=0] is bound to a different event loop",
                    e.getMessage());
            // What needs no wait works anywhere, as in asyncio.
            q.putNowait(7);
            assertEquals(7, other.run(q.get()));
        }
    }
}
