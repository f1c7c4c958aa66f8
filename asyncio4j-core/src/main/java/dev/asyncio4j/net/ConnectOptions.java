package dev.asyncio4j.net;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The keyword arguments of asyncio's {@code create_connection()} and
 * {@code create_unix_connection()}, as an immutable record with {@code with*} methods:
 *
 * <pre>{@code
 * await(loop.createConnection(Client::new, "example.test", 443, ConnectOptions.DEFAULT
 *         .withLocalAddress(new InetSocketAddress("127.0.0.2", 0))
 *         .withTimeout(Duration.ofSeconds(5))));
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
 */
public record ConnectOptions(ProtocolFamily family, InetSocketAddress localAddress, Duration timeout,
        SocketChannel socket, boolean allErrors) {

    /** No options: asyncio's defaults. */
    public static final ConnectOptions DEFAULT = new ConnectOptions(null, null, null, null, false);

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

    /** A copy with {@link #family()} set. */
    public ConnectOptions withFamily(ProtocolFamily value) {
        return new ConnectOptions(value, localAddress, timeout, socket, allErrors);
    }

    /** A copy with {@link #localAddress()} set. */
    public ConnectOptions withLocalAddress(InetSocketAddress value) {
        return new ConnectOptions(family, value, timeout, socket, allErrors);
    }

    /** A copy with {@link #timeout()} set. */
    public ConnectOptions withTimeout(Duration value) {
        return new ConnectOptions(family, localAddress, value, socket, allErrors);
    }

    /** A copy with {@link #socket()} set. */
    public ConnectOptions withSocket(SocketChannel value) {
        return new ConnectOptions(family, localAddress, timeout, value, allErrors);
    }

    /** A copy with {@link #allErrors()} set. */
    public ConnectOptions withAllErrors(boolean value) {
        return new ConnectOptions(family, localAddress, timeout, socket, value);
    }
}
