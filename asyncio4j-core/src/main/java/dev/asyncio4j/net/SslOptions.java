package dev.asyncio4j.net;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * How to run TLS on a connection: asyncio's {@code ssl}, {@code server_hostname},
 * {@code ssl_handshake_timeout} and {@code ssl_shutdown_timeout} arguments, with the settings
 * Python keeps on its {@code SSLContext} but the JDK keeps on each {@link SSLEngine} (ALPN, client
 * authentication). Immutable, with {@code with*} methods. Give it to
 * {@link ConnectOptions#withSsl(SslOptions)}, {@link ServerOptions#withSsl(SslOptions)} or
 * {@code EventLoop.startTls}:
 *
 * <pre>{@code
 * // A client that verifies the server with the JDK's trusted CAs (asyncio's ssl=True):
 * await(loop.createConnection(Client::new, "example.com", 443, ConnectOptions.DEFAULT.withSsl(true)));
 *
 * // A client that trusts a private CA and offers HTTP/2 and HTTP/1.1:
 * SSLContext context = SslContexts.client(Path.of("ca.pem"));
 * await(openConnection("internal.example", 8443, ConnectOptions.DEFAULT.withSsl(
 *         SslOptions.of(context).withApplicationProtocols("h2", "http/1.1"))));
 *
 * // A server with its certificate chain and key in PEM files:
 * SSLContext server = SslContexts.server(Path.of("chain.pem"), Path.of("key.pem"));
 * await(startServer(handler, "0.0.0.0", 8443, ServerOptions.DEFAULT.withSsl(server)));
 * }</pre>
 *
 * <p>A client always verifies the server's certificate chain with the context's trust managers,
 * and, unless {@code serverHostname} is {@code ""}, that the certificate names the host (endpoint
 * identification "HTTPS", as a browser checks). The host is also sent as SNI.
 *
 * @param context the context that holds the keys and trusted certificates; null for the JDK's
 *     default ({@link SSLContext#getDefault()}: the JDK's trusted CAs and no client certificate),
 *     which only a client may use (asyncio's {@code ssl=True})
 * @param serverHostname for a client, the name the server's certificate must match and that is
 *     sent as SNI (asyncio's {@code server_hostname}); null for the host connected to; {@code ""}
 *     to check no name and send no SNI (the chain is still verified). Servers must leave it null
 * @param applicationProtocols the ALPN protocols, most preferred first: offered by a client,
 *     accepted by a server (which picks the first of its own list that the client offers, and
 *     fails the handshake when there is none); empty for no ALPN. The chosen one is
 *     {@code getExtraInfo("alpn_protocol")} after the handshake
 * @param handshakeTimeout how long the handshake may take before the connection is aborted
 *     (asyncio's {@code ssl_handshake_timeout}); null for asyncio's 60 seconds
 * @param shutdownTimeout how long closing may wait for the peer's close_notify before the
 *     connection is aborted (asyncio's {@code ssl_shutdown_timeout}); null for asyncio's 30 seconds
 * @param clientAuth whether a server asks clients for a certificate (Python's
 *     {@code verify_mode} on a server context); ignored by clients
 * @param engineSetup called on each new {@link SSLEngine} after the options above are applied,
 *     to adjust what the JDK keeps on the engine (protocol versions, cipher suites, named
 *     groups); null for nothing. It runs on the loop's thread and must not block
 */
public record SslOptions(SSLContext context, String serverHostname, List<String> applicationProtocols,
        Duration handshakeTimeout, Duration shutdownTimeout, ClientAuth clientAuth, Consumer<SSLEngine> engineSetup) {

    /** asyncio's default handshake timeout ({@code SSL_HANDSHAKE_TIMEOUT}): 60 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

    /** asyncio's default shutdown timeout ({@code SSL_SHUTDOWN_TIMEOUT}): 30 seconds. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /** The JDK's default context for a client, verifying the server: asyncio's {@code ssl=True}. */
    public static final SslOptions DEFAULT = new SslOptions(null, null, List.of(), null, null, ClientAuth.NONE, null);

    /** Whether a server asks TLS clients for a certificate. */
    public enum ClientAuth {
        /** No client certificate is asked for (Python's {@code CERT_NONE} on a server). */
        NONE,
        /** A certificate is asked for; a client may send none (Python's {@code CERT_OPTIONAL}). */
        OPTIONAL,
        /** The handshake fails unless the client sends a trusted certificate ({@code CERT_REQUIRED}). */
        REQUIRED
    }

    /**
     * Checks the options and copies the protocol list.
     *
     * @throws IllegalArgumentException if a timeout is zero or negative (asyncio's "should be a
     *     positive number"), or an application protocol is empty or longer than 255 bytes
     */
    public SslOptions {
        checkTimeout("handshakeTimeout", handshakeTimeout);
        checkTimeout("shutdownTimeout", shutdownTimeout);
        applicationProtocols = List.copyOf(Objects.requireNonNull(applicationProtocols, "applicationProtocols"));
        for (String protocol : applicationProtocols) {
            int length = protocol.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (length == 0 || length > 255) {
                throw new IllegalArgumentException("an ALPN protocol name must have 1 to 255 bytes: \"" + protocol + "\"");
            }
        }
        clientAuth = clientAuth == null ? ClientAuth.NONE : clientAuth;
    }

    private static void checkTimeout(String name, Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException(name + " should be a positive number, got " + timeout);
        }
    }

    /**
     * TLS with {@code context} and asyncio's defaults for the rest.
     *
     * @param context the TLS context (certificates, keys, trusted CAs)
     * @return TLS with {@code context} and asyncio's defaults for the rest
     */
    public static SslOptions of(SSLContext context) {
        return DEFAULT.withContext(Objects.requireNonNull(context, "context"));
    }

    /**
     * The handshake timeout in force: {@link #handshakeTimeout()}, or 60 seconds.
     *
     * @return the handshake timeout in force: {@link #handshakeTimeout()}, or 60 seconds
     */
    public Duration effectiveHandshakeTimeout() {
        return handshakeTimeout != null ? handshakeTimeout : DEFAULT_HANDSHAKE_TIMEOUT;
    }

    /**
     * The shutdown timeout in force: {@link #shutdownTimeout()}, or 30 seconds.
     *
     * @return the shutdown timeout in force: {@link #shutdownTimeout()}, or 30 seconds
     */
    public Duration effectiveShutdownTimeout() {
        return shutdownTimeout != null ? shutdownTimeout : DEFAULT_SHUTDOWN_TIMEOUT;
    }

    /**
     * A copy with {@link #context()} set.
     *
     * @param value the new {@code context}
     * @return a copy of these options with that {@code context}
     */
    public SslOptions withContext(SSLContext value) {
        return new SslOptions(value, serverHostname, applicationProtocols, handshakeTimeout, shutdownTimeout,
                clientAuth, engineSetup);
    }

    /**
     * A copy with {@link #serverHostname()} set.
     *
     * @param value the new {@code serverHostname}
     * @return a copy of these options with that {@code serverHostname}
     */
    public SslOptions withServerHostname(String value) {
        return new SslOptions(context, value, applicationProtocols, handshakeTimeout, shutdownTimeout, clientAuth,
                engineSetup);
    }

    /**
     * A copy with {@link #applicationProtocols()} set (ALPN, most preferred first).
     *
     * @param value the new {@code applicationProtocols}
     * @return a copy of these options with that {@code applicationProtocols}
     */
    public SslOptions withApplicationProtocols(String... value) {
        return withApplicationProtocols(List.of(value));
    }

    /**
     * A copy with {@link #applicationProtocols()} set (ALPN, most preferred first).
     *
     * @param value the new {@code applicationProtocols}
     * @return a copy of these options with that {@code applicationProtocols}
     */
    public SslOptions withApplicationProtocols(List<String> value) {
        return new SslOptions(context, serverHostname, value, handshakeTimeout, shutdownTimeout, clientAuth,
                engineSetup);
    }

    /**
     * A copy with {@link #handshakeTimeout()} set.
     *
     * @param value the new {@code handshakeTimeout}
     * @return a copy of these options with that {@code handshakeTimeout}
     */
    public SslOptions withHandshakeTimeout(Duration value) {
        return new SslOptions(context, serverHostname, applicationProtocols, value, shutdownTimeout, clientAuth,
                engineSetup);
    }

    /**
     * A copy with {@link #shutdownTimeout()} set.
     *
     * @param value the new {@code shutdownTimeout}
     * @return a copy of these options with that {@code shutdownTimeout}
     */
    public SslOptions withShutdownTimeout(Duration value) {
        return new SslOptions(context, serverHostname, applicationProtocols, handshakeTimeout, value, clientAuth,
                engineSetup);
    }

    /**
     * A copy with {@link #clientAuth()} set.
     *
     * @param value the new {@code clientAuth}
     * @return a copy of these options with that {@code clientAuth}
     */
    public SslOptions withClientAuth(ClientAuth value) {
        return new SslOptions(context, serverHostname, applicationProtocols, handshakeTimeout, shutdownTimeout, value,
                engineSetup);
    }

    /**
     * A copy with {@link #engineSetup()} set.
     *
     * @param value the new {@code engineSetup}
     * @return a copy of these options with that {@code engineSetup}
     */
    public SslOptions withEngineSetup(Consumer<SSLEngine> value) {
        return new SslOptions(context, serverHostname, applicationProtocols, handshakeTimeout, shutdownTimeout,
                clientAuth, value);
    }
}
