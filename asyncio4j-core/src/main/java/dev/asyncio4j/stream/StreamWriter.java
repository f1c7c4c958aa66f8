package dev.asyncio4j.stream;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.net.SslOptions;
import dev.asyncio4j.net.Transport;
import dev.asyncio4j.net.WriteTransport;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Sends bytes on a connection, with back-pressure: asyncio's {@code StreamWriter}.
 *
 * <p>{@link #write} never blocks; {@link #drain()} waits while the transport's write buffer is
 * above its high-water mark, so the usual loop keeps memory bounded however slow the peer:
 *
 * <pre>{@code
 * writer.write(data);
 * await(writer.drain());
 * }</pre>
 *
 * <p>{@link #close()} is asyncio's synchronous close (buffered data is still sent);
 * {@link #waitClosed()} waits until the connection is gone. A writer usually sits on a socket's
 * {@link Transport}; it can sit on any {@link WriteTransport} with a {@link FlowControl}, as a
 * subprocess's {@code stdin} does on the child's pipe. Loop-confined.
 */
public final class StreamWriter {

    // Not final: start_tls (the TLS layer) replaces it with the TLS transport on top of it.
    private WriteTransport transport;
    // A connection's protocol, for startTls; null for a writer on another kind of transport.
    private final StreamReaderProtocol protocol;
    private final FlowControl flow;
    private final StreamReader reader;
    private final EventLoop loop;

    /**
     * A writer on {@code transport}, whose protocol is {@code protocol}; {@code reader} (may be
     * null) is checked by {@link #drain()} for a connection error: asyncio's
     * {@code StreamWriter(transport, protocol, reader, loop)}.
     *
     * @param transport the transport
     * @param protocol the protocol
     * @param reader the stream's reader
     * @param loop the event loop
     */
    public StreamWriter(Transport transport, StreamReaderProtocol protocol, StreamReader reader, EventLoop loop) {
        this(transport, protocol, Objects.requireNonNull(protocol, "protocol").flowControl(), reader, loop);
    }

    /**
     * A writer on any write transport (a pipe, for instance) whose protocol forwards its
     * pause/resume/lost events to {@code flowControl}: asyncio's
     * {@code StreamWriter(transport, protocol, reader, loop)} with a {@code FlowControlMixin}
     * protocol. {@code reader} may be null.
     *
     * @param transport the transport
     * @param flowControl where the transport's pause, resume and loss are reported
     * @param reader the stream's reader
     * @param loop the event loop
     */
    public StreamWriter(WriteTransport transport, FlowControl flowControl, StreamReader reader, EventLoop loop) {
        this(transport, null, flowControl, reader, loop);
    }

    private StreamWriter(WriteTransport transport, StreamReaderProtocol protocol, FlowControl flowControl,
            StreamReader reader, EventLoop loop) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.protocol = protocol;
        this.flow = Objects.requireNonNull(flowControl, "flowControl");
        this.reader = reader;
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /**
     * The underlying transport: asyncio's {@code transport}. A connection's writer has a socket's
     * {@link Transport} (cast to use its reading side); a subprocess's stdin has the pipe's.
     *
     * @return the underlying transport
     */
    public WriteTransport transport() {
        return transport;
    }

    /**
     * Sends {@code data} (or buffers it): asyncio's {@code write()}. The array may be reused on
     * return.
     *
     * @param data the bytes
     * @throws IllegalStateException if the writer was closed, {@link #writeEof()} was called, or
     *     the connection was lost (asyncio drops such data silently)
     */
    public void write(byte[] data) {
        transport.write(data);
    }

    /**
     * Sends {@code length} bytes of {@code data} from {@code offset}: asyncio's
     * {@code write(memoryview(data)[offset:offset + length])}; see {@link #write(byte[])}.
     *
     * @param data the bytes
     * @param offset where the bytes start in {@code data}
     * @param length how many bytes
     */
    public void write(byte[] data, int offset, int length) {
        transport.write(data, offset, length);
    }

    /**
     * Sends each array in turn, in as few system calls as possible: asyncio's {@code writelines()}.
     *
     * @param data the bytes
     */
    public void writelines(Iterable<byte[]> data) {
        transport.writelines(data);
    }

    /** Half-closes: the peer reads EOF once the buffer is sent: asyncio's {@code write_eof()}. */
    public void writeEof() {
        transport.writeEof();
    }

    /**
     * Whether {@link #writeEof()} is supported: asyncio's {@code can_write_eof()}.
     *
     * @return whether {@link #writeEof()} is supported
     */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Closes the connection once the buffer is sent: asyncio's {@code close()}. Does not wait. */
    public void close() {
        transport.close();
    }

    /**
     * Whether the writer is closing or closed: asyncio's {@code is_closing()}.
     *
     * @return whether the writer is closing or closed
     */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /**
     * Waits until the connection is closed: asyncio's {@code wait_closed()}. Throws the error that
     * ended it, if one did.
     *
     * @return a coroutine to await
     */
    public Coroutine<Void> waitClosed() {
        return flow.closed();
    }

    /**
     * The transport's extra information: asyncio's {@code get_extra_info(name)}.
     *
     * @param name the name
     * @return the transport's extra information
     */
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    /**
     * The transport's extra information, or {@code defaultValue}.
     *
     * @param name the name
     * @param defaultValue what to return when the key is absent
     * @return the transport's extra information, or {@code defaultValue}
     */
    public Object getExtraInfo(String name, Object defaultValue) {
        return transport.getExtraInfo(name, defaultValue);
    }

    /**
     * Waits until it is appropriate to write again: asyncio's {@code drain()}. Returns at once
     * unless the transport's write buffer went above its high-water mark, in which case it waits
     * until the buffer drains to the low-water mark.
     *
     * @return a coroutine to await; awaiting it throws {@link java.net.SocketException}
     *     ("Connection lost") if the connection is gone (an {@link java.io.IOException} for a pipe,
     *     see {@link FlowControl}), or the error the reader was failed with
     */
    public Coroutine<Void> drain() {
        return Asyncio.async("StreamWriter.drain", () -> {
            if (reader != null) {
                Throwable error = reader.exception();
                if (error != null) {
                    throw Streams.sneaky(error);
                }
            }
            if (transport.isClosing()) {
                // Let connectionLost run, so a closed connection is reported here rather than
                // by a later write.
                Asyncio.await(Asyncio.sleep(0));
            }
            flow.drainHelper();
        });
    }

    /**
     * Upgrades the connection to TLS: asyncio's {@code StreamWriter.start_tls()}. Drains the
     * buffer, runs the handshake (as the client, or as the server on a server's connection), then
     * writes and reads go through TLS. On failure the connection is closed.
     *
     * <pre>{@code
     * writer.write("STARTTLS\r\n".getBytes(US_ASCII));
     * await(reader.readline());                                   // the server agrees
     * await(writer.startTls(SslOptions.of(context).withServerHostname("mail.example.com")));
     * }</pre>
     *
     * @param ssl the TLS settings
     * @return a coroutine to await; awaiting it throws
     *     {@link javax.net.ssl.SSLHandshakeException} if the handshake fails
     * @throws IllegalArgumentException (when awaited) for a client without a server hostname
     * @throws IllegalStateException (when awaited) if this writer is not a connection's (a
     *     subprocess's stdin, for instance)
     */
    public Coroutine<Void> startTls(SslOptions ssl) {
        Objects.requireNonNull(ssl, "ssl");
        return Asyncio.async("StreamWriter.startTls", () -> {
            if (protocol == null || !(transport instanceof Transport connection)) {
                throw new IllegalStateException("startTls() needs a connection's writer, not one on " + transport);
            }
            Asyncio.await(drain());
            Transport upgraded = Asyncio.await(loop.startTls(connection, protocol, ssl, protocol.serverSide()));
            transport = upgraded;
            protocol.replaceTransport(upgraded);
        });
    }

    /**
     * {@link #startTls(SslOptions)} with {@code context} (asyncio's
     * {@code start_tls(sslcontext, server_hostname=...)}), checking the server's certificate names
     * {@code serverHostname} ({@code ""}: no name is checked; ignored on a server's connection).
     *
     * @param context the TLS context (certificates, keys, trusted CAs)
     * @param serverHostname the name to check the server's certificate against (and send as SNI)
     * @return a coroutine to await
     */
    public Coroutine<Void> startTls(SSLContext context, String serverHostname) {
        SslOptions ssl = SslOptions.of(context);
        return startTls(protocol != null && protocol.serverSide() ? ssl : ssl.withServerHostname(serverHostname));
    }

    /** The event loop this writer runs on. */
    EventLoop loop() {
        return loop;
    }

    /** {@code StreamWriter[transport=..., reader=...]}. */
    @Override
    public String toString() {
        return "StreamWriter[transport=" + transport + (reader != null ? ", reader=" + reader : "") + "]";
    }
}
