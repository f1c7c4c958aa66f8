package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.HttpMethod;
import dev.asyncio4j.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The server side's HTTP/1.1 request parser: aiohttp's {@code HttpRequestParser}. A request
 * without Content-Length or Transfer-Encoding has no body (RFC 9112 6.3); an HTTP/1.1 request
 * must carry exactly one Host; a version other than 1.x is answered with 505.
 *
 * <p>Loop-confined; see {@link HttpParser}.
 */
public final class RequestParser extends HttpParser<RequestHead> {
    private static final String[] METHODS = {
        HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
        HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.CONNECT, HttpMethod.TRACE,
    };
    private static final byte[][] METHOD_BYTES = new byte[METHODS.length][];

    static {
        for (int i = 0; i < METHODS.length; i++) {
            METHOD_BYTES[i] = METHODS[i].getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private String method;
    private String target;
    private HttpVersion version;

    /** A parser enforcing {@code limits}, reporting to {@code listener}. */
    public RequestParser(HttpLimits limits, HttpMessageListener<? super RequestHead> listener) {
        super(limits, listener);
    }

    @Override
    HttpParseException startLineTooLong(long at) {
        return new HttpParseException(414, "request line longer than " + limits.maxStartLine() + " bytes", at);
    }

    @Override
    void startLine(byte[] b, int s, int e, long base) {
        // request-line = method SP request-target SP HTTP-version
        int i = s;
        while (i < e && Ascii.tchar(b[i])) {
            i++;
        }
        if (i == e || b[i] != Ascii.SP) {
            throw new HttpParseException(400, i == e ? "request line without a target"
                    : "invalid character " + Ascii.describe(b[i]) + " in method", base + i);
        }
        if (i == s) {
            throw new HttpParseException(400, "empty method", base + s);
        }
        method = method(b, s, i);
        int t = ++i;
        while (i < e && Ascii.target(b[i])) {
            i++;
        }
        if (i == e || b[i] != Ascii.SP) {
            throw new HttpParseException(400, i == e ? "request line without an HTTP version"
                    : "invalid character " + Ascii.describe(b[i]) + " in request target", base + i);
        }
        if (i == t) {
            throw new HttpParseException(400, "empty request target", base + t);
        }
        target = new String(b, t, i - t, StandardCharsets.ISO_8859_1);
        version = Versions.parse(b, i + 1, e, base);
        if (version.major() != 1) {
            throw new HttpParseException(505, "HTTP version " + version + " is not supported", base + i + 1);
        }
        checkTargetForm(base + t);
        startHeaderSection();
    }

    private static String method(byte[] b, int s, int e) {
        int len = e - s;
        for (int m = 0; m < METHOD_BYTES.length; m++) {
            byte[] candidate = METHOD_BYTES[m];
            if (candidate.length == len && java.util.Arrays.equals(b, s, e, candidate, 0, len)) {
                return METHODS[m];
            }
        }
        return new String(b, s, len, StandardCharsets.ISO_8859_1);
    }

    /** RFC 9112 3.2: origin-form, absolute-form, authority-form (CONNECT), asterisk-form (OPTIONS). */
    private void checkTargetForm(long at) {
        char first = target.charAt(0);
        if (method == HttpMethod.CONNECT) {
            int colon = target.lastIndexOf(':');
            if (first == '/' || colon <= 0 || colon == target.length() - 1 || target.indexOf('/') >= 0) {
                throw new HttpParseException(400, "CONNECT needs an authority-form target host:port, got '"
                        + target + "'", at);
            }
        } else if (first == '/') {
            return;
        } else if (target.equals("*")) {
            if (method != HttpMethod.OPTIONS) {
                throw new HttpParseException(400, "asterisk-form target is only for OPTIONS", at);
            }
        } else {
            int colon = target.indexOf("://");
            boolean scheme = colon > 0;
            for (int i = 0; scheme && i < colon; i++) {
                char c = target.charAt(i);
                scheme = Character.isLetter(c) || (i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.'));
            }
            if (!scheme) {
                throw new HttpParseException(400, "invalid request target '" + target + "'", at);
            }
        }
    }

    @Override
    void headersComplete(long at) {
        if (version.atLeast11() && hostCount == 0) {
            throw new HttpParseException(400, "missing Host header", at);
        }
        if (hostCount > 1) {
            throw new HttpParseException(400, "more than one Host header", at);
        }
        BodyFraming framing = transferFraming(true, at);
        boolean keepAlive = version.atLeast11() ? !connectionClose : connectionKeepAlive && !connectionClose;
        if (transferEncoding && !version.atLeast11()) {
            // RFC 9112 6.1: Transfer-Encoding in HTTP/1.0 means faulty framing; close afterwards.
            keepAlive = false;
        }
        boolean upgrade = method == HttpMethod.CONNECT || (connectionUpgrade && upgradeHeader);
        boolean expect = expectContinue && version.atLeast11() && framing != BodyFraming.NONE;
        RequestHead head = new RequestHead(method, target, version, headers.toHeaders(), framing,
                contentLength, keepAlive, upgrade, expect, contentEncoding);
        startBody(head, framing, upgrade);
    }
}
