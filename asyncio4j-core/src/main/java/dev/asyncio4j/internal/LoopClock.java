package dev.asyncio4j.internal;

/**
 * An event loop's source of time and its policy for waiting.
 *
 * <p>The real clock reads {@link System#nanoTime()} and lets the loop block until the next timer
 * is due. A virtual clock (the testing module's {@code TestLoop}) jumps time forward instead of
 * blocking, so a test that sleeps for an hour takes no wall time. Loop-confined: the loop calls
 * {@link #beforeWait} and {@link #afterWait} from its own thread; {@link #nanoTime()} is also read
 * from the loop thread only.
 */
public interface LoopClock {

    /** Loop time in nanoseconds; monotonic. */
    long nanoTime();

    /**
     * The loop has nothing ready and is about to wait for I/O or a wake-up.
     *
     * @param untilNextTimer nanoseconds until the earliest timer is due, or -1 if there is none
     * @return how long to really block in nanoseconds: 0 to only poll, -1 to block until woken
     */
    long beforeWait(long untilNextTimer);

    /**
     * The wait has returned.
     *
     * @param woken true if I/O became ready or another thread queued work during the wait
     * @param untilNextTimer as given to {@link #beforeWait}
     */
    void afterWait(boolean woken, long untilNextTimer);

    /** The real clock. */
    LoopClock SYSTEM = new LoopClock() {
        private static final long ORIGIN = System.nanoTime();

        @Override
        public long nanoTime() {
            return System.nanoTime() - ORIGIN;
        }

        @Override
        public long beforeWait(long untilNextTimer) {
            return untilNextTimer;
        }

        @Override
        public void afterWait(boolean woken, long untilNextTimer) {}
    };
}
