package dev.asyncio4j.bench.core;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.TimerHandle;
import dev.asyncio4j.bench.LoopBenchmark;
import java.time.Duration;
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
 * Many pending timers, most of them cancelled, as timeouts are: one callback schedules
 * {@code timers} {@code callLater}s with pseudo-random delays under 1 ms (the same sequence on
 * every contender), then cancels three of every four; the loop runs until the remaining quarter
 * have fired. One operation is the whole batch (100,000 timers by default), from the first
 * {@code callLater} to the last callback. Python peer: {@code python/core_bench.py timers}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class TimerBenchmark extends LoopBenchmark {

    /** Delays are below this many nanoseconds: the batch is work, not waiting. */
    static final int DELAY_SPREAD_NANOS = 1_000_000;

    @Param("100000")
    public int timers;

    @Benchmark
    public int scheduleCancelFire() {
        return run(loop, timers);
    }

    /**
     * Runs one batch on {@code loop} (not running, on this thread) and returns how many timers
     * fired, which is checked: a quarter of {@code count}.
     *
     * @param loop the loop, idle
     * @param count how many timers to schedule
     * @return how many fired
     */
    public static int run(EventLoop loop, int count) {
        Batch batch = new Batch(loop, count);
        loop.callSoon(batch::schedule);
        loop.runForever();
        if (batch.fired != batch.expected) {
            throw new IllegalStateException(batch.fired + " timers fired, expected " + batch.expected);
        }
        return batch.fired;
    }

    /** One batch: the timers, and the callback every kept timer runs. */
    private static final class Batch implements Runnable {
        private final EventLoop loop;
        private final TimerHandle[] handles;
        private final int expected;
        private int fired;

        Batch(EventLoop loop, int count) {
            this.loop = loop;
            this.handles = new TimerHandle[count];
            this.expected = (count + 3) / 4;
        }

        void schedule() {
            int seed = 12345;
            for (int i = 0; i < handles.length; i++) {
                seed = nextRandom(seed);
                handles[i] = loop.callLater(Duration.ofNanos(seed % DELAY_SPREAD_NANOS), this);
            }
            for (int i = 0; i < handles.length; i++) {
                if (i % 4 != 0) {
                    handles[i].cancel();
                }
            }
        }

        @Override
        public void run() {
            if (++fired == expected) {
                loop.stop();
            }
        }
    }

    /** A 31-bit linear congruential generator, written the same way in core_bench.py. */
    static int nextRandom(int seed) {
        return (seed * 1103515245 + 12345) & 0x7fffffff;
    }
}
