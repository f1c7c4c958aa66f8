package dev.asyncio4j.net;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The keyword arguments of asyncio's {@code create_connection()} and
 * {@code create_unix_connection()}, as an immutable record with {@code with*} methods:
 *
 * <pre>{@code
 * await(loop.createConnection(Client::new, "example.test", 443, ConnectOptions.DEFAULT
 *         .withLocalAddress(new InetSocketAddress("127.0.0.2", 0))
 *         .withTimeout(Duration.ofSeconds(5))));
 * await(loop.createConnection(Client::new, "example.com", 443, ConnectOptions.DEFAULT.withSsl(true)));
 * }</pre>
 *
 * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6} to use only that
 *     family of the host's addresses; null for any (asyncio's {@code family=0})
 * @param localAddress the address to bind the socket to before connecting (asyncio's
 *     {@code local_addr}); an unresolved one is resolved off the loop thread; null for any
 * @param timeout the most the whole call may take, name resolution and every attempt included,
 *     before it fails with {@link java.util.concurrent.TimeoutException}; null for no limit
 * @param socket an already connected channel to wrap instead of connecting (asyncio's
 *     {@code sock}); the host must then be null and the port 0
 * @param allErrors when every address fails, raise a {@link dev.asyncio4j.ExceptionGroup}
 *     "create_connection failed" holding each attempt's error (asyncio's {@code all_errors});
 *     otherwise one error, as {@code createConnection} describes
 * @param ssl run TLS on the connection (asyncio's {@code ssl}, {@code server_hostname},
 *     {@code ssl_handshake_timeout} and {@code ssl_shutdown_timeout}); null for plain TCP. The
 *     connection is ready, and the call returns, once the handshake has succeeded
 */
public record ConnectOptions(ProtocolFamily family, InetSocketAddress localAddress, Duration timeout,
        SocketChannel socket, boolean allErrors, SslOptions ssl) {

    /** No options: asyncio's defaults. */
    public static final ConnectOptions DEFAULT = new ConnectOptions(null, null, null, null, false, null);

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public ConnectOptions {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout cannot be negative: " + timeout);
        }
    }

    /**
     * The options without TLS (as before TLS existed).
     *
     * @param family the address family (null: any)
     * @param localAddress the local address to bind to (null: any)
     * @param timeout the time limit (null: none)
     * @param socket the socket channel
     * @param allErrors raise every address's error, not only the first, when all attempts fail
     */
    public ConnectOptions(ProtocolFamily family, InetSocketAddress localAddress, Duration timeout,
            SocketChannel socket, boolean allErrors) {
        this(family, localAddress, timeout, socket, allErrors, null);
    }

    /**
     * A copy with {@link #family()} set.
     *
     * @param value the new {@code family}
     * @return a copy of these options with that {@code family}
     */
    public ConnectOptions withFamily(ProtocolFamily value) {
        return new ConnectOptions(value, localAddress, timeout, socket, allErrors, ssl);
    }

    /**
     * A copy with {@link #localAddress()} set.
     *
     * @param value the new {@code localAddress}
     * @return a copy of these options with that {@code localAddress}
     */
    public ConnectOptions withLocalAddress(InetSocketAddress value) {
        return new ConnectOptions(family, value, timeout, socket, allErrors, ssl);
    }

    /**
     * A copy with {@link #timeout()} set.
     *
     * @param value the new {@code timeout}
     * @return a copy of these options with that {@code timeout}
     */
    public ConnectOptions withTimeout(Duration value) {
        return new ConnectOptions(family, localAddress, value, socket, allErrors, ssl);
    }

    /**
     * A copy with {@link #socket()} set.
     *
     * @param value the new {@code socket}
     * @return a copy of these options with that {@code socket}
     */
    public ConnectOptions withSocket(SocketChannel value) {
        return new ConnectOptions(family, localAddress, timeout, value, allErrors, ssl);
    }

    /**
     * A copy with {@link #allErrors()} set.
     *
     * @param value the new {@code allErrors}
     * @return a copy of these options with that {@code allErrors}
     */
    public ConnectOptions withAllErrors(boolean value) {
        return new ConnectOptions(family, localAddress, timeout, socket, value, ssl);
    }

    /**
     * A copy with {@link #ssl()} set: TLS as {@code value} says, or plain TCP for null.
     *
     * @param value the new {@code ssl}
     * @return a copy of these options with that {@code ssl}
     */
    public ConnectOptions withSsl(SslOptions value) {
        return new ConnectOptions(family, localAddress, timeout, socket, allErrors, value);
    }

    /**
     * A copy that runs TLS with {@code context} (asyncio's {@code ssl=context}), keeping the other
     * TLS settings already given.
     *
     * @param context the TLS context (certificates, keys, trusted CAs)
     * @return a copy of these options with that {@code ssl}
     */
    public ConnectOptions withSsl(SSLContext context) {
        java.util.Objects.requireNonNull(context, "context");
        return withSsl(ssl == null ? SslOptions.of(context) : ssl.withContext(context));
    }

    /**
     * A copy that runs TLS with the JDK's default context, verifying the server with the JDK's
     * trusted CAs (asyncio's {@code ssl=True}); false for plain TCP. True keeps TLS settings already
     * given.
     *
     * @param value the new {@code ssl}
     * @return a copy of these options with that {@code ssl}
     */
    public ConnectOptions withSsl(boolean value) {
        return withSsl(!value ? null : ssl != null ? ssl : SslOptions.DEFAULT);
    }

    /**
     * A copy whose TLS checks and sends {@code value} as the server's name (asyncio's
     * {@code server_hostname}); see {@link SslOptions#serverHostname()}.
     *
     * @param value the new {@code serverHostname}
     * @return a copy of these options with that {@code serverHostname}
     * @throws IllegalArgumentException if TLS was not asked for first (asyncio's
     *     "server_hostname is only meaningful with ssl")
     */
    public ConnectOptions withServerHostname(String value) {
        if (ssl == null) {
            throw new IllegalArgumentException("server_hostname is only meaningful with ssl: call withSsl() first");
        }
        return withSsl(ssl.withServerHostname(value));
    }
}
