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

    /** See {@link ClientResponseException#ClientResponseException}. */
    public ContentTypeException(RequestInfo requestInfo, List<ClientResponse> history, int status,
            String message, Headers headers) {
        super(requestInfo, history, status, message, headers);
    }
}
