package dev.asyncio4j.bench.sync;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.sleep;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two tasks taking turns on one {@link Lock}: each holds it across a {@code sleep(0)}, so the other
 * queues on it, and every release hands the lock to the waiting task (FIFO fairness). One operation
 * is one hand-off. Python peer: {@code python/core_bench.py lock_handoff}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class LockHandoffBenchmark {

    static final int ROUNDS = 100_000;

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
    @OperationsPerInvocation(2 * ROUNDS)
    public void handoff() throws Exception {
        loop.runUntilComplete(handoff(loop, ROUNDS));
    }

    static Coroutine<Void> handoff(EventLoop loop, int rounds) {
        return async(() -> {
            Lock lock = new Lock();
            Task<Void> a = loop.createTask(worker(lock, rounds));
            Task<Void> b = loop.createTask(worker(lock, rounds));
            await(a);
            await(b);
        });
    }

    private static Coroutine<Void> worker(Lock lock, int rounds) {
        return async(() -> {
            for (int i = 0; i < rounds; i++) {
                try (Held held = await(lock.hold())) {       // async with lock:
                    await(sleep(Duration.ZERO));             //     await asyncio.sleep(0)
                }
            }
        });
    }
}
