package dev.asyncio4j.stream;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The write-side flow control behind a {@link StreamWriter}: asyncio's {@code FlowControlMixin}.
 *
 * <p>A protocol that feeds a {@link StreamWriter} forwards its transport's
 * {@code pauseWriting}, {@code resumeWriting} and {@code connectionLost} here;
 * {@link StreamWriter#drain()} then waits while writing is paused, and
 * {@link StreamWriter#waitClosed()} until the connection is lost. {@link StreamReaderProtocol}
 * has one for its socket; a subprocess's stream protocol has one for the child's stdin pipe.
 *
 * <pre>{@code
 * FlowControl flow = new FlowControl(loop);
 * StreamWriter writer = new StreamWriter(writeTransport, flow, null, loop);
 * // in the protocol: pauseWriting() -> flow.pauseWriting(), resumeWriting() -> flow.resumeWriting(),
 * //                  connectionLost(exc) -> flow.connectionLost(exc)
 * }</pre>
 *
 * <p>Loop-confined.
 */
public final class FlowControl {

    /*
     * Overview for maintainers. writingPaused follows pauseWriting/resumeWriting; drainWaiters
     * are the futures of the tasks waiting in drain(), all woken by resumeWriting or
     * connectionLost. The "closed" future (wait_closed) is made only when someone waits for it,
     * so an idle connection does not carry one. Invariant: once lost, nothing changes any more.
     */

    private final EventLoop loop;
    private final Supplier<? extends IOException> lostError;
    private boolean writingPaused;
    private ArrayDeque<Future<Void>> drainWaiters;
    private boolean lost;
    private Exception lostException;
    private Future<Void> closed;

    /**
     * Flow control for a socket: a drain after the connection is gone throws
     * {@link SocketException} "Connection lost" (asyncio's {@code ConnectionResetError}).
     *
     * @param loop the event loop
     */
    public FlowControl(EventLoop loop) {
        this(loop, () -> new SocketException("Connection lost"));
    }

    /**
     * Flow control whose drain, once the connection is gone, throws what {@code lostError} makes
     * (its cause is set to the error the connection was lost with, if any).
     *
     * @param loop the event loop
     * @param lostError makes the exception that draining throws once the connection is gone
     */
    public FlowControl(EventLoop loop, Supplier<? extends IOException> lostError) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.lostError = Objects.requireNonNull(lostError, "lostError");
    }

    /** The transport's buffer went above its high-water mark: asyncio's {@code pause_writing()}. */
    public void pauseWriting() {
        writingPaused = true;
    }

    /** The buffer drained to its low-water mark: wakes the drains, asyncio's {@code resume_writing()}. */
    public void resumeWriting() {
        writingPaused = false;
        wakeDrainWaiters(null);
    }

    /**
     * The connection is gone: wakes every drain (with {@code exc} if not null) and
     * {@link #closed()}; later drains throw. asyncio's {@code connection_lost()}.
     *
     * @param exc the exception
     */
    public void connectionLost(Exception exc) {
        if (lost) {
            return;
        }
        lost = true;
        lostException = exc;
        Future<Void> waiter = closed;
        if (waiter != null && !waiter.isDone()) {
            if (exc == null) {
                waiter.setResult(null);
            } else {
                waiter.setException(exc);
            }
        }
        wakeDrainWaiters(exc);
    }

    /**
     * Whether {@link #connectionLost} was called.
     *
     * @return whether {@link #connectionLost} was called
     */
    public boolean isLost() {
        return lost;
    }

    /**
     * Whether writing is paused (between pauseWriting and resumeWriting).
     *
     * @return whether writing is paused (between pauseWriting and resumeWriting)
     */
    public boolean isWritingPaused() {
        return writingPaused;
    }

    private void wakeDrainWaiters(Exception exc) {
        ArrayDeque<Future<Void>> waiters = drainWaiters;
        if (waiters == null) {
            return;
        }
        for (Future<Void> waiter : waiters) {
            if (!waiter.isDone()) {
                if (exc == null) {
                    waiter.setResult(null);
                } else {
                    waiter.setException(exc);
                    waiter.exception(); // the drain() awaiting it reports it; no "never retrieved"
                }
            }
        }
    }

    /** asyncio's {@code _drain_helper}: runs inline in {@link StreamWriter#drain()}'s coroutine. */
    void drainHelper() throws Exception {
        if (lost) {
            IOException error = lostError.get();
            if (lostException != null && error.getCause() == null) {
                error.initCause(lostException);
            }
            throw error;
        }
        if (!writingPaused) {
            return;
        }
        if (drainWaiters == null) {
            drainWaiters = new ArrayDeque<>();
        }
        Future<Void> waiter = loop.createFuture();
        drainWaiters.add(waiter);
        try {
            Asyncio.await(waiter);
        } finally {
            drainWaiters.remove(waiter);
        }
    }

    /** What {@link StreamWriter#waitClosed()} awaits: asyncio's {@code _get_close_waiter()}. */
    Coroutine<Void> closed() {
        return Asyncio.async("StreamWriter.waitClosed", () -> {
            if (lost) {
                if (lostException != null) {
                    throw lostException;
                }
                return;
            }
            if (closed == null) {
                closed = loop.createFuture();
            }
            Asyncio.await(closed);
        });
    }

    /** {@code FlowControl[writing paused, drain waiters=1]}, {@code FlowControl[lost]}. */
    @Override
    public String toString() {
        int waiters = drainWaiters == null ? 0 : drainWaiters.size();
        return "FlowControl[" + (lost ? "lost" : writingPaused ? "writing paused" : "writing")
                + (waiters > 0 ? ", drain waiters=" + waiters : "") + "]";
    }
}
