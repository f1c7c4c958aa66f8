package dev.asyncio4j.bench;

import dev.asyncio4j.EventLoop;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every JMH benchmark of the loop shares: one {@link EventLoop}, made before the trial and
 * closed after it, driven by the benchmark thread. Loop-confined to that thread.
 */
@State(Scope.Thread)
public abstract class LoopBenchmark {

    /** The loop the benchmark runs its workload on. */
    protected EventLoop loop;

    /** Makes the loop before the trial. */
    @Setup
    public void openLoop() {
        loop = new EventLoop();
    }

    /** Closes the loop after the trial. */
    @TearDown
    public void closeLoop() {
        loop.close();
    }
}
