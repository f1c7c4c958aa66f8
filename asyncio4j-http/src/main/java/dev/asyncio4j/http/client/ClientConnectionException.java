package dev.asyncio4j.http.client;

/**
 * The connection to the server failed or broke: aiohttp's {@code ClientConnectionError}. Also
 * raised by reading a response whose connection was closed before its body arrived.
 *
 * <p>Immutable once thrown.
 */
public class ClientConnectionException extends ClientException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message.
     *
     * @param message the message
     */
    public ClientConnectionException(String message) {
        super(message);
    }

    /**
     * An error with a message and its cause.
     *
     * @param message the message
     * @param cause the cause
     */
    public ClientConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
