package dev.asyncio4j.bench.subprocess;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createSubprocessExec;
import static dev.asyncio4j.Asyncio.createTask;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import dev.asyncio4j.bench.LoopBenchmark;
import dev.asyncio4j.subprocess.Subprocess;
import dev.asyncio4j.sync.Semaphore;
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
 * Spawn many short children ({@code true}, streams inherited, as {@code create_subprocess_exec}'s
 * defaults), at most {@code concurrency} at once, and wait for each; one operation is the whole
 * batch (1,000 children, 50 at once, by default). Measures the spawn path: ProcessBuilder (the
 * JDK's POSIX_SPAWN through jspawnhelper), the exit watch and the transport's bookkeeping; with
 * no pipe there is no pipe thread. Python peer: {@code python/subprocess_bench.py spawn_true}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class SubprocessSpawnBenchmark extends LoopBenchmark {

    @Param("1000")
    public int children;

    @Param("50")
    public int concurrency;

    @Benchmark
    public void spawnTrue() throws Exception {
        loop.runUntilComplete(spawnAll(loop, children, concurrency));
    }

    /**
     * The workload: {@code count} {@code true} children, at most {@code concurrency} at once.
     *
     * @param loop the loop the children are watched from
     * @param count how many children
     * @param concurrency how many at once at most
     * @return the coroutine that spawns and waits for them, checking each exit status
     */
    public static Coroutine<Void> spawnAll(EventLoop loop, int count, int concurrency) {
        return async(() -> {
            Semaphore slots = new Semaphore(concurrency);
            List<Task<Integer>> tasks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                tasks.add(createTask(async(() -> {
                    await(slots.acquire());
                    try {
                        Subprocess proc = await(createSubprocessExec("true"));
                        return await(proc.waitFor());
                    } finally {
                        slots.release();
                    }
                })));
            }
            for (Task<Integer> task : tasks) {
                int status = await(task);
                if (status != 0) {
                    throw new IllegalStateException("true exited with " + status);
                }
            }
        });
    }

    /** A quick run outside JMH: {@code SubprocessSpawnBenchmark [children [concurrency]]}; prints ms per batch. */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        EventLoop loop = new EventLoop();
        try {
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                loop.runUntilComplete(spawnAll(loop, count, concurrency));
                System.out.printf("%d children, %d at once: %.1f ms%n", count, concurrency,
                        (System.nanoTime() - start) / 1e6);
            }
        } finally {
            loop.close();
        }
    }
}
