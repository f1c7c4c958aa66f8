package dev.asyncio4j.internal.net;

import static dev.asyncio4j.internal.net.NetErrors.rethrowFatal;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.internal.IoReady;
import dev.asyncio4j.internal.LoopInternals;
import dev.asyncio4j.net.BaseProtocol;
import dev.asyncio4j.net.WriteBufferLimits;
import dev.asyncio4j.net.WriteTransport;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * What the stream and datagram socket transports share: asyncio's {@code _SelectorTransport}
 * with its {@code _FlowControlMixin}. The transport is its own selector registration, so a ready
 * socket costs the loop no allocation. Loop-confined.
 *
 * @param <P> the kind of protocol the transport talks to
 */
abstract class SelectorTransport<P extends BaseProtocol<?>> extends IoReady {

    /*
     * Overview for maintainers. Lifecycle (state): OPEN -> CLOSING (close() with data still
     * buffered; reading stopped, the buffer drains) -> LOST (connection_lost scheduled; asyncio's
     * _conn_lost > 0) -> CLOSED (connection_lost delivered, channel closed). abort() and fatal
     * errors go from OPEN or CLOSING straight to LOST, dropping the buffer. isClosing() is
     * state != OPEN. Flow control: writingPaused is true between the protocol's pauseWriting and
     * resumeWriting, which alternate strictly.
     */

    enum State { OPEN, CLOSING, LOST, CLOSED }

    final EventLoop loop;
    final LoopNet net;
    final SelectionKey key;
    private final SelectableChannel channel;
    final SocketAddress sockname;
    final SocketAddress peername;
    P protocol;
    State state = State.OPEN;
    private int highWater = WriteTransport.DEFAULT_HIGH_WATER;
    private int lowWater = WriteTransport.DEFAULT_LOW_WATER;
    private boolean writingPaused;

    /**
     * Registers {@code channel} with the loop, interested in nothing yet.
     *
     * @param sockname the local address, for {@code getExtraInfo("sockname")}
     * @param peername the remote address (null for an unconnected datagram socket)
     */
    SelectorTransport(EventLoop loop, SelectableChannel channel, P protocol, SocketAddress sockname,
            SocketAddress peername) throws IOException {
        this.loop = loop;
        this.net = LoopNet.of(loop);
        this.protocol = protocol;
        this.channel = channel;
        this.sockname = sockname;
        this.peername = peername;
        this.key = LoopInternals.get().register(loop, channel, 0, this);
    }

    /**
     * asyncio's {@code get_extra_info(name, default)}: {@code "peername"}, {@code "sockname"},
     * {@code "socket"} (the channel), else {@code defaultValue}.
     */
    public Object getExtraInfo(String name, Object defaultValue) {
        return switch (name) {
            case "peername" -> peername;
            case "sockname" -> sockname;
            case "socket" -> channel;
            default -> defaultValue;
        };
    }

    /** Bytes waiting to be sent. */
    public abstract int getWriteBufferSize();

    /** Called once, after the protocol's connectionLost (or instead of it if the loop is closed). */
    abstract void release(Exception cause);

    /** asyncio's {@code get_write_buffer_limits()}. */
    public WriteBufferLimits getWriteBufferLimits() {
        return new WriteBufferLimits(lowWater, highWater);
    }

    /** asyncio's {@code set_write_buffer_limits(high, low)}. */
    public void setWriteBufferLimits(int high, int low) {
        new WriteBufferLimits(low, high); // checks high >= low >= 0
        highWater = high;
        lowWater = low;
        maybePauseProtocol();
    }

    /** asyncio's {@code is_closing()}. */
    public boolean isClosing() {
        return state != State.OPEN;
    }

    final void maybePauseProtocol() {
        if (getWriteBufferSize() <= highWater || writingPaused) {
            return;
        }
        writingPaused = true;
        try {
            protocol.pauseWriting();
        } catch (Throwable e) {
            reportCallbackError("protocol.pause_writing() failed", e);
        }
    }

    final void maybeResumeProtocol() {
        if (!writingPaused || getWriteBufferSize() > lowWater) {
            return;
        }
        writingPaused = false;
        try {
            protocol.resumeWriting();
        } catch (Throwable e) {
            reportCallbackError("protocol.resume_writing() failed", e);
        }
    }

    /** Whether the protocol was told to pause writing and not yet to resume. */
    final boolean writingPaused() {
        return writingPaused;
    }

    /** Reports an exception from a protocol callback to the loop's exception handler. */
    final void reportCallbackError(String message, Throwable error) {
        rethrowFatal(error);
        loop.callExceptionHandler(ExceptionContext.of(message, error)
                .with("transport", this).with("protocol", protocol));
    }

    /** Schedules connectionLost; on a closed loop, just releases the channel. */
    final void scheduleConnectionLost(Exception cause) {
        if (loop.isClosed()) {
            state = State.CLOSED;
            release(cause);
            return;
        }
        loop.callSoon(() -> callConnectionLost(cause));
    }

    /** Tells the protocol the connection is gone, then releases the channel: asyncio's {@code _call_connection_lost}. */
    final void callConnectionLost(Exception cause) {
        state = State.CLOSED;
        try {
            protocol.connectionLost(cause);
        } catch (Throwable e) {
            reportCallbackError("Exception in protocol.connection_lost()", e);
        } finally {
            release(cause);
        }
    }

    final void addInterest(int ops) {
        if (key.isValid()) {
            int current = key.interestOps();
            if ((current | ops) != current) {
                key.interestOps(current | ops);
            }
        }
    }

    final void removeInterest(int ops) {
        if (key.isValid()) {
            int current = key.interestOps();
            if ((current & ~ops) != current) {
                key.interestOps(current & ~ops);
            }
        }
    }

    /** Whether the selector watches the channel for {@code op}. */
    final boolean polling(int op) {
        return key.isValid() && (key.interestOps() & op) != 0;
    }

    /** The lifecycle state, lower-case, for toString. */
    final String stateName() {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
