package dev.asyncio4j;

/**
 * A callback scheduled for a point in loop time: asyncio's {@code TimerHandle}, returned by
 * {@link EventLoop#callLater} and {@link EventLoop#callAt}.
 *
 * <p>Loop-confined, like {@link Handle}. Cancelled timers are purged from the loop's timer queue as
 * asyncio does: from its head as they come due, and all at once when more than half of over 100
 * scheduled timers are cancelled.
 */
public final class TimerHandle extends Handle {

    final long whenNanos;
    final long sequence;
    // True while the handle is in the loop's timer queue.
    boolean scheduled;

    TimerHandle(EventLoop loop, long whenNanos, long sequence, Runnable callback) {
        super(loop, callback, null);
        this.whenNanos = whenNanos;
        this.sequence = sequence;
    }

    /**
     * When the callback is due, in the loop's {@link EventLoop#time()} seconds.
     *
     * @return when the callback is due, in the loop's {@link EventLoop#time()} seconds
     */
    public double when() {
        return whenNanos / 1e9;
    }

    @Override
    public void cancel() {
        if (!isCancelled()) {
            loop.timerHandleCancelled(this);
        }
        super.cancel();
    }

    static int compare(TimerHandle a, TimerHandle b) {
        int byTime = Long.compare(a.whenNanos, b.whenNanos);
        return byTime != 0 ? byTime : Long.compare(a.sequence, b.sequence);
    }

    @Override
    void appendInfo(StringBuilder sb) {
        sb.append(", when=").append(String.format(java.util.Locale.ROOT, "%.6f", when()));
    }
}
