package dev.asyncio4j.http.client;

/**
 * The base of the HTTP client's errors: aiohttp's {@code ClientError}. Catch it to handle every
 * failure of a request but its time limits, which are {@link ClientTimeoutException}s (they
 * extend {@link java.util.concurrent.TimeoutException}, as aiohttp's extend
 * {@code asyncio.TimeoutError}).
 *
 * <pre>
 * ClientException                      aiohttp.ClientError
 *   ClientConnectionException            ClientConnectionError
 *     ClientOSException                    ClientOSError
 *       ClientConnectorException             ClientConnectorError
 *         ClientProxyConnectionException       ClientProxyConnectionError
 *         ClientSslException                   ClientSSLError
 *     ServerDisconnectedException          ServerDisconnectedError
 *   ClientResponseException              ClientResponseError
 *     ContentTypeException                 ContentTypeError
 *     TooManyRedirectsException            TooManyRedirects
 *     ClientHttpProxyException             ClientHttpProxyError
 *   ClientPayloadException               ClientPayloadError
 *   InvalidUrlException                  InvalidURL
 * ClientTimeoutException (a java.util.concurrent.TimeoutException)
 *   TotalTimeoutException                ClientTimeout.total expired (asyncio.TimeoutError)
 *   ConnectionTimeoutException           ConnectionTimeoutError
 *   SocketReadTimeoutException           SocketTimeoutError
 * </pre>
 *
 * <p>Immutable once thrown.
 */
public class ClientException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message.
     *
     * @param message the message
     */
    public ClientException(String message) {
        super(message);
    }

    /**
     * An error with a message and the exception that caused it.
     *
     * @param message the message
     * @param cause the cause
     */
    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
