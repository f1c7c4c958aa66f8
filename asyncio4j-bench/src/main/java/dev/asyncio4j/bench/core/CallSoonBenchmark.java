package dev.asyncio4j.bench.core;

import dev.asyncio4j.EventLoop;
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
 * {@code callSoon} throughput: 100 chains of callbacks, each callback scheduling the next, until
 * 1,000,000 have run; one operation is one callback. Python peer: {@code python/core_bench.py call_soon}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class CallSoonBenchmark {

    static final int CALLBACKS = 1_000_000;
    static final int CHAINS = 100;

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
    @OperationsPerInvocation(CALLBACKS)
    public int callbacks() {
        Chain chain = new Chain(loop, CALLBACKS);
        for (int i = 0; i < CHAINS; i++) {
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
