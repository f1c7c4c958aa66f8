package dev.asyncio4j.http.client;

/**
 * A snapshot of a {@link Connector}'s pool, from {@link Connector#statistics()}. aiohttp has no
 * such snapshot (its {@code TCPConnector} shows only its limits).
 *
 * <p>Immutable.
 *
 * @param acquired connections in use by a request, or being opened for one
 * @param idle open connections waiting in the pool for the next request
 * @param waiting requests waiting for a connection because a limit is reached
 * @param opened connections opened since the connector was made
 * @param reused times a pooled connection served another request
 */
public record ConnectorStatistics(int acquired, int idle, int waiting, long opened, long reused) {

    /**
     * Connections open or being opened: {@code acquired + idle}.
     *
     * @return how many connections are open or being opened
     */
    public int open() {
        return acquired + idle;
    }
}
