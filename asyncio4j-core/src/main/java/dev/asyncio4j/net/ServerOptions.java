package dev.asyncio4j.net;

import java.net.ProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import javax.net.ssl.SSLContext;

/**
 * The keyword arguments of asyncio's {@code create_server()} and {@code create_unix_server()}, as
 * an immutable record with {@code with*} methods:
 *
 * <pre>{@code
 * await(loop.createServer(Echo::new, "127.0.0.1", 8888, ServerOptions.DEFAULT.withReusePort(true)));
 * await(loop.createServer(Echo::new, "0.0.0.0", 8443, ServerOptions.DEFAULT
 *         .withSsl(SslContexts.server(Path.of("chain.pem"), Path.of("key.pem")))));
 * }</pre>
 *
 * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6} to listen only on
 *     the host's addresses of that family; null for any
 * @param backlog the listen queue length and the most connections accepted per readiness event
 *     (asyncio's default, 100)
 * @param reuseAddress {@code SO_REUSEADDR}: bind even if an old connection on the port lingers in
 *     TIME_WAIT (default true, as asyncio on POSIX)
 * @param reusePort {@code SO_REUSEPORT}: let several sockets (several processes or loops) listen on
 *     the same port, the kernel spreading connections between them (default false)
 * @param keepAlive {@code SO_KEEPALIVE} on accepted connections (default false)
 * @param startServing accept connections at once (default true); else call
 *     {@link Server#startServing()} or {@link Server#serveForever()}
 * @param socket an already bound channel to serve on instead of binding (asyncio's {@code sock});
 *     the host must then be null and the port 0
 * @param cleanupSocket for a Unix-domain server, remove its socket file when it closes (default
 *     true, asyncio 3.13's {@code cleanup_socket})
 * @param ssl run TLS on accepted connections (asyncio's {@code ssl}, {@code ssl_handshake_timeout}
 *     and {@code ssl_shutdown_timeout}); its context, which holds the server's certificate and
 *     key, is required; null for plain TCP. A connection's protocol is made when the connection is
 *     accepted but hears {@code connectionMade} only once the handshake has succeeded; a failed
 *     handshake closes the connection without a word to the protocol (the loop's exception
 *     handler hears of it in debug mode)
 */
public record ServerOptions(ProtocolFamily family, int backlog, boolean reuseAddress, boolean reusePort,
        boolean keepAlive, boolean startServing, ServerSocketChannel socket, boolean cleanupSocket, SslOptions ssl) {

    /** asyncio's defaults. */
    public static final ServerOptions DEFAULT = new ServerOptions(null, 100, true, false, false, true, null, true, null);

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException if {@code backlog} is not positive
     */
    public ServerOptions {
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be positive: " + backlog);
        }
    }

    /**
     * The options without TLS (as before TLS existed).
     *
     * @param family the address family (null: any)
     * @param backlog the listen queue's length
     * @param reuseAddress set {@code SO_REUSEADDR}
     * @param reusePort set {@code SO_REUSEPORT}
     * @param keepAlive turn TCP keep-alive on for accepted connections
     * @param startServing accept connections at once (false: after {@code startServing()})
     * @param socket the socket channel
     * @param cleanupSocket delete a Unix server's socket file when the server closes
     */
    public ServerOptions(ProtocolFamily family, int backlog, boolean reuseAddress, boolean reusePort,
            boolean keepAlive, boolean startServing, ServerSocketChannel socket, boolean cleanupSocket) {
        this(family, backlog, reuseAddress, reusePort, keepAlive, startServing, socket, cleanupSocket, null);
    }

    /**
     * A copy with {@link #family()} set.
     *
     * @param value the new {@code family}
     * @return a copy of these options with that {@code family}
     */
    public ServerOptions withFamily(ProtocolFamily value) {
        return new ServerOptions(value, backlog, reuseAddress, reusePort, keepAlive, startServing, socket, cleanupSocket, ssl);
    }

    /**
     * A copy with {@link #backlog()} set.
     *
     * @param value the new {@code backlog}
     * @return a copy of these options with that {@code backlog}
     */
    public ServerOptions withBacklog(int value) {
        return new ServerOptions(family, value, reuseAddress, reusePort, keepAlive, startServing, socket, cleanupSocket, ssl);
    }

    /**
     * A copy with {@link #reuseAddress()} set.
     *
     * @param value the new {@code reuseAddress}
     * @return a copy of these options with that {@code reuseAddress}
     */
    public ServerOptions withReuseAddress(boolean value) {
        return new ServerOptions(family, backlog, value, reusePort, keepAlive, startServing, socket, cleanupSocket, ssl);
    }

    /**
     * A copy with {@link #reusePort()} set.
     *
     * @param value the new {@code reusePort}
     * @return a copy of these options with that {@code reusePort}
     */
    public ServerOptions withReusePort(boolean value) {
        return new ServerOptions(family, backlog, reuseAddress, value, keepAlive, startServing, socket, cleanupSocket, ssl);
    }

    /**
     * A copy with {@link #keepAlive()} set.
     *
     * @param value the new {@code keepAlive}
     * @return a copy of these options with that {@code keepAlive}
     */
    public ServerOptions withKeepAlive(boolean value) {
        return new ServerOptions(family, backlog, reuseAddress, reusePort, value, startServing, socket, cleanupSocket, ssl);
    }

    /**
     * A copy with {@link #startServing()} set.
     *
     * @param value the new {@code startServing}
     * @return a copy of these options with that {@code startServing}
     */
    public ServerOptions withStartServing(boolean value) {
        return new ServerOptions(family, backlog, reuseAddress, reusePort, keepAlive, value, socket, cleanupSocket, ssl);
    }

    /**
     * A copy with {@link #socket()} set.
     *
     * @param value the new {@code socket}
     * @return a copy of these options with that {@code socket}
     */
    public ServerOptions withSocket(ServerSocketChannel value) {
        return new ServerOptions(family, backlog, reuseAddress, reusePort, keepAlive, startServing, value, cleanupSocket, ssl);
    }

    /**
     * A copy with {@link #cleanupSocket()} set.
     *
     * @param value the new {@code cleanupSocket}
     * @return a copy of these options with that {@code cleanupSocket}
     */
    public ServerOptions withCleanupSocket(boolean value) {
        return new ServerOptions(family, backlog, reuseAddress, reusePort, keepAlive, startServing, socket, value, ssl);
    }

    /**
     * A copy with {@link #ssl()} set: TLS as {@code value} says (its context is required), or plain
     * TCP for null.
     *
     * @param value the new {@code ssl}
     * @return a copy of these options with that {@code ssl}
     */
    public ServerOptions withSsl(SslOptions value) {
        return new ServerOptions(family, backlog, reuseAddress, reusePort, keepAlive, startServing, socket,
                cleanupSocket, value);
    }

    /**
     * A copy that runs TLS with {@code context} (asyncio's {@code ssl=context}), keeping the other
     * TLS settings already given.
     *
     * @param context the TLS context (certificates, keys, trusted CAs)
     * @return a copy of these options with that {@code ssl}
     */
    public ServerOptions withSsl(SSLContext context) {
        java.util.Objects.requireNonNull(context, "context");
        return withSsl(ssl == null ? SslOptions.of(context) : ssl.withContext(context));
    }
}
