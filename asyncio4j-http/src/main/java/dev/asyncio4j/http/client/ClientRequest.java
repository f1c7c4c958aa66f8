package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.async;

import dev.asyncio4j.AsyncIterable;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Future;
import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.HttpMethod;
import dev.asyncio4j.http.HttpVersion;
import dev.asyncio4j.http.MutableHeaders;
import dev.asyncio4j.http.Url;
import dev.asyncio4j.http.internal.ChunkedEncoder;
import dev.asyncio4j.http.internal.HeadWriter;
import dev.asyncio4j.net.SslOptions;
import dev.asyncio4j.net.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One hop of a request: method, URL, headers and body as they go on the wire, and how they are
 * written. aiohttp's {@code ClientRequest}. A redirect makes the next hop with
 * {@link #redirect}; each response keeps the hop that asked for it (its request info).
 *
 * <p>Loop-confined; not changed once made.
 */
final class ClientRequest {
    /*
     * Overview: header order on the wire follows aiohttp: Host, the session's and the request's
     * fields (the request's replacing the session's of the same name), the automatic ones
     * (Accept, Accept-Encoding, User-Agent) unless given or skipped, then Cookie, the body's
     * Content-Type and Content-Length (or Transfer-Encoding), Authorization,
     * Proxy-Authorization, Connection. `headers` is null on the fast path: the request adds no
     * fields of its own, so the session's fields and the automatic ones are one pre-encoded
     * block.
     */
    private static final Set<String> NO_BODY_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD,
            HttpMethod.OPTIONS, HttpMethod.TRACE);

    final ClientSession session;
    final String method;
    final Url url;
    final Url realUrl;
    private final MutableHeaders headers;
    final byte[] body;
    final AsyncIterable<byte[]> stream;
    private final String contentType;
    private final BasicAuth auth;
    private final Map<String, String> cookies;
    final Url proxy;
    private final BasicAuth proxyAuth;
    private final Headers proxyHeaders;
    private final Set<String> skip;
    private final boolean fast;
    private final SslOptions tls;
    final boolean ssl;
    final ConnectionKey key;
    private final List<ClientResponse> history;
    private RequestInfo info;

    ClientRequest(ClientSession session, String method, Url realUrl, MutableHeaders headers, byte[] body,
            AsyncIterable<byte[]> stream, String contentType, BasicAuth auth, Map<String, String> cookies, Url proxy,
            BasicAuth proxyAuth, Headers proxyHeaders, Set<String> skip, boolean fast, SslOptions tls,
            List<ClientResponse> history) throws InvalidUrlException {
        this.session = session;
        this.method = method;
        this.realUrl = realUrl;
        this.headers = headers;
        this.body = body;
        this.stream = stream;
        this.contentType = contentType;
        this.cookies = cookies;
        this.proxy = proxy;
        this.proxyHeaders = proxyHeaders;
        this.skip = skip;
        this.fast = fast && headers == null;
        this.history = history;
        String scheme = realUrl.scheme();
        if (!realUrl.isAbsolute() || realUrl.host().isEmpty()) {
            throw new InvalidUrlException(realUrl.toString(), "not an absolute URL with a host");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidUrlException(realUrl.toString(), "only http and https URLs can be requested");
        }
        this.ssl = scheme.equals("https");
        BasicAuth fromUrl = null;
        Url plain = realUrl.withoutFragment();
        if (realUrl.user() != null) {
            fromUrl = new BasicAuth(realUrl.user(), realUrl.password() == null ? "" : realUrl.password());
            plain = plain.withoutUserInfo();
        }
        this.url = plain;
        if (auth != null && fromUrl != null && history.isEmpty()) {
            throw new IllegalArgumentException("Cannot combine AUTH argument with credentials encoded in URL");
        }
        this.auth = fromUrl != null ? fromUrl : auth;
        if (this.auth != null && (headers != null ? headers.contains("Authorization")
                : session.defaultHeaders().contains("Authorization"))) {
            throw new IllegalArgumentException(
                    "Cannot combine AUTHORIZATION header with AUTH argument or credentials encoded in URL");
        }
        BasicAuth proxyCredentials = proxyAuth;
        if (proxy != null && proxy.user() != null && proxyCredentials == null) {
            proxyCredentials = new BasicAuth(proxy.user(), proxy.password() == null ? "" : proxy.password());
        }
        this.proxyAuth = proxyCredentials;
        this.tls = tls;
        this.key = new ConnectionKey(url.host(), url.port(), ssl, proxy == null ? null : proxy.withoutUserInfo(),
                proxyCredentials == null ? null : proxyCredentials.encode(), proxyHeaders,
                ssl ? (tls != null ? tls : session.connector().options().ssl()) : null);
        if (!this.fast || !cookies.isEmpty() || !proxyHeaders.isEmpty()) {
            // Fields of this request: refuse an invalid one now, before a connection is taken.
            HeadWriter check = new HeadWriter();
            check.startRequest(method, target(), HttpVersion.HTTP_1_1);
            fields(check::header, null);
        }
    }

    /**
     * The next hop after a redirect to {@code to}: {@code method} and the body change as
     * {@code ClientSession} decided; across origins the credentials are dropped.
     */
    ClientRequest redirect(Url to, String newMethod, boolean dropBody) throws InvalidUrlException {
        MutableHeaders next = headers;
        boolean crossOrigin = !sameOrigin(url, to);
        if (crossOrigin || dropBody) {
            next = (headers != null ? headers.toHeaders() : session.defaultHeaders()).toMutable();
            if (crossOrigin) {
                next.remove("Authorization");
                next.remove("Cookie");
                next.remove("Proxy-Authorization");
            }
            if (dropBody) {
                next.remove("Content-Length");
            }
        }
        return new ClientRequest(session, newMethod, to, next, dropBody ? null : body, dropBody ? null : stream,
                dropBody ? null : contentType, crossOrigin ? null : auth, cookies, proxy, proxyAuth, proxyHeaders, skip,
                fast, tls, history);
    }

    /** Same scheme, host and port (the default port spelled out or not): yarl's origin equality. */
    static boolean sameOrigin(Url a, Url b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    List<ClientResponse> history() {
        return history;
    }

    boolean replayable() {
        return stream == null;
    }

    /** The request-target: origin-form, or the absolute URL to a proxy for plain http. */
    private String target() {
        return proxy != null && !ssl ? url.toString() : url.pathQs();
    }

    /** What was sent, for {@link ClientResponse#requestInfo()} and errors: computed when asked. */
    RequestInfo requestInfo() {
        if (info == null) {
            MutableHeaders sent = new MutableHeaders(12);
            fields(sent::add, null);
            info = new RequestInfo(url, method, sent.toHeaders(), realUrl);
        }
        return info;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes the head (and a byte body) on {@code c}'s transport in one write; a streamed body
     * is written by a task of its own, so the response can arrive meanwhile.
     */
    void write(HttpConnection c, Exchange ex) {
        HeadWriter w = session.connector().headWriter;
        w.startRequest(method, target(), HttpVersion.HTTP_1_1);
        fields(w::header, w);
        if (body != null && body.length > 0) {
            w.finishTo(body, 0, body.length, c.writer);
        } else {
            w.finishTo(c.writer);
        }
        if (stream == null) {
            ex.requestSent = true;
        } else {
            ex.bodyWriter = c.connector.loop().createTask(async("ClientRequest.writeBody", () -> writeBody(c, ex)));
        }
    }

    private void writeBody(HttpConnection c, Exchange ex) throws Exception {
        Transport transport = c.transport;
        try {
            for (byte[] chunk : stream) {
                if (transport.isClosing()) {
                    return;
                }
                if (chunk.length > 0) {
                    transport.writelines(List.of(ChunkedEncoder.sizeLine(chunk.length), chunk, ChunkedEncoder.chunkEnd()));
                    Future<Void> drained = c.drain();
                    if (drained != null) {
                        Asyncio.await(drained);
                    }
                }
            }
            if (!transport.isClosing()) {
                transport.write(ChunkedEncoder.lastChunk(Headers.EMPTY));
                ex.requestSent = true;
            }
        } catch (CancelledException e) {
            throw e;
        } catch (Exception e) {
            ex.fail(e instanceof ClientException ? e : new ClientPayloadException("the request body failed: " + e, e));
            ex.abortConnection();
        }
    }

    /**
     * Every header field in wire order, to {@code out}; on the fast path, when {@code raw} is
     * given, the session's pre-encoded block goes to it instead of its fields one by one.
     */
    private void fields(BiConsumer<String, String> out, HeadWriter raw) {
        Headers given = headers != null ? headers.toHeaders() : session.defaultHeaders();
        String cookieHeader = null;
        if (!given.contains("Host")) {
            out.accept("Host", url.hostHeader());
        }
        if (fast && raw != null) {
            raw.raw(session.defaultBlock());
            cookieHeader = given.get("Cookie");
        } else {
            for (int i = 0; i < given.size(); i++) {
                String name = given.name(i);
                if (name.equalsIgnoreCase("Cookie")) {
                    cookieHeader = cookieHeader == null ? given.value(i) : cookieHeader + "; " + given.value(i);
                } else {
                    out.accept(name, given.value(i));
                }
            }
            autoFields(given, out);
        }
        String cookie = cookies(cookieHeader);
        if (cookie != null) {
            out.accept("Cookie", cookie);
        }
        if (body != null || stream != null) {
            if (contentType != null && !given.contains("Content-Type") && !skipped("content-type")) {
                out.accept("Content-Type", contentType);
            }
            if (!given.contains("Content-Length") && !given.contains("Transfer-Encoding")) {
                if (body != null) {
                    out.accept("Content-Length", Integer.toString(body.length));
                } else {
                    out.accept("Transfer-Encoding", "chunked");
                }
            }
        } else if (!NO_BODY_METHODS.contains(method) && !given.contains("Content-Length")
                && !given.contains("Transfer-Encoding")) {
            out.accept("Content-Length", "0");
        }
        if (auth != null) {
            out.accept("Authorization", auth.encode());
        }
        if (proxy != null && !ssl) {
            if (proxyAuth != null && !given.contains("Proxy-Authorization")) {
                out.accept("Proxy-Authorization", proxyAuth.encode());
            }
            for (int i = 0; i < proxyHeaders.size(); i++) {
                out.accept(proxyHeaders.name(i), proxyHeaders.value(i));
            }
        }
        if (session.connector().forceClose() && !given.contains("Connection")) {
            out.accept("Connection", "close");
        }
    }

    private boolean skipped(String lowerName) {
        return skip.contains(lowerName);
    }

    private void autoFields(Headers given, BiConsumer<String, String> out) {
        for (String[] field : ClientSession.AUTO_HEADERS) {
            if (!given.contains(field[0]) && !skipped(field[0].toLowerCase(Locale.ROOT))) {
                out.accept(field[0], field[1]);
            }
        }
    }

    /** The Cookie value: the one given as a header, the jar's for this URL, and this request's own. */
    private String cookies(String given) {
        String jar = session.cookieJar().isEmpty() ? null : session.cookieJar().cookieHeader(url);
        if (cookies.isEmpty()) {
            return given == null ? jar : jar == null ? given : given + "; " + jar;
        }
        Map<String, String> all = new LinkedHashMap<>();
        for (String source : new String[] {given, jar}) {
            if (source != null) {
                for (String pair : source.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        all.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                    }
                }
            }
        }
        all.putAll(cookies);
        List<String> pairs = new ArrayList<>(all.size());
        all.forEach((name, value) -> pairs.add(name + "=" + value));
        return String.join("; ", pairs);
    }

    @Override
    public String toString() {
        return "ClientRequest[" + method + " " + url + "]";
    }
}
