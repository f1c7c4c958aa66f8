package dev.asyncio4j.http.client;

/**
 * {@link ClientTimeout#sockRead()} expired: the server sent nothing for that long while a
 * response was awaited or read. aiohttp's {@code SocketTimeoutError} ("Timeout on reading data
 * from socket").
 *
 * <p>Immutable once thrown.
 */
public class SocketReadTimeoutException extends ClientTimeoutException {
    private static final long serialVersionUID = 1L;

    /**
     * A time-out with a message.
     *
     * @param message the message
     */
    public SocketReadTimeoutException(String message) {
        super(message);
    }
}
