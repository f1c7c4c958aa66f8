package dev.asyncio4j.bench.core;

import dev.asyncio4j.EventLoop;
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
 * {@code callSoon} throughput: 100 chains of callbacks, each callback scheduling the next, until
 * 1,000,000 have run; one operation is one callback. Python peer: {@code python/core_bench.py call_soon}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class CallSoonBenchmark extends LoopBenchmark {

    static final int CALLBACKS = 1_000_000;
    static final int CHAINS = 100;

    @Benchmark
    @OperationsPerInvocation(CALLBACKS)
    public int callbacks() {
        return run(loop, CALLBACKS, CHAINS);
    }

    /**
     * The workload: {@code chains} chains of callbacks on {@code loop} (idle, driven by this
     * thread) until {@code callbacks} have run.
     *
     * @param loop the loop, idle
     * @param callbacks how many callbacks to run in all
     * @param chains how many chains run side by side
     * @return how many callbacks ran
     */
    public static int run(EventLoop loop, int callbacks, int chains) {
        Chain chain = new Chain(loop, callbacks);
        for (int i = 0; i < chains; i++) {
            loop.callSoon(chain);
        }
        loop.runForever();
        return chain.count;
    }

    /** One callback object rescheduling itself, as a Python bound method would be. */
    static final class Chain implements Runnable {
        private final EventLoop loop;
        private final int limit;
        int count;

        Chain(EventLoop loop, int limit) {
            this.loop = loop;
            this.limit = limit;
        }

        @Override
        public void run() {
            if (count >= limit) {
                return;  // a chain still queued when another reached the limit
            }
            if (++count < limit) {
                loop.callSoon(this);
            } else {
                loop.stop();
            }
        }
    }
}
