package dev.asyncio4j.stream;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Task;
import dev.asyncio4j.net.Protocol;
import dev.asyncio4j.net.Transport;
import java.util.Objects;

/**
 * The protocol between a transport and a {@link StreamReader}/{@link StreamWriter} pair: asyncio's
 * {@code StreamReaderProtocol} with its {@code FlowControlMixin}. It feeds received data to the
 * reader and turns the transport's pauseWriting/resumeWriting into {@link StreamWriter#drain()}'s
 * waiting. For a server, it also starts the client-connected callback as a task.
 *
 * <p>Loop-confined.
 */
public final class StreamReaderProtocol implements Protocol {

    /*
     * Overview for maintainers. Flow control (asyncio's FlowControlMixin) is the FlowControl
     * object, which StreamWriter.drain() and waitClosed() use; this protocol forwards the
     * transport's pauseWriting/resumeWriting/connectionLost to it.
     */

    private final EventLoop loop;
    private StreamReader reader;
    private final ClientConnectedCallback callback;
    private StreamWriter writer;
    private Transport transport;
    private boolean overSsl;
    private final FlowControl flow;

    /**
     * A protocol feeding {@code reader} (for a client connection): asyncio's
     * {@code StreamReaderProtocol(stream_reader)}.
     *
     * @param reader the stream's reader
     */
    public StreamReaderProtocol(StreamReader reader) {
        this(reader, null);
    }

    /**
     * A protocol feeding {@code reader} that runs {@code callback} in a new task when the
     * connection is made (for a server's connections): asyncio's
     * {@code StreamReaderProtocol(stream_reader, client_connected_cb)}.
     *
     * @param reader the stream's reader
     * @param callback what to run
     */
    public StreamReaderProtocol(StreamReader reader, ClientConnectedCallback callback) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.loop = reader.loopForProtocol();
        this.callback = callback;
        this.flow = new FlowControl(loop);
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        StreamReader current = reader;
        if (current != null) {
            current.setTransport(transport);
        }
        overSsl = transport.getExtraInfo("sslcontext") != null;
        if (callback != null) {
            StreamWriter created = new StreamWriter(transport, this, current, loop);
            writer = created;
            Task<Void> task = loop.createTask(Asyncio.async("client_connected_cb",
                    () -> callback.clientConnected(current, created)));
            task.addDoneCallback(done -> {
                if (done.isCancelled()) {
                    transport.close();
                    return;
                }
                Throwable error = done.exception();
                if (error != null) {
                    loop.callExceptionHandler(ExceptionContext.of("Unhandled exception in client_connected_cb", error)
                            .with("transport", transport));
                    transport.close();
                }
            });
        }
    }

    /**
     * Makes {@code replacement} (the TLS transport from {@code startTls}) this protocol's and its
     * reader's transport: asyncio's {@code _replace_transport}.
     */
    void replaceTransport(Transport replacement) {
        this.transport = replacement;
        this.overSsl = replacement.getExtraInfo("sslcontext") != null;
        StreamReader current = reader;
        if (current != null) {
            current.replaceTransport(replacement);
        }
    }

    /** Whether this protocol serves a server's connection (it has a client-connected callback). */
    boolean serverSide() {
        return callback != null;
    }

    @Override
    public void dataReceived(byte[] data) {
        StreamReader current = reader;
        if (current != null) {
            current.feedOwned(data);
        }
    }

    @Override
    public boolean eofReceived() {
        StreamReader current = reader;
        if (current != null) {
            current.feedEof();
        }
        // Over TLS, half-closing is not possible: returning true would only draw a warning.
        return !overSsl;
    }

    @Override
    public void connectionLost(Exception exc) {
        StreamReader current = reader;
        if (current != null) {
            if (exc == null) {
                current.feedEof();
            } else {
                current.setException(exc);
            }
        }
        flow.connectionLost(exc);
        reader = null;
        writer = null;
        transport = null;
    }

    @Override
    public void pauseWriting() {
        flow.pauseWriting();
    }

    @Override
    public void resumeWriting() {
        flow.resumeWriting();
    }

    /** The flow control that {@link StreamWriter#drain()} and {@link StreamWriter#waitClosed()} use. */
    FlowControl flowControl() {
        return flow;
    }

    /** The writer made for a server connection, or null. */
    StreamWriter writer() {
        return writer;
    }

    @Override
    public String toString() {
        return "StreamReaderProtocol[" + (flow.isLost() ? "lost" : transport != null ? "connected" : "new")
                + (flow.isWritingPaused() ? ", writing paused" : "") + "]";
    }
}
