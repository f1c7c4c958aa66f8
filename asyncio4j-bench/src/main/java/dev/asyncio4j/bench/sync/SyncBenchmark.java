package dev.asyncio4j.bench.sync;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.sleep;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import dev.asyncio4j.bench.LoopBenchmark;
import dev.asyncio4j.queue.Queue;
import dev.asyncio4j.sync.Held;
import dev.asyncio4j.sync.Lock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hand-offs through the sync and queue primitives, one operation each:
 *
 * <ul>
 *   <li>{@link #lockHandoff}: two tasks taking turns on one {@link Lock}, each holding it across a
 *       {@code sleep(0)} so the other queues on it; every release hands the lock to the waiting
 *       task (FIFO fairness). Python peer: {@code python/core_bench.py lock_handoff}.
 *   <li>{@link #queuePutGet}: a producer and a consumer passing items through a {@link Queue} of
 *       {@code maxsize} 1, so the producer waits for room and the consumer for an item. Python
 *       peer: {@code python/core_bench.py queue_put_get}.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class SyncBenchmark extends LoopBenchmark {

    static final int ROUNDS = 100_000;

    /** One operation: one hand-off of the lock. */
    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public void lockHandoff() throws Exception {
        loop.runUntilComplete(lockHandoff(loop, ROUNDS));
    }

    /** One operation: one item put and got. */
    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public void queuePutGet() throws Exception {
        loop.runUntilComplete(queuePutGet(loop, ROUNDS));
    }

    /**
     * The lock workload: two tasks on {@code loop} taking the lock {@code rounds} times each.
     *
     * @param loop the loop the tasks run on
     * @param rounds how many times each task takes the lock
     * @return the coroutine that runs them
     */
    public static Coroutine<Void> lockHandoff(EventLoop loop, int rounds) {
        return async(() -> {
            Lock lock = new Lock();
            Task<Void> a = loop.createTask(lockWorker(lock, rounds));
            Task<Void> b = loop.createTask(lockWorker(lock, rounds));
            await(a);
            await(b);
        });
    }

    private static Coroutine<Void> lockWorker(Lock lock, int rounds) {
        return async(() -> {
            for (int i = 0; i < rounds; i++) {
                try (Held held = await(lock.hold())) {       // async with lock:
                    await(sleep(Duration.ZERO));             //     await asyncio.sleep(0)
                }
            }
        });
    }

    /**
     * The queue workload: {@code items} items from a producer to a consumer through a queue of
     * {@code maxsize} 1.
     *
     * @param loop the loop the tasks run on
     * @param items how many items
     * @return the coroutine that runs both and checks the sum
     */
    public static Coroutine<Void> queuePutGet(EventLoop loop, int items) {
        return async(() -> {
            Queue<Integer> queue = new Queue<>(1);
            Task<Void> producer = loop.createTask(async(() -> {
                for (int i = 0; i < items; i++) {
                    await(queue.put(i));
                }
            }));
            Task<Long> consumer = loop.createTask(async(() -> {
                long sum = 0;
                for (int i = 0; i < items; i++) {
                    sum += await(queue.get());
                }
                return sum;
            }));
            await(producer);
            if (await(consumer) != (long) items * (items - 1) / 2) {
                throw new AssertionError("items lost");
            }
        });
    }
}
