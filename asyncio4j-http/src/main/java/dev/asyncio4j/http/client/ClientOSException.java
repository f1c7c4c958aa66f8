package dev.asyncio4j.http.client;

import java.io.IOException;

/**
 * A socket operation failed (a reset connection, a broken pipe): aiohttp's {@code ClientOSError}.
 * The {@link #getCause() cause} is the {@link IOException} the socket raised.
 *
 * <p>Immutable once thrown.
 */
public class ClientOSException extends ClientConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message and the socket's exception.
     *
     * @param message the message
     * @param cause the cause
     */
    public ClientOSException(String message, Throwable cause) {
        super(message, cause);
    }
}
