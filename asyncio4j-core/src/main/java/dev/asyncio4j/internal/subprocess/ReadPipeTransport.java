package dev.asyncio4j.internal.subprocess;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.net.ReadTransport;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The transport of a child's stdout or stderr: asyncio's {@code _UnixReadPipeTransport}, with a
 * pump thread doing the blocking reads. Loop-confined (see {@link PipeTransport}).
 */
final class ReadPipeTransport extends PipeTransport implements ReadTransport {

    /*
     * Overview for maintainers. The pump reads a chunk (blocking), copies it, counts it in
     * inFlight and posts it to the loop; the loop's delivery uncounts it and unparks the pump.
     * The pump reads again only while not paused and fewer than MAX_IN_FLIGHT chunks are posted
     * but not delivered, so what the pipe holds beyond the reader's buffer is bounded by
     * MAX_IN_FLIGHT * CHUNK, and a paused reader leaves the child blocked on a full pipe, as
     * asyncio's pause_reading does.
     *
     * Closing (close(), fatal error, loop gone) sets stopped and closes the stream. A pump
     * blocked in read() cannot be woken by that (closing a pipe does not interrupt a read on
     * Linux); it ends when the child writes or the last writer of the pipe goes, which for a
     * child without background grandchildren is when the child exits.
     */

    // One read's most; a pipe holds 64 KiB by default.
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_IN_FLIGHT = 2;

    private final InputStream in;
    private final Thread pump;
    // Shared with the pump: volatile or atomic.
    private volatile boolean paused;
    private volatile boolean stopped;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Makes the transport and starts its pump at once (early data waits in the process transport). */
    ReadPipeTransport(EventLoop loop, PipeProtocol protocol, String name, long pid, InputStream in) {
        super(loop, protocol, name, pid);
        this.in = in;
        this.pump = startPump(this::pump);
    }

    @Override
    Closeable stream() {
        return in;
    }

    // ---------------------------------------------------------------- pump thread

    private void pump() {
        // Holding the stream's monitor for the pump's whole life keeps the JDK's process reaper,
        // which takes it to replace the stream when the child exits (keeping only what the pipe
        // holds then), waiting until the pipe's end instead: so the output of the child's
        // background processes is read to the last writer, as asyncio does. The reaper has set
        // the exit status before it waits, and close() does not take this monitor. A child that
        // exits before its pump gets here (within about a millisecond) has had its pipe replaced
        // already: what was in it is read, what its background processes write later is lost.
        synchronized (in) {
            pumpLocked();
        }
    }

    private void pumpLocked() {
        byte[] buffer = new byte[CHUNK];
        try {
            while (true) {
                while (!stopped && (paused || inFlight.get() >= MAX_IN_FLIGHT)) {
                    LockSupport.park(this);
                }
                if (stopped) {
                    return;
                }
                int count = in.read(buffer, 0, CHUNK);
                if (stopped) {
                    return;
                }
                if (count < 0) {
                    post(this::eofReceived);
                    return;
                }
                if (count > 0) {
                    byte[] data = Arrays.copyOf(buffer, count);
                    inFlight.incrementAndGet();
                    if (!post(() -> deliver(data))) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            if (!stopped) {
                post(() -> readFailed(e));
            }
        } finally {
            closeQuietly(in);
        }
    }

    // ---------------------------------------------------------------- loop side

    /** asyncio reports a pipe's read error (but EIO, which the JDK does not tell apart) and closes. */
    private void readFailed(IOException error) {
        if (state != State.OPEN) {
            return;
        }
        reportError("Fatal read error on pipe transport", error);
        forceClose(error);
    }

    private void deliver(byte[] data) {
        inFlight.decrementAndGet();
        LockSupport.unpark(pump);
        if (state != State.OPEN) {
            return;
        }
        try {
            protocol.dataReceived(data);
        } catch (Throwable e) {
            fatalError(e, "Fatal error: protocol.data_received() call failed.");
        }
    }

    private void eofReceived() {
        if (state != State.OPEN) {
            return;
        }
        if (loop.getDebug()) {
            System.getLogger("dev.asyncio4j").log(System.Logger.Level.DEBUG, this + " was closed by peer");
        }
        // asyncio calls the protocol's eof_received, which a pipe's protocol ignores.
        scheduleConnectionLost(null);
    }

    @Override
    public boolean isReading() {
        return state == State.OPEN && !paused;
    }

    @Override
    public void pauseReading() {
        if (!isReading()) {
            return;
        }
        paused = true;
    }

    @Override
    public void resumeReading() {
        if (state != State.OPEN || !paused) {
            return;
        }
        paused = false;
        LockSupport.unpark(pump);
    }

    @Override
    public void close() {
        if (state == State.OPEN) {
            forceClose(null);
        }
    }

    @Override
    void forceClose(Exception cause) {
        if (state == State.LOST || state == State.CLOSED) {
            return;
        }
        stopped = true;
        LockSupport.unpark(pump);
        // Releases the descriptor now; never blocks (the JDK's pipe stream closes without its lock).
        closeQuietly(in);
        scheduleConnectionLost(cause);
    }

    /** {@code ReadPipeTransport[stdout, open, reading, pid=123]}. */
    @Override
    public String toString() {
        return "ReadPipeTransport[" + name + ", " + stateName()
                + (state == State.OPEN ? (paused ? ", paused" : ", reading") : "") + ", pid=" + pid + "]";
    }
}
