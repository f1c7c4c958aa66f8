package dev.asyncio4j.bench.core;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.sleep;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
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
 * Create, run and finish many tasks that each {@code await sleep(0)} once; one operation is the
 * whole batch (1,000,000 tasks by default). Python peer: {@code python/core_bench.py task_spawn}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class TaskSpawnBenchmark extends LoopBenchmark {

    @Param("1000000")
    public int tasks;

    @Benchmark
    public void spawnAndFinish() throws Exception {
        loop.runUntilComplete(spawnAndFinish(loop, tasks));
    }

    /**
     * The workload: {@code count} tasks created on {@code loop}, each awaiting {@code sleep(0)}.
     *
     * @param loop the loop the tasks run on
     * @param count how many tasks
     * @return the coroutine that creates and awaits them
     */
    public static Coroutine<Void> spawnAndFinish(EventLoop loop, int count) {
        return async(() -> {
            List<Task<Void>> started = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                started.add(loop.createTask(async(() -> {
                    await(sleep(0));
                })));
            }
            for (Task<Void> task : started) {
                await(task);
            }
        });
    }
}
