package dev.asyncio4j.http.client;

import dev.asyncio4j.net.SslOptions;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.time.Duration;
import java.util.Objects;

/**
 * The keyword arguments of aiohttp's {@code TCPConnector(...)}, as an immutable record with
 * {@code with*} methods:
 *
 * <pre>{@code
 * var connector = new Connector(ConnectorOptions.DEFAULT.withLimit(20).withLimitPerHost(4));
 * var session = new ClientSession(SessionOptions.DEFAULT.withConnector(connector, true));
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param limit the most connections in use (or being opened) at once, over all hosts; 0 for no
 *     limit (aiohttp's default: 100). Idle pooled connections do not count.
 * @param limitPerHost the most connections in use at once to one host, port and scheme; 0 for no
 *     limit (the default)
 * @param keepaliveTimeout how long an idle connection stays in the pool (aiohttp's default: 15 s)
 * @param forceClose close each connection after its response instead of pooling it (and ask the
 *     server to, with {@code Connection: close})
 * @param family connect only over IPv4 or IPv6 ({@link java.net.StandardProtocolFamily}); null for
 *     either
 * @param localAddress the local address to bind connections to; null for any
 * @param ssl how https connections run TLS unless a request says otherwise (aiohttp's
 *     {@code TCPConnector(ssl=...)}): by default the server's certificate is verified against
 *     the JDK's trusted CAs and must name the host; see {@link RequestOptions#withSsl(boolean)}
 */
public record ConnectorOptions(int limit, int limitPerHost, Duration keepaliveTimeout, boolean forceClose,
        ProtocolFamily family, InetSocketAddress localAddress, SslOptions ssl) {

    /** aiohttp's defaults: 100 connections in all, none per host, 15 seconds of keep-alive, TLS verified. */
    public static final ConnectorOptions DEFAULT = new ConnectorOptions(100, 0, Duration.ofSeconds(15), false, null, null,
            SslOptions.DEFAULT);

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException if a limit or the keep-alive time is negative
     */
    public ConnectorOptions {
        Objects.requireNonNull(keepaliveTimeout, "keepaliveTimeout");
        Objects.requireNonNull(ssl, "ssl");
        if (limit < 0 || limitPerHost < 0 || keepaliveTimeout.isNegative()) {
            throw new IllegalArgumentException("limits and keepaliveTimeout cannot be negative: limit=" + limit
                    + ", limitPerHost=" + limitPerHost + ", keepaliveTimeout=" + keepaliveTimeout);
        }
    }

    /**
     * A copy with {@link #limit()} set.
     *
     * @param value the new {@code limit}
     * @return a copy of these options with that {@code limit}
     */
    public ConnectorOptions withLimit(int value) {
        return new ConnectorOptions(value, limitPerHost, keepaliveTimeout, forceClose, family, localAddress, ssl);
    }

    /**
     * A copy with {@link #limitPerHost()} set.
     *
     * @param value the new {@code limitPerHost}
     * @return a copy of these options with that {@code limitPerHost}
     */
    public ConnectorOptions withLimitPerHost(int value) {
        return new ConnectorOptions(limit, value, keepaliveTimeout, forceClose, family, localAddress, ssl);
    }

    /**
     * A copy with {@link #keepaliveTimeout()} set.
     *
     * @param value the new {@code keepaliveTimeout}
     * @return a copy of these options with that {@code keepaliveTimeout}
     */
    public ConnectorOptions withKeepaliveTimeout(Duration value) {
        return new ConnectorOptions(limit, limitPerHost, value, forceClose, family, localAddress, ssl);
    }

    /**
     * A copy with {@link #forceClose()} set.
     *
     * @param value the new {@code forceClose}
     * @return a copy of these options with that {@code forceClose}
     */
    public ConnectorOptions withForceClose(boolean value) {
        return new ConnectorOptions(limit, limitPerHost, keepaliveTimeout, value, family, localAddress, ssl);
    }

    /**
     * A copy with {@link #family()} set.
     *
     * @param value the new {@code family}
     * @return a copy of these options with that {@code family}
     */
    public ConnectorOptions withFamily(ProtocolFamily value) {
        return new ConnectorOptions(limit, limitPerHost, keepaliveTimeout, forceClose, value, localAddress, ssl);
    }

    /**
     * A copy with {@link #ssl()} set.
     *
     * @param value the new {@code ssl}
     * @return a copy of these options with that {@code ssl}
     */
    public ConnectorOptions withSsl(SslOptions value) {
        return new ConnectorOptions(limit, limitPerHost, keepaliveTimeout, forceClose, family, localAddress, value);
    }

    /**
     * A copy with {@link #localAddress()} set.
     *
     * @param value the new {@code localAddress}
     * @return a copy of these options with that {@code localAddress}
     */
    public ConnectorOptions withLocalAddress(InetSocketAddress value) {
        return new ConnectorOptions(limit, limitPerHost, keepaliveTimeout, forceClose, family, value, ssl);
    }
}
