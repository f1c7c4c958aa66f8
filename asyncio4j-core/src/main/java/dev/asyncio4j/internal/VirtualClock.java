package dev.asyncio4j.internal;

import java.util.concurrent.TimeUnit;

/**
 * Virtual time, for the testing module's {@code TestLoop} and the core's own timing tests: starts
 * at 0 and moves only when the loop has nothing to do, jumping straight to the next timer (Trio's
 * {@code MockClock(autojump_threshold)}).
 *
 * <p>With a threshold of zero the jump happens as soon as nothing is ready and no I/O is pending
 * right now. With a positive threshold the loop first waits that long in real time for I/O or work
 * from other threads (an executor job, a socket), and jumps only if nothing came. Loop-confined,
 * except {@link #advance}, which the test calls while the loop is not running.
 */
public final class VirtualClock implements LoopClock {

    private final long autojumpThresholdNanos;
    private volatile long now;

    /**
     * A clock at 0.
     *
     * @param autojumpThresholdNanos how long the loop waits in real time for I/O or other threads
     *     before it jumps to the next timer (0: it jumps as soon as nothing is ready)
     */
    public VirtualClock(long autojumpThresholdNanos) {
        this.autojumpThresholdNanos = autojumpThresholdNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public long beforeWait(long untilNextTimer) {
        if (untilNextTimer < 0) {
            // No timer to jump to: only I/O or another thread can make progress, so really wait.
            return -1;
        }
        return Math.min(untilNextTimer, autojumpThresholdNanos);
    }

    @Override
    public void afterWait(boolean woken, long untilNextTimer) {
        if (!woken && untilNextTimer >= 0) {
            now += untilNextTimer;
        }
    }

    /** Moves time forward by {@code nanos}; called while the loop is not running. */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time only moves forward");
        }
        now += nanos;
    }

    @Override
    public String toString() {
        return "VirtualClock[now=" + TimeUnit.NANOSECONDS.toMillis(now) + "ms]";
    }
}
