package dev.asyncio4j.http.client;

import java.time.Duration;

/**
 * The time limits of a request: aiohttp's {@code ClientTimeout}. A null limit is no limit. Each
 * expiry raises its own {@link ClientTimeoutException}:
 *
 * <ul>
 *   <li>{@code total}: the whole request, redirects and reading the body included
 *       ({@link TotalTimeoutException});
 *   <li>{@code connect}: getting a connection, waiting for a free one in the pool included
 *       ({@link ConnectionTimeoutException});
 *   <li>{@code sockConnect}: opening one new connection (TCP and TLS)
 *       ({@link ConnectionTimeoutException});
 *   <li>{@code sockRead}: the longest silence of the server while a response is awaited or its
 *       body read ({@link SocketReadTimeoutException}).
 * </ul>
 *
 * <pre>{@code
 * var session = new ClientSession(SessionOptions.DEFAULT.withTimeout(
 *         ClientTimeout.ofTotal(Duration.ofSeconds(10)).withSockRead(Duration.ofSeconds(2))));
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param total the most the whole request may take
 * @param connect the most getting a connection may take
 * @param sockRead the most the server may stay silent
 * @param sockConnect the most opening a new connection may take
 */
public record ClientTimeout(Duration total, Duration connect, Duration sockRead, Duration sockConnect) {

    /** aiohttp's default: 5 minutes in total, 30 seconds to open a connection. */
    public static final ClientTimeout DEFAULT = new ClientTimeout(Duration.ofMinutes(5), null, null, Duration.ofSeconds(30));

    /** No limit at all. */
    public static final ClientTimeout NONE = new ClientTimeout(null, null, null, null);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException if a limit is negative
     */
    public ClientTimeout {
        check("total", total);
        check("connect", connect);
        check("sockRead", sockRead);
        check("sockConnect", sockConnect);
    }

    private static void check(String name, Duration value) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException(name + " timeout cannot be negative: " + value);
        }
    }

    /**
     * Only a total limit: aiohttp's {@code ClientTimeout(total=...)}.
     *
     * @param total the total time limit (null: none)
     * @return the timeout
     */
    public static ClientTimeout ofTotal(Duration total) {
        return new ClientTimeout(total, null, null, null);
    }

    /**
     * A copy with {@link #total()} set.
     *
     * @param value the new {@code total}
     * @return a copy of this timeout with that {@code total} limit
     */
    public ClientTimeout withTotal(Duration value) {
        return new ClientTimeout(value, connect, sockRead, sockConnect);
    }

    /**
     * A copy with {@link #connect()} set.
     *
     * @param value the new {@code connect}
     * @return a copy of this timeout with that {@code connect} limit
     */
    public ClientTimeout withConnect(Duration value) {
        return new ClientTimeout(total, value, sockRead, sockConnect);
    }

    /**
     * A copy with {@link #sockRead()} set.
     *
     * @param value the new {@code sockRead}
     * @return a copy of this timeout with that {@code sockRead} limit
     */
    public ClientTimeout withSockRead(Duration value) {
        return new ClientTimeout(total, connect, value, sockConnect);
    }

    /**
     * A copy with {@link #sockConnect()} set.
     *
     * @param value the new {@code sockConnect}
     * @return a copy of this timeout with that {@code sockConnect} limit
     */
    public ClientTimeout withSockConnect(Duration value) {
        return new ClientTimeout(total, connect, sockRead, value);
    }
}
