package dev.asyncio4j.internal.net;

import static dev.asyncio4j.internal.net.NetErrors.asException;
import static dev.asyncio4j.internal.net.NetErrors.rethrowFatal;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.net.BaseProtocol;
import dev.asyncio4j.net.BufferedProtocol;
import dev.asyncio4j.net.Protocol;
import dev.asyncio4j.net.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Objects;

/**
 * A stream socket's transport (TCP or Unix-domain): asyncio's {@code _SelectorSocketTransport}.
 *
 * <p>Loop-confined. The transport is its own selector registration ({@link IoReady}), so a ready
 * socket costs the loop no allocation; reads go through the loop's one shared buffer
 * ({@link LoopNet}); {@link #write} first tries to send directly and only buffers what the socket
 * did not take.
 */
public final class SocketTransport extends SelectorTransport<BaseProtocol<Transport>> implements Transport {

    /*
     * Overview for maintainers. The lifecycle is SelectorTransport's. Interest ops mirror asyncio's
     * reader/writer registrations: OP_READ while started (the protocol has had connectionMade),
     * OPEN, not paused and before EOF; OP_WRITE exactly while pending != null, or while sendfile
     * waits for the socket to become writable.
     *
     * Invariant: pending is null or non-empty, except briefly inside writeReady.
     *
     * Writes after close throw instead of being dropped (asyncio drops them, warning after five):
     * the project's rule is that data is never silently lost.
     */

    private static final System.Logger LOG = System.getLogger("dev.asyncio4j");

    private final SocketChannel channel;
    private boolean buffered;
    private SocketServer server;
    // The server's intrusive list of its open connections (see SocketServer.attach).
    SocketTransport previousClient;
    SocketTransport nextClient;
    private WriteBuffer pending;
    private boolean started;
    private boolean readPaused;
    private boolean eofReceived;
    private boolean eofRequested;
    private Exception lostCause;
    private boolean sendfileActive;
    // While sendfile runs: completed when the buffer has drained, then each time the socket
    // becomes writable again.
    private Future<Void> sendfileWaiter;

