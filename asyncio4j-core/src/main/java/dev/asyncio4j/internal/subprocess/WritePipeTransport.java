package dev.asyncio4j.internal.subprocess;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.net.WriteBufferLimits;
import dev.asyncio4j.net.WriteTransport;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The transport of a child's stdin: asyncio's {@code _UnixWritePipeTransport}, with a pump
 * thread doing the blocking writes. Loop-confined (see {@link PipeTransport}).
 *
 * <p>{@link #write} copies the data and hands it to the pump; the bytes count in
 * {@link #getWriteBufferSize()} until the pump has written them to the pipe, so the protocol is
 * paused (and {@code StreamWriter.drain()} waits) while a child that does not read holds them
 * up: memory stays bounded by what the writer was allowed to write.
 */
final class WritePipeTransport extends PipeTransport implements WriteTransport {

    /*
     * Overview for maintainers. queue holds private copies of the written data, in order, for
     * the pump; bufferSize (loop-confined) counts the bytes written but not yet acknowledged by
     * the pump. The pump is started by the first write. close() with a pump asks it (closing)
     * to close the stream once the queue is written, and it posts closeDone; without a pump the
     * loop closes the stream itself (nothing else touches it). abort(), a broken pipe and the
     * child's exit set aborted: the pump drops what is queued and closes the stream. The loop
     * never closes the stream while a pump exists, because the JDK's pipe stream takes the lock
     * a blocked write holds.
     *
     * The child's exit stands in for asyncio's "reader trick" (watching the write end for the
     * reader going away): the process transport calls childExited(), which ends the pipe with a
     * BrokenPipe error if data was still waiting, else quietly. A child that closes its stdin
     * but keeps running is noticed at the next write (EPIPE).
     */

    // How many queued bytes the pump writes before one flush and one acknowledgement.
    private static final int BATCH = 256 * 1024;

    private final OutputStream out;
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private Thread pump;
    // Shared with the pump.
    private volatile boolean closing;
    private volatile boolean aborted;
    private int bufferSize;
    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_LOW_WATER;
    private boolean writingPaused;
    private boolean eofRequested;
    private Exception lostCause;
    private String closedBy;

    WritePipeTransport(EventLoop loop, PipeProtocol protocol, long pid, OutputStream out) {
        super(loop, protocol, "stdin", pid);
        this.out = out;
    }

    @Override
    Closeable stream() {
        return out;
    }

    // ---------------------------------------------------------------- pump thread

    private void pump() {
        try {
            while (true) {
                byte[] chunk = queue.poll();
                if (chunk == null) {
                    if (aborted) {
                        return;
                    }
                    if (closing) {
                        chunk = queue.poll(); // what was queued before close() is visible now
                        if (chunk == null) {
                            closeStream();
                            post(this::closeDone);
                            return;
                        }
                    } else {
                        LockSupport.park(this);
                        continue;
                    }
                }
                int written = 0;
                while (chunk != null && !aborted) {
                    out.write(chunk);
                    written += chunk.length;
                    chunk = written < BATCH ? queue.poll() : null;
                }
                if (aborted) {
                    return;
                }
                out.flush();
                int acknowledged = written;
                if (!post(() -> acknowledge(acknowledged))) {
                    return;
                }
            }
        } catch (IOException e) {
            if (!aborted) {
                IOException broken = brokenPipe(e);
                post(() -> fatalError(broken, "Fatal write error on pipe transport"));
            }
        } finally {
            closeStream();
        }
    }

    /** The JDK says "Stream closed" once it has seen the child exit; both mean EPIPE. */
    private static IOException brokenPipe(IOException error) {
        if ("Stream closed".equals(error.getMessage())) {
            return new IOException("Broken pipe: the child process exited", error);
        }
        return error;
    }

    private void closeStream() {
        closeQuietly(out);
    }

    // ---------------------------------------------------------------- loop side

    private void acknowledge(int count) {
        bufferSize -= count;
        if (state == State.OPEN || state == State.CLOSING) {
            maybeResumeProtocol();
        }
    }

    private void closeDone() {
        if (state == State.CLOSING) {
            scheduleConnectionLost(null);
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        checkWritable("write()");
        if (length == 0) {
            return;
        }
        enqueue(Arrays.copyOfRange(data, offset, offset + length));
    }

    @Override
    public void write(ByteBuffer data) {
        checkWritable("write()");
        if (!data.hasRemaining()) {
            return;
        }
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        enqueue(copy);
    }

    @Override
    public void writelines(Iterable<byte[]> data) {
        checkWritable("writelines()");
        for (byte[] chunk : data) {
            Objects.requireNonNull(chunk, "writelines() element");
            if (chunk.length > 0) {
                enqueue(chunk.clone());
            }
        }
    }

    private void enqueue(byte[] copy) {
        bufferSize += copy.length;
        queue.add(copy);
        if (pump == null) {
            pump = startPump(this::pump);
        } else {
            LockSupport.unpark(pump);
        }
        maybePauseProtocol();
    }

    private void checkWritable(String method) {
        if (eofRequested) {
            throw new IllegalStateException("Cannot call " + method + " after writeEof()");
        }
        if (state != State.OPEN) {
            Exception cause = lostCause;
            String why = cause != null ? " (the pipe broke: " + cause.getMessage() + ")"
                    : closedBy != null ? " (" + closedBy + ")" : "";
            throw new IllegalStateException("Cannot call " + method + " on a closed transport" + why, cause);
        }
    }

    /** Closes the pipe once the buffered data is written: the child reads end-of-file. */
    @Override
    public void writeEof() {
        if (state != State.OPEN) {
            return;
        }
        eofRequested = true;
        close();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void close() {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        if (pump == null) {
            closeStream();
            scheduleConnectionLost(null);
        } else {
            closing = true;
            LockSupport.unpark(pump);
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    @Override
    void forceClose(Exception cause) {
        if (state == State.LOST || state == State.CLOSED) {
            return;
        }
        lostCause = cause;
        aborted = true;
        queue.clear();
        bufferSize = 0;
        if (pump == null) {
            closeStream();
        } else {
            LockSupport.unpark(pump);
        }
        scheduleConnectionLost(cause);
    }

    /**
     * The child exited, so nobody reads the pipe any more: asyncio's write pipe notices the read
     * end go away and ends with BrokenPipeError if data was waiting, else quietly.
     */
    void childExited() {
        if (state == State.LOST || state == State.CLOSED) {
            return;
        }
        if (bufferSize > 0) {
            fatalError(new IOException("Broken pipe: the child process exited before reading "
                    + bufferSize + " bytes"), "Fatal write error on pipe transport");
        } else {
            closedBy = "the child process exited";
            forceClose(null);
        }
    }

    // ---------------------------------------------------------------- flow control

    @Override
    public int getWriteBufferSize() {
        return bufferSize;
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return new WriteBufferLimits(lowWater, highWater);
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        new WriteBufferLimits(low, high); // checks high >= low >= 0
        highWater = high;
        lowWater = low;
        maybePauseProtocol();
    }

    private void maybePauseProtocol() {
        if (bufferSize <= highWater || writingPaused) {
            return;
        }
        writingPaused = true;
        try {
            protocol.pauseWriting();
        } catch (Throwable e) {
            reportError("protocol.pause_writing() failed", e);
        }
    }

    private void maybeResumeProtocol() {
        if (!writingPaused || bufferSize > lowWater) {
            return;
        }
        writingPaused = false;
        try {
            protocol.resumeWriting();
        } catch (Throwable e) {
            reportError("protocol.resume_writing() failed", e);
        }
    }

    /** {@code WritePipeTransport[stdin, open, bufsize=0, pid=123]}. */
    @Override
    public String toString() {
        return "WritePipeTransport[" + name + ", " + stateName() + ", bufsize=" + bufferSize + ", pid=" + pid + "]";
    }
}
