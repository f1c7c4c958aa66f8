package dev.asyncio4j.internal.net;

import static dev.asyncio4j.internal.net.NetErrors.asException;
import static dev.asyncio4j.internal.net.NetErrors.rethrowFatal;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.net.DatagramProtocol;
import dev.asyncio4j.net.DatagramTransport;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A UDP endpoint's transport: asyncio's {@code _SelectorDatagramTransport}. Loop-confined.
 *
 * <p>One datagram is received per readiness event, through the loop's shared buffer (so one
 * datagram is at most {@link LoopNet#BUFFER_SIZE} bytes here; UDP's own limit is lower). A
 * datagram the socket cannot take at once waits in a queue, counted with 8 bytes of overhead.
 */
public final class DatagramSocketTransport extends SelectorTransport<DatagramProtocol> implements DatagramTransport {

    /*
     * Overview for maintainers. The lifecycle is SelectorTransport's. Interest: OP_READ from
     * connectionMade while OPEN; OP_WRITE exactly while pending is not null.
     */

    private static final int HEADER_SIZE = 8;

    private record Datagram(byte[] data, SocketAddress address) {}

    private final DatagramChannel channel;
    private ArrayDeque<Datagram> pending;
    private int pendingBytes;

    private DatagramSocketTransport(EventLoop loop, DatagramChannel channel, DatagramProtocol protocol,
            SocketAddress peername) throws IOException {
        super(loop, channel, Objects.requireNonNull(protocol, "protocol"), channel.getLocalAddress(), peername);
        this.channel = channel;
    }

    /** Makes the transport and schedules {@code connectionMade}, then reading, then {@code waiter}. */
    static DatagramSocketTransport open(EventLoop loop, DatagramChannel channel, DatagramProtocol protocol,
            SocketAddress peername, Future<Void> waiter) throws IOException {
        DatagramSocketTransport transport;
        try {
            transport = new DatagramSocketTransport(loop, channel, protocol, peername);
        } catch (Throwable e) {
            NetErrors.closeQuietly(channel);
            throw e;
        }
        loop.callSoon(() -> transport.start(waiter));
        return transport;
    }

    private void start(Future<Void> waiter) {
        try {
            protocol.connectionMade(this);
        } catch (Throwable e) {
            rethrowFatal(e);
            if (waiter != null && !waiter.isDone()) {
                waiter.setException(e);
            } else {
                reportCallbackError("Fatal error: protocol.connection_made() call failed.", e);
            }
            forceClose(asException(e));
            return;
        }
        if (state == State.OPEN) {
            addInterest(SelectionKey.OP_READ);
        }
        if (waiter != null && !waiter.isDone()) {
            waiter.setResult(null);
        }
    }

    @Override
    protected void ioReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_READ) != 0 && state == State.OPEN) {
            readReady();
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0 && pending != null
                && (state == State.OPEN || state == State.CLOSING)) {
            sendReady();
        }
    }

    private void readReady() {
        ByteBuffer buffer = net.buffer();
        SocketAddress from;
        try {
            from = channel.receive(buffer);
        } catch (IOException e) {
            errorReceived(e);
            return;
        }
        if (from == null) {
            return;
        }
        byte[] data = new byte[buffer.position()];
        buffer.get(0, data);
        try {
            protocol.datagramReceived(data, from);
        } catch (Throwable e) {
            reportCallbackError("Exception in protocol.datagram_received()", e);
        }
    }

    private void errorReceived(IOException error) {
        try {
            protocol.errorReceived(error);
        } catch (Throwable e) {
            reportCallbackError("Exception in protocol.error_received()", e);
        }
    }

    @Override
    public void sendto(byte[] data, SocketAddress address) {
        Objects.requireNonNull(data, "data");
        SocketAddress target = address;
        if (peername != null) {
            if (address != null && !address.equals(peername)) {
                throw new IllegalArgumentException("Invalid address: must be null or " + peername);
            }
            target = peername;
        } else if (address == null) {
            throw new IllegalArgumentException("an address is required: the endpoint is not connected");
        }
        if (state != State.OPEN) {
            throw new IllegalStateException("Cannot call sendto() on a closed transport");
        }
        if (pending == null) {
            try {
                if (send(data, target)) {
                    return;
                }
            } catch (IOException e) {
                errorReceived(e);
                return;
            }
            pending = new ArrayDeque<>();
            addInterest(SelectionKey.OP_WRITE);
        }
        pending.addLast(new Datagram(data.clone(), target));
        pendingBytes += data.length + HEADER_SIZE;
        maybePauseProtocol();
    }

    /** Sends one datagram; false if the socket had no room for it. */
    private boolean send(byte[] data, SocketAddress target) throws IOException {
        ByteBuffer buffer = net.buffer();
        buffer.put(data).flip();
        int sent = peername != null ? channel.write(buffer) : channel.send(buffer, target);
        return sent > 0 || data.length == 0;
    }

    private void sendReady() {
        while (!pending.isEmpty()) {
            Datagram next = pending.peekFirst();
            boolean sent;
            try {
                sent = send(next.data(), next.address());
            } catch (IOException e) {
                pending.pollFirst();
                pendingBytes -= next.data().length + HEADER_SIZE;
                errorReceived(e);
                return;
            }
            if (!sent) {
                break;
            }
            pending.pollFirst();
            pendingBytes -= next.data().length + HEADER_SIZE;
        }
        maybeResumeProtocol(); // may send more, close or abort
        if (pending == null || !pending.isEmpty() || state == State.LOST || state == State.CLOSED) {
            return;
        }
        pending = null;
        removeInterest(SelectionKey.OP_WRITE);
        if (state == State.CLOSING) {
            state = State.LOST;
            callConnectionLost(null);
        }
    }

    @Override
    public int getWriteBufferSize() {
        return pendingBytes;
    }

    @Override
    public void close() {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        removeInterest(SelectionKey.OP_READ);
        if (pending == null) {
            state = State.LOST;
            scheduleConnectionLost(null);
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    private void forceClose(Exception cause) {
        if (state == State.LOST || state == State.CLOSED) {
            return;
        }
        pending = null;
        pendingBytes = 0;
        removeInterest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        state = State.LOST;
        scheduleConnectionLost(cause);
    }

    @Override
    void release(Exception cause) {
        NetErrors.closeQuietly(channel);
    }

    @Override
    public void setProtocol(DatagramProtocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    public DatagramProtocol getProtocol() {
        return protocol;
    }

    /** {@code DatagramSocketTransport[open, local=..., remote=..., bufsize=0]}. */
    @Override
    public String toString() {
        return "DatagramSocketTransport[" + stateName()
                + ", local=" + NetErrors.format(sockname) + (peername != null ? ", remote=" + NetErrors.format(peername) : "")
                + ", bufsize=" + pendingBytes + "]";
    }
}
