package dev.asyncio4j.http.client;

/**
 * The TLS handshake with the server failed: its certificate did not verify, did not match the
 * host name, or the peers share no protocol. aiohttp's {@code ClientSSLError} (and its
 * {@code ClientConnectorCertificateError}). The {@link #getCause() cause} is the
 * {@link javax.net.ssl.SSLException}.
 *
 * <p>Immutable once thrown.
 */
public class ClientSslException extends ClientConnectorException {
    private static final long serialVersionUID = 1L;

    /**
     * The TLS connection to {@code host}:{@code port} failed as {@code cause} says.
     *
     * @param host the host name or IP address
     * @param port the port connected to
     * @param cause the cause
     */
    public ClientSslException(String host, int port, Throwable cause) {
        super("Cannot connect to host", host, port, true, "default", cause);
    }
}
