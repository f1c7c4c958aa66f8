package dev.asyncio4j.http.client;

/**
 * {@link ClientTimeout#total()} expired: the whole request (connecting, redirects, the response
 * head and reading the body) took too long. In aiohttp this is a plain
 * {@code asyncio.TimeoutError}.
 *
 * <p>Immutable once thrown.
 */
public class TotalTimeoutException extends ClientTimeoutException {
    private static final long serialVersionUID = 1L;

    /**
     * A time-out with a message.
     *
     * @param message the message
     */
    public TotalTimeoutException(String message) {
        super(message);
    }
}
