package dev.asyncio4j.bench.core;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.gather;
import static dev.asyncio4j.Asyncio.sleep;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.bench.LoopBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code await gather(...)} of many coroutines that each {@code await sleep(0)} once and return
 * a number; one operation is the whole gather (10,000 coroutines by default), run by
 * {@code runUntilComplete}. Python peer: {@code python/core_bench.py gather}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class GatherBenchmark extends LoopBenchmark {

    @Param("10000")
    public int coroutines;

    @Benchmark
    public List<Integer> gatherAll() throws Exception {
        return loop.runUntilComplete(gatherAll(coroutines));
    }

    /**
     * The workload: one gather of {@code count} coroutines that each await {@code sleep(0)}.
     *
     * @param count how many coroutines
     * @return the coroutine that gathers them
     */
    public static Coroutine<List<Integer>> gatherAll(int count) {
        return async(() -> {
            List<Coroutine<Integer>> children = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int value = i;
                children.add(async(() -> {
                    await(sleep(0));
                    return value;
                }));
            }
            return await(gather(children));
        });
    }
}
