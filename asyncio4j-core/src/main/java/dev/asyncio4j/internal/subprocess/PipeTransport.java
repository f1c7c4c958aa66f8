package dev.asyncio4j.internal.subprocess;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.KeyboardInterruptException;
import dev.asyncio4j.net.BaseTransport;
import java.io.Closeable;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the transports of a child's pipes share: asyncio's {@code _UnixReadPipeTransport} and
 * {@code _UnixWritePipeTransport} without the selector.
 *
 * <p>{@link java.lang.Process} gives blocking streams, and a pipe cannot be registered with a
 * selector, so each pipe has a pump: a platform thread, not the loop's, that does the blocking
 * reads or writes and hands each chunk to the loop through its thread-safe queue
 * ({@link EventLoop#callSoonThreadsafe}). A pump exists only while its pipe is open and has work
 * (a reader from the start, a writer from the first write), and ends with the pipe.
 * Loop-confined, except the fields the pump shares, which say so.
 */
abstract class PipeTransport implements BaseTransport {

    /*
     * Overview for maintainers. Lifecycle (state, loop-confined): OPEN -> CLOSING (close() asked;
     * a writer still flushes) -> LOST (connectionLost scheduled) -> CLOSED (connectionLost ran).
     * isClosing() is state != OPEN. The pump never touches state or the protocol: everything it
     * learns goes through post(), which runs on the loop.
     */

    private static final System.Logger LOG = System.getLogger("dev.asyncio4j");
    private static final AtomicInteger PUMPS = new AtomicInteger();

    enum State { OPEN, CLOSING, LOST, CLOSED }

    final EventLoop loop;
    final PipeProtocol protocol;
    // "stdin", "stdout" or "stderr"; the child's pid, for thread names and toString.
    final String name;
    final long pid;
    State state = State.OPEN;

    PipeTransport(EventLoop loop, PipeProtocol protocol, String name, long pid) {
        this.loop = loop;
        this.protocol = protocol;
        this.name = name;
        this.pid = pid;
        protocol.pipe = this;
    }

    /** The pipe's stream (asyncio's {@code "pipe"} extra info). */
    abstract Closeable stream();

    @Override
    public Object getExtraInfo(String key, Object defaultValue) {
        return "pipe".equals(key) ? stream() : defaultValue;
    }

    @Override
    public boolean isClosing() {
        return state != State.OPEN;
    }

    @Override
    public PipeProtocol getProtocol() {
        return protocol;
    }

    /** Starts a pump: a daemon platform thread named {@code asyncio4j-pipe-<pid>-<name>}. */
    final Thread startPump(Runnable body) {
        Thread pump = Thread.ofPlatform().daemon().stackSize(256 * 1024)
                .name("asyncio4j-pipe-" + pid + "-" + name + "-" + PUMPS.incrementAndGet())
                .unstarted(body);
        pump.start();
        return pump;
    }

    /**
     * From the pump: runs {@code event} on the loop. False if the loop is closed (the pump should
     * then stop: nobody will ever hear from it). Thread-safe.
     */
    final boolean post(Runnable event) {
        return ChildProcesses.post(loop, event);
    }

    /** Schedules the protocol's connectionLost: asyncio's {@code call_soon(_call_connection_lost)}. */
    final void scheduleConnectionLost(Exception exc) {
        state = State.LOST;
        if (loop.isClosed()) {
            state = State.CLOSED;
            return;
        }
        loop.callSoon(() -> callConnectionLost(exc));
    }

    private void callConnectionLost(Exception exc) {
        state = State.CLOSED;
        try {
            protocol.connectionLost(exc);
        } catch (KeyboardInterruptException | VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            reportError("Exception in protocol.connection_lost()", e);
        }
    }

    /**
     * A failure the transport cannot go on after: asyncio's {@code _fatal_error}. An I/O error
     * (a write to a child that went away) is only logged in debug mode, as asyncio's write pipe
     * does; anything else goes to the exception handler.
     */
    final void fatalError(Throwable error, String message) {
        if (error instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        if (error instanceof KeyboardInterruptException interrupt) {
            throw interrupt;
        }
        if (error instanceof IOException) {
            if (loop.getDebug()) {
                LOG.log(System.Logger.Level.DEBUG, this + ": " + message, error);
            }
        } else {
            reportError(message, error);
        }
        forceClose(error instanceof Exception e ? e : new IllegalStateException(error));
    }

    /** Ends the transport at once with {@code cause}: asyncio's {@code _close(exc)}. */
    abstract void forceClose(Exception cause);

    final void reportError(String message, Throwable error) {
        loop.callExceptionHandler(ExceptionContext.of(message, error)
                .with("transport", this).with("protocol", protocol));
    }

    /** Closes {@code stream}, ignoring errors. Never blocks for the pipes of a {@link java.lang.Process}. */
    static void closeQuietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // Closing a pipe that broke: nothing more to say.
        }
    }

    /** The state, lower-case, for toString. */
    final String stateName() {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
