package dev.asyncio4j.http.client;

/**
 * {@link ClientTimeout#connect()} or {@link ClientTimeout#sockConnect()} expired: getting a
 * connection (from the pool or a new one) took too long. aiohttp's
 * {@code ConnectionTimeoutError} ("Connection timeout to host http://...").
 *
 * <p>Immutable once thrown.
 */
public class ConnectionTimeoutException extends ClientTimeoutException {
    private static final long serialVersionUID = 1L;

    /**
     * A time-out with a message.
     *
     * @param message the message
     */
    public ConnectionTimeoutException(String message) {
        super(message);
    }
}
