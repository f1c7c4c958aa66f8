package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.HttpVersion;

/**
 * A parsed request line and header section, with the framing the parser derived from them:
 * aiohttp's {@code RawRequestMessage}.
 *
 * <p>Immutable.
 *
 * @param method the method token; the standard ones are the {@code HttpMethod} constants
 * @param target the request-target as sent (origin-form {@code /a?b}, absolute-form,
 *     authority-form for CONNECT, or {@code *})
 * @param version HTTP/1.0 or HTTP/1.1 (a later 1.x is kept as sent)
 * @param headers the header fields as received
 * @param framing how the body is delimited
 * @param contentLength the Content-Length, or -1 when absent
 * @param keepAlive whether the connection may serve another request after this one
 * @param upgrade a protocol upgrade ({@code Connection: upgrade} with {@code Upgrade}) or a
 *     CONNECT: the parser stops after this message, see {@link HttpParser#isUpgraded()}
 * @param expectContinue {@code Expect: 100-continue} on an HTTP/1.1 request with a body
 * @param contentEncoding the Content-Encoding in lower case, or null
 */
public record RequestHead(String method, String target, HttpVersion version, Headers headers,
                          BodyFraming framing, long contentLength, boolean keepAlive,
                          boolean upgrade, boolean expectContinue, String contentEncoding) {
    /** The target's path: up to the first {@code ?} or {@code #}, as sent (percent-encoded). */
    public String path() {
        int end = pathEnd();
        return end == target.length() ? target : target.substring(0, end);
    }

    /** The query string after {@code ?} (without {@code #fragment}), or "" when none. */
    public String queryString() {
        int q = target.indexOf('?');
        if (q < 0) {
            return "";
        }
        int hash = target.indexOf('#', q);
        return target.substring(q + 1, hash < 0 ? target.length() : hash);
    }

    private int pathEnd() {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return target.length();
    }
}
