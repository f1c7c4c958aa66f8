package dev.asyncio4j;

import dev.asyncio4j.internal.LoopInternals;
import dev.asyncio4j.internal.VirtualClock;

/**
 * Event loops on virtual time for the core's own timing tests: the clock of the testing module's
 * TestLoop (which depends on the core, so the core's tests cannot use TestLoop itself). Time
 * starts at 0 and, when the loop has nothing ready, jumps straight to the next timer instead of
 * blocking; with no timer pending the loop really waits (for I/O or another thread).
 */
public final class VirtualTime {

    private VirtualTime() {}

    /** A new event loop on a fresh virtual clock that jumps as soon as the loop is idle. */
    public static EventLoop newLoop() {
        return LoopInternals.get().newLoop(new VirtualClock(0));
    }
}
