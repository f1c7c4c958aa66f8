package dev.asyncio4j;

import dev.asyncio4j.internal.LoopClock;
import dev.asyncio4j.internal.LoopInternals;

/**
 * A virtual clock for the core's own timing tests (the testing module's TestLoop depends on the
 * core, so the core cannot use it): time starts at 0 and, when the loop has nothing ready, jumps
 * straight to the next timer instead of blocking. With no timer pending the loop really waits
 * (for I/O or another thread).
 */
public final class VirtualTime implements LoopClock {

    private volatile long now;

    /** A new event loop on a fresh virtual clock. */
    public static EventLoop newLoop() {
        return LoopInternals.get().newLoop(new VirtualTime());
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public long beforeWait(long untilNextTimer) {
        return untilNextTimer < 0 ? -1 : 0;
    }

    @Override
    public void afterWait(boolean woken, long untilNextTimer) {
        if (!woken && untilNextTimer > 0) {
            now += untilNextTimer;
        }
    }
}
