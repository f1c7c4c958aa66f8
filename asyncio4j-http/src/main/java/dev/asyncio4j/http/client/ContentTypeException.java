package dev.asyncio4j.http.client;

import dev.asyncio4j.http.Headers;
import java.util.List;

/**
 * {@link ClientResponse#json()} met a {@code Content-Type} that is not JSON: aiohttp's
 * {@code ContentTypeError} ("Attempt to decode JSON with unexpected mimetype: text/html").
 *
 * <p>Immutable once thrown.
 */
public class ContentTypeException extends ClientResponseException {
    private static final long serialVersionUID = 1L;

    /**
     * See {@link ClientResponseException#ClientResponseException}.
     *
     * @param requestInfo the request
     * @param history the responses of the redirects followed, oldest first
     * @param status the response's status code
     * @param message the message
     * @param headers the response's headers
     */
    public ContentTypeException(RequestInfo requestInfo, List<ClientResponse> history, int status,
            String message, Headers headers) {
        super(requestInfo, history, status, message, headers);
    }
}
