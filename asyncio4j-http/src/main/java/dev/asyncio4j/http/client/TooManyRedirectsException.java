package dev.asyncio4j.http.client;

import java.util.List;

/**
 * A request was redirected {@code maxRedirects} times: aiohttp's {@code TooManyRedirects}. Its
 * {@link #history()} holds the redirect responses, already released; {@link #requestInfo()} is
 * the first request's.
 *
 * <p>Immutable once thrown.
 */
public class TooManyRedirectsException extends ClientResponseException {
    private static final long serialVersionUID = 1L;

    /**
     * The redirects in {@code history} reached the limit.
     *
     * @param requestInfo the request
     * @param history the responses of the redirects followed, oldest first
     */
    public TooManyRedirectsException(RequestInfo requestInfo, List<ClientResponse> history) {
        super(requestInfo, history, history.getLast().status(), "Too many redirects (" + history.size() + ")",
                history.getLast().headers());
    }
}
