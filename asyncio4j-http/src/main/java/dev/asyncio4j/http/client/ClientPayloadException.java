package dev.asyncio4j.http.client;

/**
 * The response body could not be read whole: the connection closed before its end, its chunked
 * framing or content coding was invalid, or it exceeded the size limit. aiohttp's
 * {@code ClientPayloadError} ("Response payload is not completed").
 *
 * <p>Immutable once thrown.
 */
public class ClientPayloadException extends ClientException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message.
     *
     * @param message the message
     */
    public ClientPayloadException(String message) {
        super(message);
    }

    /**
     * An error with a message and its cause.
     *
     * @param message the message
     * @param cause the cause
     */
    public ClientPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
