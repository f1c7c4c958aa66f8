package dev.asyncio4j.http;

import dev.asyncio4j.http.internal.Ascii;

/**
 * HTTP methods. Methods are plain strings, as in aiohttp ({@code hdrs.METH_GET}): any token is
 * a valid method, and comparing a parsed method with these constants by {@code equals} is cheap
 * because the parser hands back these very instances for the standard ones.
 *
 * <p>Constants and stateless helpers only; thread-safe.
 */
public final class HttpMethod {
    /** {@code GET}. */
    public static final String GET = "GET";
    /** {@code HEAD}: like GET, but the response carries no body. */
    public static final String HEAD = "HEAD";
    /** {@code POST}. */
    public static final String POST = "POST";
    /** {@code PUT}. */
    public static final String PUT = "PUT";
    /** {@code PATCH}. */
    public static final String PATCH = "PATCH";
    /** {@code DELETE}. */
    public static final String DELETE = "DELETE";
    /** {@code OPTIONS}. */
    public static final String OPTIONS = "OPTIONS";
    /** {@code CONNECT}: opens a tunnel; a 2xx answer turns the connection into raw bytes. */
    public static final String CONNECT = "CONNECT";
    /** {@code TRACE}. */
    public static final String TRACE = "TRACE";

    private HttpMethod() {
    }

    /**
     * Safe methods (RFC 9110 9.2.1): GET, HEAD, OPTIONS, TRACE.
     *
     * @param method the method
     * @return whether the method is safe
     */
    public static boolean isSafe(String method) {
        return GET.equals(method) || HEAD.equals(method) || OPTIONS.equals(method) || TRACE.equals(method);
    }

    /**
     * Idempotent methods (RFC 9110 9.2.2): the safe ones, PUT and DELETE. The client retries a
     * request on a stale pooled connection only for these.
     *
     * @param method the method
     * @return whether the method is idempotent
     */
    public static boolean isIdempotent(String method) {
        return isSafe(method) || PUT.equals(method) || DELETE.equals(method);
    }

    /**
     * True when {@code method} is a token (RFC 9110 5.6.2) and so may stand in a request line.
     *
     * @param method the method
     * @return true when {@code method} is a token (RFC 9110 5.6.2) and so may stand in a request
     *     line
     */
    public static boolean isValid(String method) {
        if (method == null || method.isEmpty()) {
            return false;
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c > 0x7F || !Ascii.isTchar(c)) {
                return false;
            }
        }
        return true;
    }
}
