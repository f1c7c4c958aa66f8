package dev.asyncio4j.http.client;

/**
 * A connection could not be opened (refused, unreachable, a name that does not resolve):
 * aiohttp's {@code ClientConnectorError}, with its message
 * {@code Cannot connect to host example.com:443 ssl:default [Connection refused]}. The
 * {@link #getCause() cause} is the socket's exception.
 *
 * <p>Immutable once thrown.
 */
public class ClientConnectorException extends ClientOSException {
    private static final long serialVersionUID = 1L;

    /** The host that was asked for. */
    private final String host;
    /** Its port. */
    private final int port;
    /** Whether the connection was to use TLS. */
    private final boolean ssl;

    /**
     * A connection to {@code host:port} that could not be opened.
     *
     * @param host the host that was asked for
     * @param port its port
     * @param ssl whether the connection was to use TLS
     * @param cause what the socket raised
     */
    public ClientConnectorException(String host, int port, boolean ssl, Throwable cause) {
        this("Cannot connect to host", host, port, ssl, "default", cause);
    }

    /** {@code sslSetting} is how aiohttp shows the {@code ssl} argument: "default", "False", a context. */
    ClientConnectorException(String what, String host, int port, boolean ssl, String sslSetting, Throwable cause) {
        super(what + " " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port
                + " ssl:" + sslSetting + " [" + describe(cause) + "]", cause);
        this.host = host;
        this.port = port;
        this.ssl = ssl;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /**
     * The host that was asked for.
     *
     * @return the host that was asked for
     */
    public String host() {
        return host;
    }

    /**
     * The port that was asked for. In aiohttp: {@code exc.port}.
     *
     * @return the port that was asked for
     */
    public int port() {
        return port;
    }

    /**
     * Whether the connection was to use TLS. In aiohttp: {@code exc.ssl}.
     *
     * @return whether the connection was to use TLS
     */
    public boolean ssl() {
        return ssl;
    }
}
