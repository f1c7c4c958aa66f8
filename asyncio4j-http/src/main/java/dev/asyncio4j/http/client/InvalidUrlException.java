package dev.asyncio4j.http.client;

/**
 * A URL the client cannot request: not absolute, not http or https, or not a URL at all, given
 * by the caller or by a server's redirect. aiohttp's {@code InvalidURL} (and its
 * {@code InvalidUrlRedirectClientError}, {@code NonHttpUrlClientError} kinds).
 *
 * <p>Immutable once thrown.
 */
public class InvalidUrlException extends ClientException {
    private static final long serialVersionUID = 1L;

    /** The URL as given. */
    private final String url;

    /**
     * {@code url} is invalid; {@code description} says why.
     *
     * @param url the URL as given
     * @param description what is wrong
     */
    public InvalidUrlException(String url, String description) {
        super(description == null ? url : url + " (" + description + ")");
        this.url = url;
    }

    /**
     * {@code url} is invalid, as {@code cause} found.
     *
     * @param url the URL as given
     * @param description what is wrong
     * @param cause the cause
     */
    public InvalidUrlException(String url, String description, Throwable cause) {
        this(url, description);
        initCause(cause);
    }

    /**
     * The URL as it was given. In aiohttp: {@code exc.url}.
     *
     * @return the URL as it was given
     */
    public String url() {
        return url;
    }
}