    private SocketTransport(EventLoop loop, SocketChannel channel, BaseProtocol<Transport> protocol,
            SocketServer server) throws IOException {
        super(loop, channel, protocol, channel.getLocalAddress(), channel.getRemoteAddress());
        this.channel = channel;
        setProtocol(protocol);
        if (sockname instanceof InetSocketAddress) {
            // Disable Nagle's algorithm, as asyncio does: small writes go out without waiting for ACKs.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        this.server = server;
    }

    /**
     * Makes a transport for a connected, non-blocking channel and schedules, in one callback,
     * what asyncio schedules in three: {@code connectionMade}, the start of reading, and the
     * completion of {@code waiter} (if not null). Closes the channel if that fails. Loop-confined.
     */
    static SocketTransport open(EventLoop loop, SocketChannel channel, BaseProtocol<Transport> protocol,
            SocketServer server, Future<Void> waiter) throws IOException {
        SocketTransport transport;
        try {
            transport = new SocketTransport(loop, channel, protocol, server);
        } catch (Throwable e) {
            NetErrors.closeQuietly(channel);
            throw e;
        }
        if (server != null) {
            server.attach(transport);
        }
        loop.callSoon(() -> transport.start(waiter));
        return transport;
    }

    private void start(Future<Void> waiter) {
        started = true;
        try {
            protocol.connectionMade(this);
        } catch (Throwable e) {
            rethrowFatal(e);
            if (waiter != null && !waiter.isDone()) {
                waiter.setException(e);
                forceClose(asException(e));
            } else {
                fatalError(e, "Fatal error: protocol.connection_made() call failed.");
            }
            return;
        }
        if (state == State.OPEN && !readPaused) {
            addInterest(SelectionKey.OP_READ);
        }
        if (waiter != null && !waiter.isDone()) {
            waiter.setResult(null);
        }
    }

    // ---------------------------------------------------------------- I/O events

    @Override
    protected void ioReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_READ) != 0 && state == State.OPEN && started && !readPaused
                && !eofReceived) {
            if (buffered) {
                readIntoProtocolBuffer();
            } else {
                readData();
            }
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            if (pending != null && (state == State.OPEN || state == State.CLOSING)) {
                writeReady();
            } else if (sendfileWaiter != null && pending == null) {
                removeInterest(SelectionKey.OP_WRITE);
                completeSendfileWaiter();
            }
        }
    }

    private static final int READ_FAILED = Integer.MIN_VALUE;

    /** One read: the count, -1 at EOF, or READ_FAILED after a read error ended the connection. */
    private int readInto(ByteBuffer buffer) {
        try {
            return channel.read(buffer);
        } catch (IOException e) {
            fatalError(e, "Fatal read error on socket transport");
            return READ_FAILED;
        }
    }

    private void readData() {
        ByteBuffer buffer = net.buffer();
        int count = readInto(buffer);
        if (count > 0) {
            byte[] data = new byte[count];
            buffer.get(0, data, 0, count);
            try {
                ((Protocol) protocol).dataReceived(data);
            } catch (Throwable e) {
                fatalError(e, "Fatal error: protocol.data_received() call failed.");
            }
        } else if (count == -1) {
            readEof();
        }
    }

    private void readIntoProtocolBuffer() {
        BufferedProtocol target = (BufferedProtocol) protocol;
        ByteBuffer buffer;
        try {
            buffer = target.getBuffer(-1);
            if (buffer == null || !buffer.hasRemaining()) {
                throw new IllegalStateException("get_buffer() returned an empty buffer");
            }
        } catch (Throwable e) {
            fatalError(e, "Fatal error: protocol.get_buffer() call failed.");
            return;
        }
        int count = readInto(buffer);
        if (count > 0) {
            try {
                target.bufferUpdated(count);
            } catch (Throwable e) {
                fatalError(e, "Fatal error: protocol.buffer_updated() call failed.");
            }
        } else if (count == -1) {
            readEof();
        }
    }

    private void readEof() {
        if (loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, this + " received EOF");
        }
        eofReceived = true;
        boolean keepOpen;
        try {
            keepOpen = protocol instanceof BufferedProtocol target ? target.eofReceived()
                    : ((Protocol) protocol).eofReceived();
        } catch (Throwable e) {
            fatalError(e, "Fatal error: protocol.eof_received() call failed.");
            return;
        }
        if (keepOpen) {
            // Half-closed: this side may still write, but there is nothing more to read.
            removeInterest(SelectionKey.OP_READ);
        } else {
            close();
        }
    }

    private void writeReady() {
        try {
            pending.writeTo(channel, net.buffer());
        } catch (IOException e) {
            removeInterest(SelectionKey.OP_WRITE);
            pending = null;
            fatalError(e, "Fatal write error on socket transport");
            failSendfileWaiter(e);
            return;
        }
        maybeResumeProtocol(); // may write more, close or abort
        if (state == State.LOST || state == State.CLOSED || (pending != null && !pending.isEmpty())) {
            return;
        }
        pending = null;
        removeInterest(SelectionKey.OP_WRITE);
        completeSendfileWaiter();
        if (state == State.CLOSING) {
            state = State.LOST;
            callConnectionLost(null);
        } else if (eofRequested) {
            shutdownOutput();
        }
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void write(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        checkWritable("write()");
        if (length == 0) {
            return;
        }
        int from = offset;
        int left = length;
        if (pending == null) {
            int sent;
            try {
                sent = net.send(channel, data, from, left);
            } catch (IOException e) {
                fatalError(e, "Fatal write error on socket transport");
                return;
            }
            if (sent == left) {
                return;
            }
            from += sent;
            left -= sent;
            startBuffering();
        }
        pending.add(data, from, left);
        maybePauseProtocol();
    }

    @Override
    public void write(ByteBuffer data) {
        if (data.hasArray()) {
            int length = data.remaining();
            write(data.array(), data.arrayOffset() + data.position(), length);
            data.position(data.limit());
            return;
        }
        checkWritable("write()");
        if (!data.hasRemaining()) {
            return;
        }
        if (pending == null) {
            try {
                channel.write(data);
            } catch (IOException e) {
                fatalError(e, "Fatal write error on socket transport");
                data.position(data.limit());
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            startBuffering();
        }
        pending.add(data);
        maybePauseProtocol();
    }

    @Override
    public void writelines(Iterable<byte[]> data) {
        checkWritable("writelines()");
        Iterator<byte[]> chunks = data.iterator();
        if (pending != null) {
            while (chunks.hasNext()) {
                byte[] chunk = chunks.next();
                pending.add(chunk, 0, chunk.length);
            }
            maybePauseProtocol();
            return;
        }
        // Gathering write: pack the arrays into the shared buffer, one system call per buffer-full.
        ByteBuffer shared = net.buffer();
        byte[] current = null;
        int offset = 0;
        try {
            while (true) {
                shared.clear();
                while (shared.hasRemaining()) {
                    if (current == null || offset == current.length) {
                        if (!chunks.hasNext()) {
                            break;
                        }
                        current = Objects.requireNonNull(chunks.next(), "writelines() element");
                        offset = 0;
                        continue;
                    }
                    int count = Math.min(shared.remaining(), current.length - offset);
                    shared.put(current, offset, count);
                    offset += count;
                }
                shared.flip();
                if (!shared.hasRemaining()) {
                    return;
                }
                channel.write(shared);
                if (shared.hasRemaining()) {
                    break;
                }
            }
        } catch (IOException e) {
            fatalError(e, "Fatal write error on socket transport");
            return;
        }
        startBuffering();
        pending.add(shared);
        if (current != null && offset < current.length) {
            pending.add(current, offset, current.length - offset);
        }
        while (chunks.hasNext()) {
            byte[] chunk = chunks.next();
            pending.add(chunk, 0, chunk.length);
        }
        maybePauseProtocol();
    }

    private void startBuffering() {
        pending = new WriteBuffer();
        addInterest(SelectionKey.OP_WRITE);
    }

    private void checkWritable(String method) {
        if (eofRequested) {
            throw new IllegalStateException("Cannot call " + method + " after writeEof()");
        }
        if (sendfileActive) {
            throw new IllegalStateException("unable to call " + method + "; sendfile is in progress");
        }
        if (state != State.OPEN) {
            Exception cause = lostCause;
            throw new IllegalStateException("Cannot call " + method + " on a closed transport"
                    + (cause != null ? " (the connection was lost: " + cause + ")" : ""), cause);
        }
    }

    @Override
    public void writeEof() {
        if (state != State.OPEN || eofRequested) {
            return;
        }
        eofRequested = true;
        if (pending == null) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatalError(e, "Fatal error on socket transport: shutdown of the write side failed");
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public int getWriteBufferSize() {
        WriteBuffer buffer = pending;
        return buffer == null ? 0 : buffer.size();
    }

    // ---------------------------------------------------------------- reading control

    @Override
    public boolean isReading() {
        return state == State.OPEN && !readPaused;
    }

    @Override
    public void pauseReading() {
        if (!isReading()) {
            return;
        }
        readPaused = true;
        removeInterest(SelectionKey.OP_READ);
        if (loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, this + " pauses reading");
        }
    }

    @Override
    public void resumeReading() {
        if (state != State.OPEN || !readPaused) {
            return;
        }
        readPaused = false;
        if (started && !eofReceived) {
            addInterest(SelectionKey.OP_READ);
        }
        if (loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, this + " resumes reading");
        }
    }

    // ---------------------------------------------------------------- closing

    @Override
    public void close() {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        removeInterest(SelectionKey.OP_READ);
        if (pending == null) {
            state = State.LOST;
            removeInterest(SelectionKey.OP_WRITE);
            scheduleConnectionLost(null);
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    /**
     * Reports a failure and closes at once: asyncio's {@code _fatal_error}. An I/O error is the
     * peer's doing and only logged in debug mode; anything else (a protocol callback's exception)
     * goes to the loop's exception handler.
     */
    private void fatalError(Throwable error, String message) {
        rethrowFatal(error);
        if (error instanceof IOException) {
            if (loop.getDebug()) {
                LOG.log(System.Logger.Level.DEBUG, this + ": " + message, error);
            }
        } else {
            reportCallbackError(message, error);
        }
        forceClose(asException(error));
    }

    private void forceClose(Exception cause) {
        if (state == State.LOST || state == State.CLOSED) {
            return;
        }
        pending = null;
        removeInterest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        state = State.LOST;
        lostCause = cause;
        scheduleConnectionLost(cause);
    }

    @Override
    void release(Exception cause) {
        NetErrors.closeQuietly(channel);
        SocketServer owner = server;
        if (owner != null) {
            server = null;
            owner.detach(this);
        }
        failSendfileWaiter(cause != null ? cause : new SocketException("Connection is closed by peer"));
    }

    // ---------------------------------------------------------------- protocol and info

    @Override
    public void setProtocol(BaseProtocol<Transport> protocol) {
        Objects.requireNonNull(protocol, "protocol");
        if (!(protocol instanceof Protocol) && !(protocol instanceof BufferedProtocol)) {
            throw new IllegalArgumentException("a Protocol or a BufferedProtocol was expected, got " + protocol);
        }
        this.protocol = protocol;
        this.buffered = protocol instanceof BufferedProtocol;
    }

    @Override
    public BaseProtocol<Transport> getProtocol() {
        return protocol;
    }

    /** The event loop the transport runs on. */
    public EventLoop loop() {
        return loop;
    }

    // ---------------------------------------------------------------- sendfile

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} (to its end if {@code count}
     * is negative) with the kernel's sendfile, through {@link FileChannel#transferTo}: asyncio's
     * {@code _sendfile_native}. Reading is paused and writes are refused meanwhile; the buffer is
     * drained first. The file's position is left after the last byte sent.
     */
    Coroutine<Long> sendfile(FileChannel file, long offset, long count) {
        return Asyncio.async("sendfile", () -> {
            if (isClosing()) {
                throw new IllegalStateException("Transport is closing");
            }
            if (sendfileActive) {
                throw new IllegalStateException("sendfile is already in progress on " + this);
            }
            boolean resume = isReading();
            pauseReading();
            sendfileActive = true;
            long position = offset;
            try {
                if (pending != null) {
                    awaitSendfileWaiter();
                }
                long end = count < 0 ? Long.MAX_VALUE : offset + count;
                while (position < end) {
                    long sent = file.transferTo(position, Math.min(end - position, 1L << 30), channel);
                    if (sent > 0) {
                        position += sent;
                    } else if (position >= file.size()) {
                        break;
                    } else {
                        addInterest(SelectionKey.OP_WRITE);
                        awaitSendfileWaiter();
                    }
                }
                return position - offset;
            } finally {
                sendfileActive = false;
                sendfileWaiter = null;
                if (position > offset) {
                    file.position(position);
                }
                if (resume) {
                    resumeReading();
                }
            }
        });
    }

    private void awaitSendfileWaiter() throws Exception {
        if (state != State.OPEN) {
            throw new SocketException("Connection is closed by peer");
        }
        Future<Void> waiter = loop.createFuture();
        sendfileWaiter = waiter;
        Asyncio.await(waiter);
    }

    private void completeSendfileWaiter() {
        Future<Void> waiter = sendfileWaiter;
        if (waiter != null) {
            sendfileWaiter = null;
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        }
    }

    private void failSendfileWaiter(Exception error) {
        Future<Void> waiter = sendfileWaiter;
        if (waiter != null) {
            sendfileWaiter = null;
            if (!waiter.isDone()) {
                waiter.setException(error);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The state, peer, polling and buffer, as asyncio's repr: {@code SocketTransport[open, peer=...]}. */
    @Override
    public String toString() {
        return "SocketTransport[" + stateName() + ", peer=" + NetErrors.format(peername)
                + ", read=" + (polling(SelectionKey.OP_READ) ? "polling" : "idle")
                + ", write=" + (polling(SelectionKey.OP_WRITE) ? "polling" : "idle")
                + ", bufsize=" + getWriteBufferSize() + "]";
    }
}
