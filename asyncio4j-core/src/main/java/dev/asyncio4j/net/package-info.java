/**
 * Transports and protocols: asyncio's {@code transports.py}, {@code protocols.py} and the
 * network methods of its event loop.
 *
 * <p>A {@link dev.asyncio4j.net.Transport} moves bytes; a {@link dev.asyncio4j.net.Protocol} (or
 * a {@link dev.asyncio4j.net.BufferedProtocol}, which supplies its own receive buffer) gives them
 * meaning. The event loop makes both:
 *
 * <pre>{@code
 * final class Echo implements Protocol {
 *     private Transport transport;
 *     public void connectionMade(Transport transport) { this.transport = transport; }
 *     public void dataReceived(byte[] data) { transport.write(data); }
 * }
 *
 * EventLoop loop = getRunningLoop();
 * Server server = await(loop.createServer(Echo::new, "127.0.0.1", 8888));   // create_server
 * var endpoint = await(loop.createConnection(Client::new, "127.0.0.1", 8888)); // create_connection
 * endpoint.transport().write("hello".getBytes(UTF_8));
 * }</pre>
 *
 * <p>asyncio's keyword arguments are immutable option records with {@code with*} methods
 * ({@link dev.asyncio4j.net.ConnectOptions}, {@link dev.asyncio4j.net.ServerOptions},
 * {@link dev.asyncio4j.net.DatagramOptions}); its {@code (transport, protocol)} pair is
 * {@link dev.asyncio4j.net.Endpoint}. The loop's methods: {@code createConnection},
 * {@code createServer}, {@code createUnixConnection}, {@code createUnixServer},
 * {@code connectAcceptedSocket}, {@code createDatagramEndpoint}, {@code sendfile}, and the
 * low-level {@code sockConnect}, {@code sockAccept}, {@code sockRecv}, {@code sockRecvInto},
 * {@code sockSendall}.
 *
 * <p>TLS: {@link dev.asyncio4j.net.SslOptions} on the connect and server options (asyncio's
 * {@code ssl}, {@code server_hostname}, {@code ssl_handshake_timeout},
 * {@code ssl_shutdown_timeout}, with ALPN and client authentication), {@code startTls} on the
 * loop and on {@code StreamWriter}, and {@link dev.asyncio4j.net.SslContexts} to make contexts
 * from PEM files:
 *
 * <pre>{@code
 * var endpoint = await(loop.createConnection(Client::new, "example.com", 443, ConnectOptions.DEFAULT.withSsl(true)));
 * Server server = await(loop.createServer(Echo::new, "0.0.0.0", 8443, ServerOptions.DEFAULT
 *         .withSsl(SslContexts.server(Path.of("chain.pem"), Path.of("key.pem")))));
 * }</pre>
 *
 * <p>Differences from asyncio, on purpose: writing to a closed transport throws
 * {@link java.lang.IllegalStateException} (asyncio drops the data, warning after five tries);
 * an exception in a protocol's {@code connectionMade} closes the transport (asyncio only logs it);
 * a failing protocol factory on a server is always reported (asyncio only in debug mode); listening
 * on every interface uses one dual-stack socket (the JDK cannot set {@code IPV6_V6ONLY}); a TLS
 * handshake failure raises the JDK's {@link javax.net.ssl.SSLHandshakeException} (asyncio:
 * {@code ssl.SSLCertVerificationError}, {@code ConnectionResetError} at an EOF, and
 * {@code ConnectionAbortedError} at the handshake timeout); an EOF in the middle of a TLS record
 * is an {@link javax.net.ssl.SSLException} (asyncio does not notice); TLS 1.2 renegotiation is
 * refused.
 *
 * <p>Everything here is loop-confined unless it says otherwise; the option records and
 * {@link dev.asyncio4j.net.Endpoint} are immutable.
 */
package dev.asyncio4j.net;
