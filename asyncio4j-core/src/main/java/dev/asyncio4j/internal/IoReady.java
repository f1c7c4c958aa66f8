package dev.asyncio4j.internal;

/**
 * A channel's registration with its event loop, which the loop queues as one ready-queue item
 * when the selector reports the channel ready: no allocation per event, and the callback runs
 * where asyncio runs reader and writer callbacks (in the ready queue, after the select).
 *
 * <p>Loop-confined. Subclasses implement {@link #ioReady(int)}; the loop reports an exception it
 * throws to the loop's exception handler.
 */
public abstract class IoReady {

    // Invariant: queued is true exactly while this object is in the loop's ready queue, and
    // readyOps accumulates what the selector reported since it was queued.
    private int readyOps;
    private boolean queued;

    /** Called by the loop when the selector reports {@code readyOps}; returns true if newly queued. */
    public final boolean selected(int ops) {
        readyOps |= ops;
        if (queued) {
            return false;
        }
        queued = true;
        return true;
    }

    /** Called by the loop when it reaches this item in the ready queue. */
    public final void runReady() {
        int ops = readyOps;
        readyOps = 0;
        queued = false;
        ioReady(ops);
    }

    /** The channel is ready for {@code readyOps} ({@link java.nio.channels.SelectionKey} bits). */
    protected abstract void ioReady(int readyOps);
}
