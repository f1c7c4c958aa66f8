package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.await;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells whether work handed off the loop really runs beside it: the probe's function never parks,
 * it spins until a task of the loop has run (at most 10 s). Run on the loop thread, it would keep
 * the loop from running that task until the deadline. Thread-safe.
 */
final class SpinProbe {

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean loopRan = new AtomicBoolean();

    /** The function to hand off; it returns whether the loop ran while it spun. */
    Callable<Boolean> function() {
        return () -> {
            started.set(true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!loopRan.get() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return loopRan.get();
        };
    }

    /** In a task: waits until the function runs, tells it the loop runs, and returns its answer. */
    boolean loopRanWhileItRan(Future<Boolean> running) throws Exception {
        while (!started.get()) {
            await(Asyncio.sleep(0.001));
        }
        loopRan.set(true);
        return await(running);
    }
}
