package dev.asyncio4j.queue;

import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.sync.AsyncTesting.gatherReturningExceptions;
import static dev.asyncio4j.sync.AsyncTesting.run;
import static dev.asyncio4j.sync.AsyncTesting.taskVoid;
import static dev.asyncio4j.sync.AsyncTesting.yieldOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CPython's {@code test_queues._QueueJoinTestMixin} and {@code _QueueShutdownTestMixin} (3.13),
 * each run for Queue, LifoQueue and PriorityQueue.
 */
@Timeout(10)
class QueueJoinAndShutdownTest {

    private static IntFunction<Queue<Object>> kind(String name) {
        return switch (name) {
            case "Queue" -> Queue::new;
            case "LifoQueue" -> LifoQueue::new;
            // Strings and integers in one queue: order them by their text.
            case "PriorityQueue" -> maxsize -> new PriorityQueue<>(maxsize, java.util.Comparator.comparing(String::valueOf));
            default -> throw new IllegalArgumentException(name);
        };
    }

    // ---------------------------------------------------------------- join and taskDone

    @ParameterizedTest
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void taskDoneTooManyTimesFails(String name) {
        Queue<Object> q = kind(name).apply(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertEquals("task_done() called too many times", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void joinWaitsUntilEveryItemIsDone(String name) throws Exception {
        run(() -> {
            Queue<Object> q = kind(name).apply(0);
            for (int i = 0; i < 100; i++) {
                q.putNowait(i);
            }
            int[] accumulator = {0};
            boolean[] running = {true};
            // Two workers get items and call taskDone after each; join, then check they are all done.
            List<Task<Void>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(taskVoid(() -> {
                    while (running[0]) {
                        accumulator[0] += (Integer) await(q.get());
                        q.taskDone();
                    }
                }));
            }
            await(q.join());
            assertEquals(4950, accumulator[0]);
            // Let the workers end.
            running[0] = false;
            for (int w = 0; w < workers.size(); w++) {
                q.putNowait(0);
            }
            for (Task<Void> worker : workers) {
                await(worker);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void joinOfAnEmptyQueueReturnsAtOnce(String name) throws Exception {
        run(() -> {
            Queue<Object> q = kind(name).apply(0);
            await(q.join());
            await(q.join());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void toStringCountsUnfinishedTasks(String name) {
        Queue<Object> q = kind(name).apply(0);
        assertEquals(name + "[maxsize=0, size=0, getters=0, putters=0, tasks=0]", q.toString());
        q.putNowait(1);
        q.putNowait(2);
        q.getNowait();
        q.getNowait();
        assertEquals(name + "[maxsize=0, size=0, getters=0, putters=0, tasks=2]", q.toString());
    }

    // ---------------------------------------------------------------- shutdown

    @ParameterizedTest
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void toStringSaysShutdown(String name) {
        Queue<Object> q = kind(name).apply(0);
        q.shutdown();
        assertEquals(name + "[maxsize=0, size=0, getters=0, putters=0, tasks=0, shutdown]", q.toString());
    }

    private static void assertEverythingShutDown(Queue<Object> q) {
        assertThrows(QueueShutDownException.class, () -> await(q.put("data")));
        assertThrows(QueueShutDownException.class, () -> q.putNowait("data"));
        assertThrows(QueueShutDownException.class, () -> await(q.get()));
        QueueShutDownException e = assertThrows(QueueShutDownException.class, q::getNowait);
        assertEquals("Queue is shut down", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void shutdownEmpty(String name) throws Exception {
        run(() -> {
            Queue<Object> q = kind(name).apply(0);
            Task<Object> getTask = createTask(q.get());
            yieldOnce();   // the get is pending before the shutdown

            q.shutdown(false);   // unfinished tasks: 0 -> 0
            assertEquals(0, q.qsize());
            await(q.join());

            // The waiting get was woken and found the queue shut down.
            yieldOnce();
            assertTrue(getTask.isDone());
            assertThrows(QueueShutDownException.class, () -> await(getTask));
            assertEverythingShutDown(q);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void shutdownNonEmpty(String name) throws Exception {
        run(() -> {
            Queue<Object> q = kind(name).apply(1);
            q.putNowait("data");
            Task<Void> joinTask = createTask(q.join());
            Task<Void> putTask = createTask(q.put("data2"));
            yieldOnce();
            assertFalse(putTask.isDone());

            q.shutdown(false);   // unfinished tasks: 1 -> 1
            assertEquals(1, q.qsize());

            // The waiting put was woken and failed.
            yieldOnce();
            assertTrue(putTask.isDone());
            assertThrows(QueueShutDownException.class, () -> await(putTask));

            // The item left can still be got.
            assertEquals("data", await(q.get()));
            yieldOnce();
            assertFalse(joinTask.isDone());
            assertEverythingShutDown(q);

            // One unfinished task remains; done, join returns.
            q.taskDone();
            yieldOnce();
            assertTrue(joinTask.isDone());
            await(joinTask);
            assertThrows(IllegalStateException.class, q::taskDone);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void shutdownImmediate(String name) throws Exception {
        run(() -> {
            Queue<Object> q = kind(name).apply(0);
            q.putNowait("data");
            Task<Void> joinTask = createTask(q.join());

            q.shutdown(true);   // unfinished tasks: 1 -> 0
            assertEquals(0, q.qsize());
            yieldOnce();
            assertTrue(joinTask.isDone());
            await(joinTask);
            assertEverythingShutDown(q);
            assertThrows(IllegalStateException.class, q::taskDone);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void shutdownImmediateWithUnfinishedTasks(String name) throws Exception {
        run(() -> {
            Queue<Object> q = kind(name).apply(0);
            q.putNowait("data");
            q.putNowait("data");
            Task<Void> joinTask = createTask(q.join());
            assertEquals("data", await(q.get()));

            q.shutdown(true);   // unfinished tasks: 2 -> 1
            assertEquals(0, q.qsize());
            yieldOnce();
            assertFalse(joinTask.isDone());
            assertEverythingShutDown(q);

            // One unfinished task: the item got before the shutdown.
            q.taskDone();
            assertThrows(IllegalStateException.class, q::taskDone);
            yieldOnce();
            assertTrue(joinTask.isDone());
            await(joinTask);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void shutdownWakesEveryWaiterOfBothSides(String name) throws Exception {
        run(() -> {
            Queue<Object> full = kind(name).apply(1);
            full.putNowait("x");
            Queue<Object> empty = kind(name).apply(1);
            List<Task<?>> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiters.add(createTask(full.put(i)));
                waiters.add(createTask(empty.get()));
            }
            yieldOnce();
            assertEquals(3, full.putterCount());
            assertEquals(3, empty.getterCount());
            full.shutdown();
            empty.shutdown();
            assertEquals(0, full.putterCount());
            assertEquals(0, empty.getterCount());
            for (Object outcome : gatherReturningExceptions(waiters)) {
                assertTrue(outcome instanceof QueueShutDownException, String.valueOf(outcome));
            }
            // A non-immediate shutdown keeps the item for the getters.
            assertEquals("x", full.getNowait());
        });
    }
}
