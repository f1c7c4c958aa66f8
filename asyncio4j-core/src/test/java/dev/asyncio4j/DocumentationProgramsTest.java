package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.gather;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.shield;
import static dev.asyncio4j.Asyncio.sleep;
import static dev.asyncio4j.Asyncio.timeout;
import static dev.asyncio4j.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.queue.Queue;
import dev.asyncio4j.sync.Barrier;
import dev.asyncio4j.sync.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Programs of CPython 3.13's asyncio documentation (coroutines and tasks, synchronization
 * primitives, queues), written with asyncio4j: each prints what the documentation shows, in the
 * same order, and takes the same (virtual) time.
 */
@Timeout(30)
class DocumentationProgramsTest {

    private final List<String> printed = new ArrayList<>();

    private void print(Object line) {
        printed.add(String.valueOf(line));
    }

    /** Runs {@code main} as asyncio.run would, on virtual time; returns how long it took. */
    private static double run(AsyncRunnable main) throws Exception {
        try (Runner runner = new Runner(null, VirtualTime::newLoop)) {
            return runner.run(async(() -> {
                double start = getRunningLoop().time();
                main.run();
                return getRunningLoop().time() - start;
            }));
        }
    }

    private Coroutine<Void> sayAfter(double delay, String what) {
        return async(() -> {
            await(sleep(delay));
            print(what);
        });
    }

    /** Asserts the say_after programs' output ("started", "hello", "world", "finished") and time. */
    private void assertHelloWorldIn(double seconds, double took) {
        assertEquals(List.of("started", "hello", "world", "finished"), printed);
        assertEquals(seconds, took, 1e-9);
    }

    @Test
    void coroutinesAwaitedOneAfterTheOther() throws Exception {
        assertHelloWorldIn(3.0, run(() -> {
            print("started");
            await(sayAfter(1, "hello"));
            await(sayAfter(2, "world"));
            print("finished");
        }));
    }

    @Test
    void tasksRunConcurrently() throws Exception {
        assertHelloWorldIn(2.0, run(() -> {
            Task<Void> task1 = createTask(sayAfter(1, "hello"));
            Task<Void> task2 = createTask(sayAfter(2, "world"));
            print("started");
            await(task1);
            await(task2);
            print("finished");
        }));
    }

    @Test
    void aTaskGroupWaitsForItsTasks() throws Exception {
        assertHelloWorldIn(2.0, run(() -> {
            try (TaskGroup tg = Asyncio.taskGroup()) {
                tg.createTask(sayAfter(1, "hello"));
                tg.createTask(sayAfter(2, "world"));
                print("started");
            }
            print("finished");
        }));
    }

    /** The documentation's exception that terminates a task group. */
    static final class TerminateTaskGroup extends Exception {}

    private Coroutine<Void> job(int taskId, double sleepTime) {
        return async(() -> {
            print("Task " + taskId + ": start");
            await(sleep(sleepTime));
            print("Task " + taskId + ": done");
        });
    }

    @Test
    void terminatingATaskGroup() throws Exception {
        run(() -> {
            TaskGroup group = new TaskGroup();
            try {
                group.run(() -> {
                    group.createTask(job(1, 0.5));
                    group.createTask(job(2, 1.5));
                    await(sleep(1));
                    group.createTask(async(() -> {
                        throw new TerminateTaskGroup();
                    }));
                });
            } catch (ExceptionGroup e) {                          // except* TerminateTaskGroup:
                assertTrue(e.split(TerminateTaskGroup.class).rest() == null, e.exceptions().toString());
            }
        });
        assertEquals(List.of("Task 1: start", "Task 2: start", "Task 1: done"), printed);
    }

    private Coroutine<Integer> factorial(String name, int number) {
        return async(() -> {
            int f = 1;
            for (int i = 2; i <= number; i++) {
                print("Task " + name + ": Compute factorial(" + number + "), currently i=" + i + "...");
                await(sleep(1));
                f *= i;
            }
            print("Task " + name + ": factorial(" + number + ") = " + f);
            return f;
        });
    }

    @Test
    void gatherRunsConcurrentlyAndKeepsTheArgumentOrder() throws Exception {
        run(() -> print(await(gather(factorial("A", 2), factorial("B", 3), factorial("C", 4)))));
        assertEquals(List.of(
                "Task A: Compute factorial(2), currently i=2...",
                "Task B: Compute factorial(3), currently i=2...",
                "Task C: Compute factorial(4), currently i=2...",
                "Task A: factorial(2) = 2",
                "Task B: Compute factorial(3), currently i=3...",
                "Task C: Compute factorial(4), currently i=3...",
                "Task B: factorial(3) = 6",
                "Task C: Compute factorial(4), currently i=4...",
                "Task C: factorial(4) = 24",
                "[2, 6, 24]"), printed);
    }

