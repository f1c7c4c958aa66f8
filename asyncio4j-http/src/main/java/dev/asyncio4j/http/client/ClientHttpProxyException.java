package dev.asyncio4j.http.client;

import dev.asyncio4j.http.Headers;
import java.util.List;

/**
 * The proxy refused to open a tunnel: it answered the {@code CONNECT} with a status other than
 * 2xx. aiohttp's {@code ClientHttpProxyError}.
 *
 * <p>Immutable once thrown.
 */
public class ClientHttpProxyException extends ClientResponseException {
    private static final long serialVersionUID = 1L;

    /**
     * See {@link ClientResponseException#ClientResponseException}.
     *
     * @param requestInfo the request
     * @param history the responses of the redirects followed, oldest first
     * @param status the proxy's status code
     * @param message the message
     * @param headers the response's headers
     */
    public ClientHttpProxyException(RequestInfo requestInfo, List<ClientResponse> history, int status,
            String message, Headers headers) {
        super(requestInfo, history, status, message, headers);
    }
}
