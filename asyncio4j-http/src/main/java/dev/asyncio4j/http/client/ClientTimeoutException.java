package dev.asyncio4j.http.client;

import java.util.concurrent.TimeoutException;

/**
 * A time limit of {@link ClientTimeout} expired. It is a {@link TimeoutException}, asyncio's
 * {@code TimeoutError} in Java, so code that handles time-outs in general catches it; its kinds
 * say which limit: {@link TotalTimeoutException}, {@link ConnectionTimeoutException},
 * {@link SocketReadTimeoutException}. The connection involved is closed, never reused.
 *
 * <p>Immutable once thrown.
 */
public class ClientTimeoutException extends TimeoutException {
    private static final long serialVersionUID = 1L;

    /**
     * A time-out with a message.
     *
     * @param message the message
     */
    public ClientTimeoutException(String message) {
        super(message);
    }
}
