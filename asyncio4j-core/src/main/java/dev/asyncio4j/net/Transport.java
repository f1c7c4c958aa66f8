package dev.asyncio4j.net;

/**
 * A bidirectional stream transport, such as a TCP or Unix-domain socket connection: asyncio's
 * {@code Transport}. Made by {@code EventLoop.createConnection}, {@code createServer},
 * {@code createUnixConnection} and {@code createUnixServer}, and handed to the protocol's
 * {@link BaseProtocol#connectionMade connectionMade}.
 *
 * <p>The protocol can be swapped on a live transport ({@link #setProtocol}): this is how a TLS
 * layer is inserted between the socket transport and the application's protocol
 * ({@code loop.start_tls}), and how sendfile's fallback watches for back-pressure. Loop-confined.
 */
public interface Transport extends ReadTransport, WriteTransport {

    /**
     * Makes {@code protocol} receive this transport's events from now on: asyncio's
     * {@code set_protocol()}. Its {@code connectionMade} is not called.
     *
     * @param protocol the protocol
     * @throws IllegalArgumentException if it is neither a {@link Protocol} nor a
     *     {@link BufferedProtocol}
     */
    void setProtocol(BaseProtocol<Transport> protocol);

    /** The current protocol: asyncio's {@code get_protocol()}. */
    @Override
    BaseProtocol<Transport> getProtocol();
}
