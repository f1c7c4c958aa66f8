package dev.asyncio4j.http.client;

import dev.asyncio4j.http.Headers;
import java.util.List;

/**
 * An error tied to a response: a status of 400 or more when the response is checked
 * ({@link ClientResponse#raiseForStatus()}), a response head the client cannot parse, too many
 * redirects. aiohttp's {@code ClientResponseError}, whose message reads
 * {@code 404, message='Not Found', url='http://example.com/x'}.
 *
 * <p>Immutable once thrown.
 */
public class ClientResponseException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final transient RequestInfo requestInfo;
    private final transient List<ClientResponse> history;
    /** The status, or 0 when there was no usable one. */
    private final int status;
    /** The reason phrase or what went wrong. */
    private final String message;
    private final transient Headers headers;

    /**
     * A response that is an error, or could not be read.
     *
     * @param requestInfo the request the response answers
     * @param history the redirect responses before it, oldest first
     * @param status the status, or 0 when there was no usable one
     * @param message the reason phrase or what went wrong
     * @param headers the response's headers, or null
     */
    public ClientResponseException(RequestInfo requestInfo, List<ClientResponse> history, int status,
            String message, Headers headers) {
        super(status + ", message='" + message + "', url='" + requestInfo.realUrl() + "'");
        this.requestInfo = requestInfo;
        this.history = List.copyOf(history);
        this.status = status;
        this.message = message;
        this.headers = headers;
    }

    /**
     * The request the response answers: aiohttp's {@code request_info}.
     *
     * @return the request the response answers
     */
    public RequestInfo requestInfo() {
        return requestInfo;
    }

    /**
     * The redirect responses before this one, oldest first: aiohttp's {@code history}.
     *
     * @return the redirect responses before this one, oldest first
     */
    public List<ClientResponse> history() {
        return history;
    }

    /**
     * The HTTP status, or 0: aiohttp's {@code status}.
     *
     * @return the HTTP status, or 0
     */
    public int status() {
        return status;
    }

    /**
     * The reason phrase, or what went wrong: aiohttp's {@code message}.
     *
     * @return the reason phrase, or what went wrong
     */
    public String message() {
        return message;
    }

    /**
     * The response's headers, or null when there were none to report: aiohttp's {@code headers}.
     *
     * @return the response's headers, or null when there were none to report
     */
    public Headers headers() {
        return headers;
    }
}
