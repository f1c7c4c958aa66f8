package dev.asyncio4j.http.client;

/**
 * The server closed the connection before it sent a complete response head: aiohttp's
 * {@code ServerDisconnectedError} ("Server disconnected"). A request that meets it on a reused
 * keep-alive connection is retried once on a new connection when its method is idempotent.
 *
 * <p>Immutable once thrown.
 */
public class ServerDisconnectedException extends ClientConnectionException {
    private static final long serialVersionUID = 1L;

    /** "Server disconnected". */
    public ServerDisconnectedException() {
        super("Server disconnected");
    }

    /**
     * With a message saying more, and the cause (null when the server simply closed).
     *
     * @param message the message
     * @param cause the cause
     */
    public ServerDisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
