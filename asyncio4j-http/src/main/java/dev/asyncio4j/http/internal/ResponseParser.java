package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.HttpMethod;
import dev.asyncio4j.http.HttpStatus;
import dev.asyncio4j.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The client side's HTTP/1.1 response parser: aiohttp's {@code HttpResponseParser}, strict. The
 * body framing depends on the request (RFC 9112 6.3): set it with {@link #setRequestMethod}
 * before the response arrives. Responses to HEAD and 1xx, 204 and 304 responses have no body; a
 * 2xx answer to CONNECT and a 101 switch protocols; a response with neither Content-Length nor
 * Transfer-Encoding is delimited by the connection's close ({@link #feedEof()}). Interim 1xx
 * responses (100 Continue) are messages of their own, followed by the final one.
 *
 * <p>Loop-confined; see {@link HttpParser}.
 */
public final class ResponseParser extends HttpParser<ResponseHead> {
    private String requestMethod = HttpMethod.GET;
    private HttpVersion version;
    private int status;
    private String reason;

    /** A parser enforcing {@code limits}, reporting to {@code listener}. */
    public ResponseParser(HttpLimits limits, HttpMessageListener<? super ResponseHead> listener) {
        super(limits, listener);
    }

    /** The method of the request the next final response answers (HEAD and CONNECT change framing). */
    public void setRequestMethod(String method) {
        this.requestMethod = method;
    }

    @Override
    HttpParseException startLineTooLong(long at) {
        return new HttpParseException(400, "status line longer than " + limits.maxStartLine() + " bytes", at);
    }

    @Override
    void startLine(byte[] b, int s, int e, long base) {
        // status-line = HTTP-version SP status-code SP [ reason-phrase ]; the last SP is often
        // missing with an empty reason, which clients accept.
        if (e - s < 12) {
            throw new HttpParseException(400, "status line too short", base + s);
        }
        version = Versions.parse(b, s, s + 8, base);
        if (b[s + 8] != Ascii.SP) {
            throw new HttpParseException(400, "expected SP after the HTTP version, found "
                    + Ascii.describe(b[s + 8]), base + s + 8);
        }
        int code = 0;
        for (int i = s + 9; i < s + 12; i++) {
            if (b[i] < '0' || b[i] > '9') {
                throw new HttpParseException(400, "invalid character " + Ascii.describe(b[i])
                        + " in status code", base + i);
            }
            code = code * 10 + (b[i] - '0');
        }
        if (code < 100) {
            throw new HttpParseException(400, "status code " + code + " is below 100", base + s + 9);
        }
        status = code;
        int r = s + 12;
        if (r < e && b[r] != Ascii.SP) {
            throw new HttpParseException(400, "expected SP after the status code, found "
                    + Ascii.describe(b[r]), base + r);
        }
        r = Math.min(r + 1, e);
        for (int i = r; i < e; i++) {
            if (!Ascii.fieldValue(b[i])) {
                throw new HttpParseException(400, "invalid character " + Ascii.describe(b[i])
                        + " in reason phrase", base + i);
            }
        }
        String standard = HttpStatus.reason(code);
        reason = r == e ? ""
                : Ascii.equalsLower(b, r, e - r, standard.toLowerCase(java.util.Locale.ROOT))
                        && standard.length() == e - r && sameBytes(b, r, standard) ? standard
                : new String(b, r, e - r, StandardCharsets.ISO_8859_1);
        startHeaderSection();
    }

    private static boolean sameBytes(byte[] b, int r, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[r + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    void headersComplete(long at) {
        boolean keepAlive = version.atLeast11() ? !connectionClose : connectionKeepAlive && !connectionClose;
        BodyFraming framing;
        boolean upgrade = false;
        if (HttpStatus.isInformational(status)) {
            framing = BodyFraming.NONE;
            upgrade = status == 101;
        } else if (requestMethod.equals(HttpMethod.CONNECT) && status < 300) {
            framing = BodyFraming.NONE;
            upgrade = true;
        } else if (requestMethod.equals(HttpMethod.HEAD) || status == 204 || status == 304) {
            // The framing headers describe the body a GET would have had; still reject smuggling.
            transferFraming(false, at);
            framing = BodyFraming.NONE;
        } else {
            framing = transferFraming(false, at);
            if (framing == BodyFraming.UNTIL_CLOSE) {
                keepAlive = false;
            }
        }
        if (transferEncoding && !version.atLeast11()) {
            keepAlive = false;
        }
        ResponseHead head = new ResponseHead(version, status, reason, headers.toHeaders(), framing,
                contentLength, keepAlive, upgrade, contentEncoding);
        startBody(head, framing, upgrade);
    }
}
