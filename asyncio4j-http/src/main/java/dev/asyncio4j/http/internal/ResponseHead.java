package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.HttpVersion;

/**
 * A parsed status line and header section, with the framing the parser derived from them and
 * from the request method: aiohttp's {@code RawResponseMessage}.
 *
 * <p>Immutable.
 *
 * @param version the response's HTTP version
 * @param status the status code, 100 to 999
 * @param reason the reason phrase as sent, possibly ""
 * @param headers the header fields as received
 * @param framing how the body is delimited
 * @param contentLength the Content-Length, or -1 when absent
 * @param keepAlive whether the connection may carry another request after this response
 * @param upgrade 101 Switching Protocols, or a 2xx answer to CONNECT: the parser stops after it
 * @param contentEncoding the Content-Encoding in lower case, or null
 */
public record ResponseHead(HttpVersion version, int status, String reason, Headers headers,
                           BodyFraming framing, long contentLength, boolean keepAlive,
                           boolean upgrade, String contentEncoding) {
    /** True for a 1xx interim response; the final response follows on the same parser. */
    public boolean informational() {
        return status < 200;
    }
}