    @Test
    void aTimeoutAroundALongRunningTask() throws Exception {
        double took = run(() -> {
            try {
                timeout(Duration.ofSeconds(10), () -> {
                    await(sleep(3600));                           // await long_running_task()
                });
            } catch (TimeoutException e) {
                print("The long operation timed out, but we've handled it.");
            }
            print("This statement will run regardless.");
        });
        assertEquals(List.of("The long operation timed out, but we've handled it.",
                "This statement will run regardless."), printed);
        assertEquals(10.0, took, 1e-9);
    }

    @Test
    void waitForAnEternity() throws Exception {
        run(() -> {
            Coroutine<Void> eternity = async(() -> {
                await(sleep(3600));
                print("yay!");
            });
            try {
                await(waitFor(eternity, Duration.ofSeconds(1)));
            } catch (TimeoutException e) {
                print("timeout!");
            }
        });
        assertEquals(List.of("timeout!"), printed);
    }

    @Test
    void shieldKeepsTheInnerTaskRunning() throws Exception {
        run(() -> {
            Task<String> something = createTask(async(() -> {
                await(sleep(2));
                print("something finished");
                return "result";
            }));
            Task<String> caller = createTask(async(() -> await(shield(something))));
            await(sleep(1));
            caller.cancel();
            try {
                await(caller);
            } catch (CancelledException e) {
                print("the caller was cancelled");
            }
            print(await(something));
        });
        assertEquals(List.of("the caller was cancelled", "something finished", "result"), printed);
    }

    @Test
    void anEventWakesItsWaiter() throws Exception {
        run(() -> {
            Event event = new Event();
            Task<Void> waiterTask = createTask(async(() -> {
                print("waiting for it ...");
                await(event.waitAsync());
                print("... got it!");
            }));
            await(sleep(1));
            event.set();
            await(waiterTask);
        });
        assertEquals(List.of("waiting for it ...", "... got it!"), printed);
    }

    @Test
    void aBarrierOfThree() throws Exception {
        run(() -> {
            Barrier b = new Barrier(3);
            createTask(b.waitAsync());
            createTask(b.waitAsync());
            await(sleep(0));
            print(b);
            await(b.waitAsync());
            print(b);
            print("barrier passed");
            await(sleep(0));
            print(b);
        });
        assertEquals(List.of("Barrier[filling, waiters=2/3]", "Barrier[draining, waiters=0/3]", "barrier passed",
                "Barrier[filling, waiters=0/3]"), printed);
    }

    @Test
    void workersOfAQueue() throws Exception {
        // The queue example: 20 jobs of random length for three workers, then the workers are
        // cancelled. Seeded, and on virtual time, so the totals are exact.
        double[] totals = new double[2];
        run(() -> {
            Queue<Double> queue = new Queue<>();
            Random random = new Random(42);
            double totalSleepTime = 0;
            for (int i = 0; i < 20; i++) {
                double sleepFor = 0.05 + random.nextDouble();
                totalSleepTime += sleepFor;
                queue.putNowait(sleepFor);
            }
            List<Task<Void>> tasks = new ArrayList<>();
            List<String> workers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "worker-" + i;
                tasks.add(createTask(async(() -> {
                    while (true) {
                        double sleepFor = await(queue.get());
                        await(sleep(sleepFor));
                        queue.taskDone();
                        workers.add(name);
                    }
                })));
            }
            double started = getRunningLoop().time();
            await(queue.join());
            double totalSlept = getRunningLoop().time() - started;
            for (Task<Void> task : tasks) {
                task.cancel();
            }
            List<Object> outcomes = await(gather(tasks, true));
            for (Object outcome : outcomes) {
                assertTrue(outcome instanceof CancelledException, String.valueOf(outcome));
            }
            assertEquals(20, workers.size());
            assertTrue(workers.containsAll(List.of("worker-0", "worker-1", "worker-2")), workers.toString());
            totals[0] = totalSleepTime;
            totals[1] = totalSlept;
        });
        // Three workers in parallel: the wall time is about a third of the total sleep time.
        assertTrue(totals[1] < totals[0] / 2, totals[1] + " vs " + totals[0]);
        assertTrue(totals[1] >= totals[0] / 3, totals[1] + " vs " + totals[0]);
    }
}
