package dev.asyncio4j.http.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.Url;
import dev.asyncio4j.http.internal.JsonMappers;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The keyword arguments of aiohttp's {@code ClientSession(...)}, as an immutable record with
 * {@code with*} methods. Start from {@link #DEFAULT}:
 *
 * <pre>{@code
 * try (var session = new ClientSession(SessionOptions.DEFAULT
 *         .withBaseUrl("https://www.reddit.com/")
 *         .withHeaders(Headers.of("User-Agent", "asyncio4j-reddit/1.0"))
 *         .withTimeout(ClientTimeout.ofTotal(Duration.ofSeconds(30))))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param baseUrl requests with a relative URL are resolved against it (it must be absolute, and
 *     its path end with "/"); null for none
 * @param headers header fields sent with every request, unless a request gives its own of the
 *     same name
 * @param timeout the limits of each request, see {@link ClientTimeout}
 * @param connector the connection pool to use; null: the session makes its own
 * @param connectorOwner whether closing the session closes the connector (a connector shared by
 *     several sessions is not owned)
 * @param raiseForStatus whether a status of 400 or more raises {@link ClientResponseException}
 * @param autoDecompress whether gzip and deflate bodies are decoded
 * @param cookies cookies sent to every host, besides those servers set
 * @param unsafeCookies whether servers at IP addresses may set cookies (aiohttp's
 *     {@code CookieJar(unsafe=True)}); refused by default, as in aiohttp
 * @param auth Basic credentials for every request to the base URL's origin (or every request,
 *     without a base URL)
 * @param proxy an HTTP proxy for every request; null for none
 * @param proxyAuth the proxy's Basic credentials
 * @param skipAutoHeaders names of headers the client would add by itself that it should leave out
 * @param jsonMapper the Jackson mapper for JSON bodies, in both directions
 * @param readBufferSize the limit of a {@link ClientResponse#content()} stream, and how much of a
 *     body is buffered before reading from the server pauses until the body is read (aiohttp's
 *     {@code read_bufsize}, 64 KiB)
 * @param maxLineSize the longest status line or header field line accepted (aiohttp's
 *     {@code max_line_size}/{@code max_field_size}, 8190)
 * @param maxHeaderSize the largest header section accepted
 * @param maxBodySize the largest body accepted, after decoding (unbounded by default)
 */
public record SessionOptions(Url baseUrl, Headers headers, ClientTimeout timeout, Connector connector,
        boolean connectorOwner, boolean raiseForStatus, boolean autoDecompress, Map<String, String> cookies,
        boolean unsafeCookies, BasicAuth auth, Url proxy, BasicAuth proxyAuth, Set<String> skipAutoHeaders,
        ObjectMapper jsonMapper, int readBufferSize, int maxLineSize, int maxHeaderSize, long maxBodySize) {

    // Its buffers are recycled across the requests' tasks (see JsonMappers).
    private static final ObjectMapper DEFAULT_MAPPER = JsonMappers.create();

    /** aiohttp's defaults. */
    public static final SessionOptions DEFAULT = new SessionOptions(null, Headers.EMPTY, ClientTimeout.DEFAULT, null,
            true, false, true, Map.of(), false, null, null, null, Set.of(), DEFAULT_MAPPER, 64 * 1024, 8190,
            64 * 1024, Long.MAX_VALUE);

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException if the base URL is relative, or its path does not end
     *     with "/"; or a size is not positive
     */
    public SessionOptions {
        headers = headers == null ? Headers.EMPTY : headers;
        timeout = timeout == null ? ClientTimeout.NONE : timeout;
        cookies = cookies == null ? Map.of() : Map.copyOf(cookies);
        skipAutoHeaders = skipAutoHeaders == null ? Set.of() : Set.copyOf(skipAutoHeaders);
        Objects.requireNonNull(jsonMapper, "jsonMapper");
        if (baseUrl != null) {
            if (!baseUrl.isAbsolute()) {
                throw new IllegalArgumentException("base_url must be absolute: " + baseUrl);
            }
            if (!baseUrl.rawPath().isEmpty() && !baseUrl.rawPath().endsWith("/")) {
                throw new IllegalArgumentException("base_url must have a trailing slash: " + baseUrl);
            }
        }
        if (readBufferSize <= 0 || maxLineSize <= 0 || maxHeaderSize <= 0 || maxBodySize < 0) {
            throw new IllegalArgumentException("sizes must be positive: readBufferSize=" + readBufferSize
                    + ", maxLineSize=" + maxLineSize + ", maxHeaderSize=" + maxHeaderSize + ", maxBodySize=" + maxBodySize);
        }
    }

    /**
     * A copy with {@link #baseUrl()} set.
     *
     * @param value the new {@code baseUrl}
     * @return a copy of these options with that {@code baseUrl}
     */
    public SessionOptions withBaseUrl(Url value) {
        return new SessionOptions(value, headers, timeout, connector, connectorOwner, raiseForStatus, autoDecompress,
                cookies, unsafeCookies, auth, proxy, proxyAuth, skipAutoHeaders, jsonMapper, readBufferSize, maxLineSize,
                maxHeaderSize, maxBodySize);
    }

    /**
     * A copy with {@link #baseUrl()} parsed from {@code url}.
     *
     * @param url the base URL; its path ends with {@code /}
     * @return a copy of these options with that {@code baseUrl}
     */
    public SessionOptions withBaseUrl(String url) {
        return withBaseUrl(Url.parse(url));
    }

    /**
     * A copy with {@link #headers()} set.
     *
     * @param value the new {@code headers}
     * @return a copy of these options with that {@code headers}
     */
    public SessionOptions withHeaders(Headers value) {
        return new SessionOptions(baseUrl, value, timeout, connector, connectorOwner, raiseForStatus, autoDecompress,
                cookies, unsafeCookies, auth, proxy, proxyAuth, skipAutoHeaders, jsonMapper, readBufferSize, maxLineSize,
                maxHeaderSize, maxBodySize);
    }

    /**
     * A copy with {@link #timeout()} set.
     *
     * @param value the new {@code timeout}
     * @return a copy of these options with that {@code timeout}
     */
    public SessionOptions withTimeout(ClientTimeout value) {
        return new SessionOptions(baseUrl, headers, value, connector, connectorOwner, raiseForStatus, autoDecompress,
                cookies, unsafeCookies, auth, proxy, proxyAuth, skipAutoHeaders, jsonMapper, readBufferSize, maxLineSize,
                maxHeaderSize, maxBodySize);
    }

    /**
     * A copy with {@link #connector()} set, and whether the session owns it.
     *
     * @param value the new {@code connector}
     * @param owner close the connector with the session
     * @return a copy of these options with that {@code connector}
     */
    public SessionOptions withConnector(Connector value, boolean owner) {
        return new SessionOptions(baseUrl, headers, timeout, value, owner, raiseForStatus, autoDecompress,
                cookies, unsafeCookies, auth, proxy, proxyAuth, skipAutoHeaders, jsonMapper, readBufferSize, maxLineSize,
                maxHeaderSize, maxBodySize);
    }

    /**
     * A copy with {@link #raiseForStatus()} set.
     *
     * @param value the new {@code raiseForStatus}
     * @return a copy of these options with that {@code raiseForStatus}
     */
    public SessionOptions withRaiseForStatus(boolean value) {
        return new SessionOptions(baseUrl, headers, timeout, connector, connectorOwner, value, autoDecompress,
                cookies, unsafeCookies, auth, proxy, proxyAuth, skipAutoHeaders, jsonMapper, readBufferSize, maxLineSize,
                maxHeaderSize, maxBodySize);
    }

    /**
     * A copy with {@link #autoDecompress()} set.
     *
     * @param value the new {@code autoDecompress}
     * @return a copy of these options with that {@code autoDecompress}
     */
    public SessionOptions withAutoDecompress(boolean value) {
        return new SessionOptions(baseUrl, headers, timeout, connector, connectorOwner, raiseForStatus, value,
                cookies, unsafeCookies, auth, proxy, proxyAuth, skipAutoHeaders, jsonMapper, readBufferSize, maxLineSize,
                maxHeaderSize, maxBodySize);
    }

    /**
     * A copy with {@link #cookies()} set.
     *
     * @param value the new {@code cookies}
     * @return a copy of these options with that {@code cookies}
     */
    public SessionOptions withCookies(Map<String, String> value) {
        return new SessionOptions(baseUrl, headers, timeout, connector, connectorOwner, raiseForStatus, autoDecompress,
                value, unsafeCookies, auth, proxy, proxyAuth, skipAutoHeaders, jsonMapper, readBufferSize, maxLineSize,
                maxHeaderSize, maxBodySize);
    }

    /**
     * A copy with {@link #unsafeCookies()} set.
     *
     * @param value the new {@code unsafeCookies}
     * @return a copy of these options with that {@code unsafeCookies}
     */
    public SessionOptions withUnsafeCookies(boolean value) {
        return new SessionOptions(baseUrl, headers, timeout, connector, connectorOwner, raiseForStatus, autoDecompress,
                cookies, value, auth, proxy, proxyAuth, skipAutoHeaders, jsonMapper, readBufferSize, maxLineSize,
                maxHeaderSize, maxBodySize);
    }

    /**
     * A copy with {@link #auth()} set.
     *
     * @param value the new {@code auth}
     * @return a copy of these options with that {@code auth}
     */
    public SessionOptions withAuth(BasicAuth value) {
        return new SessionOptions(baseUrl, headers, timeout, connector, connectorOwner, raiseForStatus, autoDecompress,
                cookies, unsafeCookies, value, proxy, proxyAuth, skipAutoHeaders, jsonMapper, readBufferSize, maxLineSize,
                maxHeaderSize, maxBodySize);
    }

    /**
     * A copy with {@link #proxy()} and {@link #proxyAuth()} set.
     *
     * @param value the new {@code proxy}
     * @param credentials the proxy's credentials (null: none)
     * @return a copy of these options with that {@code proxy}
     */
    public SessionOptions withProxy(Url value, BasicAuth credentials) {
        return new SessionOptions(baseUrl, headers, timeout, connector, connectorOwner, raiseForStatus, autoDecompress,
                cookies, unsafeCookies, auth, value, credentials, skipAutoHeaders, jsonMapper, readBufferSize, maxLineSize,
                maxHeaderSize, maxBodySize);
    }

    /**
     * A copy with {@link #skipAutoHeaders()} set.
     *
     * @param names the header names the session does not add by itself
     * @return a copy of these options with that {@code skipAutoHeaders}
     */
    public SessionOptions withSkipAutoHeaders(String... names) {
        return new SessionOptions(baseUrl, headers, timeout, connector, connectorOwner, raiseForStatus, autoDecompress,
                cookies, unsafeCookies, auth, proxy, proxyAuth, Set.copyOf(java.util.Arrays.asList(names)), jsonMapper,
                readBufferSize, maxLineSize, maxHeaderSize, maxBodySize);
    }

    /**
     * A copy with {@link #jsonMapper()} set.
     *
     * @param value the new {@code jsonMapper}
     * @return a copy of these options with that {@code jsonMapper}
     */
    public SessionOptions withJsonMapper(ObjectMapper value) {
        return new SessionOptions(baseUrl, headers, timeout, connector, connectorOwner, raiseForStatus, autoDecompress,
                cookies, unsafeCookies, auth, proxy, proxyAuth, skipAutoHeaders, value, readBufferSize, maxLineSize,
                maxHeaderSize, maxBodySize);
    }

    /**
     * A copy with {@link #readBufferSize()} set.
     *
     * @param value the new {@code readBufferSize}
     * @return a copy of these options with that {@code readBufferSize}
     */
    public SessionOptions withReadBufferSize(int value) {
        return new SessionOptions(baseUrl, headers, timeout, connector, connectorOwner, raiseForStatus, autoDecompress,
                cookies, unsafeCookies, auth, proxy, proxyAuth, skipAutoHeaders, jsonMapper, value, maxLineSize,
                maxHeaderSize, maxBodySize);
    }

    /**
     * A copy with {@link #maxLineSize()}, {@link #maxHeaderSize()} and {@link #maxBodySize()} set.
     *
     * @param lineSize the longest line, in bytes
     * @param headerSize the largest header section, in bytes
     * @param bodySize the largest body, in bytes
     * @return a copy of these options with that {@code limits}
     */
    public SessionOptions withLimits(int lineSize, int headerSize, long bodySize) {
        return new SessionOptions(baseUrl, headers, timeout, connector, connectorOwner, raiseForStatus, autoDecompress,
                cookies, unsafeCookies, auth, proxy, proxyAuth, skipAutoHeaders, jsonMapper, readBufferSize, lineSize,
                headerSize, bodySize);
    }
}
