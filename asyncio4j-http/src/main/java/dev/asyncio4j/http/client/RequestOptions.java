package dev.asyncio4j.http.client;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.MultiDict;
import dev.asyncio4j.http.Url;
import dev.asyncio4j.net.SslContexts;
import dev.asyncio4j.net.SslOptions;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The keyword arguments of aiohttp's {@code session.request(method, url, **kwargs)}, as an
 * immutable record with {@code with*} methods. Start from {@link #DEFAULT}:
 *
 * <pre>{@code
 * var response = await(session.post("https://api.example.com/items", RequestOptions.DEFAULT
 *         .withParams("page", "2")                              // params={"page": "2"}
 *         .withHeaders(Headers.of("X-Trace", "1"))              // headers={...}
 *         .withJson(Map.of("name", "x"))                        // json={...}
 *         .withTimeout(Duration.ofSeconds(10))));               // timeout=10
 * }</pre>
 *
 * <p>Immutable. A null component means "as the session says" (or "none" where the session has
 * no such setting).
 *
 * @param params query parameters appended to the URL's own, encoded as yarl does
 * @param headers header fields for this request; they replace the session's fields of the same
 *     names
 * @param json a value serialised with the session's Jackson mapper and sent as
 *     {@code application/json}; cannot be given with {@code data}
 * @param data the body, see {@link Payload}; cannot be given with {@code json}
 * @param cookies cookies sent with this request only, besides the session's jar
 * @param auth Basic credentials ({@code Authorization}); not with credentials in the URL or an
 *     {@code Authorization} header
 * @param allowRedirects whether to follow 301, 302, 303, 307 and 308 (aiohttp's default: yes)
 * @param maxRedirects how many redirects may be followed before {@link TooManyRedirectsException}
 *     (aiohttp's default 10: the tenth redirect fails); 0 for no limit
 * @param timeout this request's limits instead of the session's
 * @param raiseForStatus whether a status of 400 or more raises {@link ClientResponseException}
 * @param proxy an HTTP proxy to send the request through ({@code CONNECT} for https)
 * @param proxyAuth the proxy's Basic credentials ({@code Proxy-Authorization})
 * @param proxyHeaders header fields for the proxy ({@code CONNECT} request, or each request)
 * @param skipAutoHeaders names of headers the client would add by itself ({@code User-Agent},
 *     {@code Accept}, {@code Accept-Encoding}, {@code Content-Type}) that it should leave out
 * @param autoDecompress whether to decode gzip and deflate bodies
 * @param ssl how an https request runs TLS (aiohttp's {@code ssl=}); null for the connector's
 *     default, which verifies the server
 */
public record RequestOptions(MultiDict params, Headers headers, Object json, Payload data,
        Map<String, String> cookies, BasicAuth auth, boolean allowRedirects, int maxRedirects,
        ClientTimeout timeout, Boolean raiseForStatus, Url proxy, BasicAuth proxyAuth,
        Headers proxyHeaders, Set<String> skipAutoHeaders, Boolean autoDecompress, SslOptions ssl) {

    /** aiohttp's defaults: redirects followed up to 10, everything else from the session. */
    public static final RequestOptions DEFAULT = new RequestOptions(MultiDict.EMPTY, Headers.EMPTY, null, null,
            Map.of(), null, true, 10, null, null, null, null, Headers.EMPTY, Set.of(), null, null);

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException if both {@code json} and {@code data} are given, or
     *     {@code maxRedirects} is negative
     */
    public RequestOptions {
        params = params == null ? MultiDict.EMPTY : params;
        headers = headers == null ? Headers.EMPTY : headers;
        cookies = cookies == null ? Map.of() : Map.copyOf(cookies);
        proxyHeaders = proxyHeaders == null ? Headers.EMPTY : proxyHeaders;
        skipAutoHeaders = skipAutoHeaders == null ? Set.of() : Set.copyOf(skipAutoHeaders);
        if (json != null && data != null) {
            throw new IllegalArgumentException("data and json parameters can not be used at the same time");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects cannot be negative: " + maxRedirects);
        }
    }

    /**
     * A copy with {@link #params()} set.
     *
     * @param value the new {@code params}
     * @return a copy of these options with that {@code params}
     */
    public RequestOptions withParams(MultiDict value) {
        return new RequestOptions(value, headers, json, data, cookies, auth, allowRedirects, maxRedirects,
                timeout, raiseForStatus, proxy, proxyAuth, proxyHeaders, skipAutoHeaders, autoDecompress, ssl);
    }

    /**
     * A copy with {@link #params()} set from alternating names and values.
     *
     * @param namesAndValues alternating names and values
     * @return a copy of these options with that {@code params}
     */
    public RequestOptions withParams(String... namesAndValues) {
        return withParams(MultiDict.of(namesAndValues));
    }

    /**
     * A copy with {@link #params()} set from a map, in its iteration order.
     *
     * @param value the new {@code params}
     * @return a copy of these options with that {@code params}
     */
    public RequestOptions withParams(Map<String, String> value) {
        return withParams(MultiDict.copyOf(value));
    }

    /**
     * A copy with {@link #headers()} set.
     *
     * @param value the new {@code headers}
     * @return a copy of these options with that {@code headers}
     */
    public RequestOptions withHeaders(Headers value) {
        return new RequestOptions(params, value, json, data, cookies, auth, allowRedirects, maxRedirects,
                timeout, raiseForStatus, proxy, proxyAuth, proxyHeaders, skipAutoHeaders, autoDecompress, ssl);
    }

    /**
     * A copy with {@link #headers()} set from alternating names and values.
     *
     * @param namesAndValues alternating names and values
     * @return a copy of these options with that {@code headers}
     */
    public RequestOptions withHeaders(String... namesAndValues) {
        return withHeaders(Headers.of(namesAndValues));
    }

    /**
     * A copy with {@link #json()} set.
     *
     * @param value the new {@code json}
     * @return a copy of these options with that {@code json}
     */
    public RequestOptions withJson(Object value) {
        return new RequestOptions(params, headers, value, data, cookies, auth, allowRedirects, maxRedirects,
                timeout, raiseForStatus, proxy, proxyAuth, proxyHeaders, skipAutoHeaders, autoDecompress, ssl);
    }

    /**
     * A copy with {@link #data()} set.
     *
     * @param value the new {@code data}
     * @return a copy of these options with that {@code data}
     */
    public RequestOptions withData(Payload value) {
        return new RequestOptions(params, headers, json, value, cookies, auth, allowRedirects, maxRedirects,
                timeout, raiseForStatus, proxy, proxyAuth, proxyHeaders, skipAutoHeaders, autoDecompress, ssl);
    }

    /**
     * A copy sending a form, urlencoded or multipart as {@link FormData#payload()} decides: aiohttp's
     * {@code data=FormData(...)}.
     *
     * @param form the form, as it stands now
     * @return a copy of these options with that {@code data}
     */
    public RequestOptions withData(FormData form) {
        return withData(form.payload());
    }

    /**
     * A copy sending {@code bytes} as {@code application/octet-stream}.
     *
     * @param bytes the body
     * @return a copy of these options with that {@code data}
     */
    public RequestOptions withData(byte[] bytes) {
        return withData(Payload.bytes(bytes));
    }

    /**
     * A copy sending {@code text} as {@code text/plain; charset=utf-8}.
     *
     * @param text the body, sent as UTF-8
     * @return a copy of these options with that {@code data}
     */
    public RequestOptions withData(String text) {
        return withData(Payload.text(text));
    }

    /**
     * A copy sending a urlencoded form.
     *
     * @param fields the form's fields
     * @return a copy of these options with that {@code form}
     */
    public RequestOptions withForm(MultiDict fields) {
        return withData(Payload.form(fields));
    }

    /**
     * A copy sending a urlencoded form of a map's entries.
     *
     * @param fields the form's fields
     * @return a copy of these options with that {@code form}
     */
    public RequestOptions withForm(Map<String, String> fields) {
        return withData(Payload.form(fields));
    }

    /**
     * A copy with {@link #cookies()} set.
     *
     * @param value the new {@code cookies}
     * @return a copy of these options with that {@code cookies}
     */
    public RequestOptions withCookies(Map<String, String> value) {
        return new RequestOptions(params, headers, json, data, value, auth, allowRedirects, maxRedirects,
                timeout, raiseForStatus, proxy, proxyAuth, proxyHeaders, skipAutoHeaders, autoDecompress, ssl);
    }

    /**
     * A copy with {@link #auth()} set.
     *
     * @param value the new {@code auth}
     * @return a copy of these options with that {@code auth}
     */
    public RequestOptions withAuth(BasicAuth value) {
        return new RequestOptions(params, headers, json, data, cookies, value, allowRedirects, maxRedirects,
                timeout, raiseForStatus, proxy, proxyAuth, proxyHeaders, skipAutoHeaders, autoDecompress, ssl);
    }

    /**
     * A copy with {@link #allowRedirects()} set.
     *
     * @param value the new {@code allowRedirects}
     * @return a copy of these options with that {@code allowRedirects}
     */
    public RequestOptions withAllowRedirects(boolean value) {
        return new RequestOptions(params, headers, json, data, cookies, auth, value, maxRedirects,
                timeout, raiseForStatus, proxy, proxyAuth, proxyHeaders, skipAutoHeaders, autoDecompress, ssl);
    }

    /**
     * A copy with {@link #maxRedirects()} set.
     *
     * @param value the new {@code maxRedirects}
     * @return a copy of these options with that {@code maxRedirects}
     */
    public RequestOptions withMaxRedirects(int value) {
        return new RequestOptions(params, headers, json, data, cookies, auth, allowRedirects, value,
                timeout, raiseForStatus, proxy, proxyAuth, proxyHeaders, skipAutoHeaders, autoDecompress, ssl);
    }

    /**
     * A copy with {@link #timeout()} set.
     *
     * @param value the new {@code timeout}
     * @return a copy of these options with that {@code timeout}
     */
    public RequestOptions withTimeout(ClientTimeout value) {
        return new RequestOptions(params, headers, json, data, cookies, auth, allowRedirects, maxRedirects,
                value, raiseForStatus, proxy, proxyAuth, proxyHeaders, skipAutoHeaders, autoDecompress, ssl);
    }

    /**
     * A copy whose only limit is a total one: aiohttp's {@code timeout=<seconds>}.
     *
     * @param total the total time limit (null: none)
     * @return a copy of these options with that {@code timeout}
     */
    public RequestOptions withTimeout(Duration total) {
        return withTimeout(ClientTimeout.ofTotal(total));
    }

    /**
     * A copy with {@link #raiseForStatus()} set.
     *
     * @param value the new {@code raiseForStatus}
     * @return a copy of these options with that {@code raiseForStatus}
     */
    public RequestOptions withRaiseForStatus(boolean value) {
        return new RequestOptions(params, headers, json, data, cookies, auth, allowRedirects, maxRedirects,
                timeout, value, proxy, proxyAuth, proxyHeaders, skipAutoHeaders, autoDecompress, ssl);
    }

    /**
     * A copy with {@link #proxy()} set.
     *
     * @param value the new {@code proxy}
     * @return a copy of these options with that {@code proxy}
     */
    public RequestOptions withProxy(Url value) {
        return new RequestOptions(params, headers, json, data, cookies, auth, allowRedirects, maxRedirects,
                timeout, raiseForStatus, value, proxyAuth, proxyHeaders, skipAutoHeaders, autoDecompress, ssl);
    }

    /**
     * A copy with {@link #proxy()} parsed from {@code url}.
     *
     * @param url the proxy's URL
     * @return a copy of these options with that {@code proxy}
     */
    public RequestOptions withProxy(String url) {
        return withProxy(Url.parse(url));
    }

    /**
     * A copy with {@link #proxyAuth()} set.
     *
     * @param value the new {@code proxyAuth}
     * @return a copy of these options with that {@code proxyAuth}
     */
    public RequestOptions withProxyAuth(BasicAuth value) {
        return new RequestOptions(params, headers, json, data, cookies, auth, allowRedirects, maxRedirects,
                timeout, raiseForStatus, proxy, value, proxyHeaders, skipAutoHeaders, autoDecompress, ssl);
    }

    /**
     * A copy with {@link #proxyHeaders()} set.
     *
     * @param value the new {@code proxyHeaders}
     * @return a copy of these options with that {@code proxyHeaders}
     */
    public RequestOptions withProxyHeaders(Headers value) {
        return new RequestOptions(params, headers, json, data, cookies, auth, allowRedirects, maxRedirects,
                timeout, raiseForStatus, proxy, proxyAuth, value, skipAutoHeaders, autoDecompress, ssl);
    }

    /**
     * A copy with {@link #skipAutoHeaders()} set.
     *
     * @param names the header names not to add automatically
     * @return a copy of these options with that {@code skipAutoHeaders}
     */
    public RequestOptions withSkipAutoHeaders(String... names) {
        return new RequestOptions(params, headers, json, data, cookies, auth, allowRedirects, maxRedirects,
                timeout, raiseForStatus, proxy, proxyAuth, proxyHeaders, Set.copyOf(java.util.Arrays.asList(names)),
                autoDecompress, ssl);
    }

    /**
     * A copy with {@link #ssl()} set.
     *
     * @param value the new {@code ssl}
     * @return a copy of these options with that {@code ssl}
     */
    public RequestOptions withSsl(SslOptions value) {
        return new RequestOptions(params, headers, json, data, cookies, auth, allowRedirects, maxRedirects,
                timeout, raiseForStatus, proxy, proxyAuth, proxyHeaders, skipAutoHeaders, autoDecompress, value);
    }

    /**
     * A copy running TLS with {@code context} (aiohttp's {@code ssl=<SSLContext>}), checking the
     * host name.
     *
     * @param context the error's context
     * @return a copy of these options with that {@code ssl}
     */
    public RequestOptions withSsl(SSLContext context) {
        return withSsl(SslOptions.of(context));
    }

    /**
     * A copy that verifies the server (true: the JDK's trusted CAs and the host name, the
     * default) or not at all (false: any certificate, any name; aiohttp's {@code ssl=False},
     * for tests and private networks only).
     *
     * @param verify whether to check the server's certificate and name
     * @return a copy of these options with that {@code ssl}
     */
    public RequestOptions withSsl(boolean verify) {
        if (verify) {
            return withSsl(SslOptions.DEFAULT);
        }
        try {
            return withSsl(SslOptions.of(SslContexts.unverified()).withServerHostname(""));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context that verifies nothing", e);
        }
    }

    /**
     * A copy with {@link #autoDecompress()} set.
     *
     * @param value the new {@code autoDecompress}
     * @return a copy of these options with that {@code autoDecompress}
     */
    public RequestOptions withAutoDecompress(boolean value) {
        return new RequestOptions(params, headers, json, data, cookies, auth, allowRedirects, maxRedirects,
                timeout, raiseForStatus, proxy, proxyAuth, proxyHeaders, skipAutoHeaders, value, ssl);
    }
}
