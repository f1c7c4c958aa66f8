package dev.asyncio4j.bench.core;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.bench.LoopBenchmark;
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
 * Two tasks handing control back and forth through futures: each await parks one task and the
 * other's {@code setResult} resumes it. One operation is one switch (suspend plus resume).
 * Python peer: {@code python/core_bench.py task_switch}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class TaskSwitchBenchmark extends LoopBenchmark {

    static final int ROUNDS = 100_000;

    /** Two switches per round: ping waits, pong resumes it; pong waits, ping resumes it. */
    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public void pingPong() throws Exception {
        loop.runUntilComplete(pingPong(loop, ROUNDS));
    }

    /**
     * The workload: two tasks on {@code loop} switching {@code 2 * rounds} times.
     *
     * @param loop the loop the tasks run on
     * @param rounds how many round trips (two switches each)
     * @return the coroutine that runs them
     */
    public static Coroutine<Void> pingPong(EventLoop loop, int rounds) {
        return async(() -> {
            @SuppressWarnings("unchecked")
            Future<Void>[] toPing = new Future[] {loop.createFuture()};
            @SuppressWarnings("unchecked")
            Future<Void>[] toPong = new Future[1];
            Task<Void> ping = loop.createTask(async(() -> {
                for (int i = 0; i < rounds; i++) {
                    await(toPing[0]);
                    toPing[0] = loop.createFuture();
                    toPong[0].setResult(null);
                }
            }));
            Task<Void> pong = loop.createTask(async(() -> {
                for (int i = 0; i < rounds; i++) {
                    toPong[0] = loop.createFuture();
                    toPing[0].setResult(null);
                    await(toPong[0]);
                }
            }));
            await(ping);
            await(pong);
        });
    }
}
