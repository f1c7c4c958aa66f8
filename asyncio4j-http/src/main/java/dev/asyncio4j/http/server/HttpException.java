package dev.asyncio4j.http.server;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.HttpStatus;
import dev.asyncio4j.http.MutableHeaders;
import java.util.Collection;

/**
 * An HTTP error or redirect thrown by a handler or middleware, which the server answers with:
 * aiohttp's {@code web.HTTPException} family ({@code raise web.HTTPNotFound()}) in one class.
 *
 * <pre>{@code
 * throw HttpException.notFound("no user " + id);
 * throw HttpException.redirect(302, "/login");
 * throw new HttpException(409, "already exists");
 * }</pre>
 *
 * <p>The response has the status, the extra headers, and a {@code text/plain} body: the given
 * text, or {@code "<status>: <reason>"} as aiohttp writes it. A 1xx, 204 or 304 has no body.
 * Not thread-safe while being built; treat it as immutable once thrown.
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The response's status code. */
    private final int status;
    /** The reason phrase, or null for the standard one. */
    private final String reason;
    /** The response body's text. */
    private final String text;
    private final transient MutableHeaders headers = new MutableHeaders(2);

    /**
     * An error with the status's standard reason and text.
     * In aiohttp: the {@code web.HTTPException} subclass of that status.
     *
     * @param status the status code
     */
    public HttpException(int status) {
        this(status, null, null);
    }

    /**
     * An error with {@code text} as the body. In aiohttp: {@code web.HTTPException(text=...)}.
     *
     * @param status the status code
     * @param text the response body's text (null: the status line's)
     */
    public HttpException(int status, String text) {
        this(status, null, text);
    }

    /**
     * An error with a reason phrase and a body text; null for either means the default.
     * In aiohttp: {@code web.HTTPException(reason=..., text=...)}.
     *
     * @param status the status code
     * @param reason the reason phrase (null: the standard one)
     * @param text the response body's text (null: the status line's)
     * @throws IllegalArgumentException when {@code status} is not 100 to 999
     */
    public HttpException(int status, String reason, String text) {
        super(null, null, false, false);
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be 100 to 999, got " + status);
        }
        this.status = status;
        this.reason = reason != null ? reason : HttpStatus.reason(status);
        this.text = text != null ? text : status + ": " + this.reason;
    }

    /**
     * 400 Bad Request. In aiohttp: {@code web.HTTPBadRequest(text=...)}.
     *
     * @param text the response body's text (null: the status line's)
     * @return the exception, to throw
     */
    public static HttpException badRequest(String text) {
        return new HttpException(400, text);
    }

    /**
     * 403 Forbidden. In aiohttp: {@code web.HTTPForbidden()}.
     *
     * @return the exception, to throw
     */
    public static HttpException forbidden() {
        return new HttpException(403);
    }

    /**
     * 404 Not Found. In aiohttp: {@code web.HTTPNotFound()}.
     *
     * @return the exception, to throw
     */
    public static HttpException notFound() {
        return new HttpException(404);
    }

    /**
     * 404 Not Found with {@code text} as the body. In aiohttp: {@code web.HTTPNotFound(text=...)}.
     *
     * @param text the response body's text (null: the status line's)
     * @return the exception, to throw
     */
    public static HttpException notFound(String text) {
        return new HttpException(404, text);
    }

    /**
     * 405 Method Not Allowed, with the {@code Allow} header listing {@code allowed}.
     * In aiohttp: {@code web.HTTPMethodNotAllowed(method, allowed)}.
     *
     * @param method the method
     * @param allowed the methods the resource allows
     * @return the exception, to throw
     */
    public static HttpException methodNotAllowed(String method, Collection<String> allowed) {
        HttpException e = new HttpException(405, null, "405: Method Not Allowed");
        e.headers.add("Allow", String.join(",", allowed));
        return e;
    }

    /**
     * 413 Request Entity Too Large: the body exceeds {@code maxSize} ({@code actualSize} or -1 if
     * unknown). In aiohttp: {@code web.HTTPRequestEntityTooLarge(max_size, actual_size)}.
     *
     * @param maxSize the limit in bytes
     * @param actualSize the body's size in bytes
     * @return the exception, to throw
     */
    public static HttpException requestEntityTooLarge(long maxSize, long actualSize) {
        return new HttpException(413, "Maximum request body size " + maxSize + " exceeded"
                + (actualSize >= 0 ? ", actual body size " + actualSize : ""));
    }

    /**
     * A redirect (301, 302, 303, 307 or 308) to {@code location}.
     * In aiohttp: {@code web.HTTPFound(location)} and its siblings.
     *
     * @param status the status code
     * @param location the URL to redirect to
     * @return a redirect (301, 302, 303, 307 or 308) to {@code location}
     */
    public static HttpException redirect(int status, String location) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("a redirect status is 3xx, got " + status);
        }
        HttpException e = new HttpException(status);
        e.headers.add("Location", location);
        return e;
    }

    /**
     * Adds a header to the response; returns this.
     *
     * @param name the name
     * @param value the value
     * @return this exception
     */
    public HttpException withHeader(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /**
     * The status code. In aiohttp: {@code exc.status}.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }

    /**
     * The reason phrase. In aiohttp: {@code exc.reason}.
     *
     * @return the reason phrase
     */
    public String reason() {
        return reason;
    }

    /**
     * The response body text. In aiohttp: {@code exc.text}.
     *
     * @return the response body text
     */
    public String text() {
        return text;
    }

    /**
     * The extra response headers. In aiohttp: {@code exc.headers}.
     *
     * @return the extra response headers
     */
    public Headers headers() {
        return headers.toHeaders();
    }

    @Override
    public String getMessage() {
        return status + " " + reason + (text.equals(status + ": " + reason) ? "" : ": " + text);
    }

    /** The response this exception stands for. */
    Response toResponse() {
        Response response = HttpStatus.mustBeEmpty(status) ? new Response(Response.NO_BODY, null)
                : Response.text(text);
        response.setStatus(status, reason);
        response.headers().addAll(headers.toHeaders());
        return response;
    }
}
