package dev.asyncio4j.http.client;

/**
 * The connection to the proxy could not be opened: aiohttp's {@code ClientProxyConnectionError}.
 * {@link #host()} and {@link #port()} name the proxy.
 *
 * <p>Immutable once thrown.
 */
public class ClientProxyConnectionException extends ClientConnectorException {
    private static final long serialVersionUID = 1L;

    /**
     * The proxy at {@code host}:{@code port} could not be reached; {@code cause} says why.
     *
     * @param host the host name or IP address
     * @param port the port connected to
     * @param cause the cause
     */
    public ClientProxyConnectionException(String host, int port, Throwable cause) {
        super("Cannot connect to proxy", host, port, false, "default", cause);
    }
}
