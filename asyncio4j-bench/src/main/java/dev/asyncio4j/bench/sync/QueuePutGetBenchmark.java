package dev.asyncio4j.bench.sync;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import dev.asyncio4j.queue.Queue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A producer and a consumer task passing items through a {@link Queue} of {@code maxsize} 1, so
 * every item is a hand-off: the producer waits for room, the consumer for an item. One operation
 * is one item put and got. Python peer: {@code python/core_bench.py queue_put_get}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class QueuePutGetBenchmark {

    static final int ITEMS = 100_000;

    private EventLoop loop;

    @Setup
    public void setUp() {
        loop = new EventLoop();
    }

    @TearDown
    public void tearDown() {
        loop.close();
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void putGet() throws Exception {
        loop.runUntilComplete(putGet(loop, ITEMS));
    }

    static Coroutine<Void> putGet(EventLoop loop, int items) {
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
