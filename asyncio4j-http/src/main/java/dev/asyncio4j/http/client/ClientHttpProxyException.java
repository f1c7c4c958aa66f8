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

    /** See {@link ClientResponseException#ClientResponseException}. */
    public ClientHttpProxyException(RequestInfo requestInfo, List<ClientResponse> history, int status,
            String message, Headers headers) {
        super(requestInfo, history, status, message, headers);
    }
}
