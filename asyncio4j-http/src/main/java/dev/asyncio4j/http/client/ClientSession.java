package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.async;

import dev.asyncio4j.AsyncCloseable;
import dev.asyncio4j.AsyncIterable;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.HttpMethod;
import dev.asyncio4j.http.HttpVersion;
import dev.asyncio4j.http.MutableHeaders;
import dev.asyncio4j.http.Url;
import dev.asyncio4j.http.internal.Cookie;
import dev.asyncio4j.http.internal.CookieJar;
import dev.asyncio4j.http.internal.HeadWriter;
import dev.asyncio4j.http.internal.HttpLimits;
import dev.asyncio4j.http.internal.ResponseHead;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * An HTTP client on the asyncio4j loop: aiohttp's {@code ClientSession}. It keeps a pool of
 * keep-alive connections ({@link Connector}), a cookie jar, default headers and time limits, and
 * makes requests that return a {@link ClientResponse} once its head has arrived:
 *
 * <pre>{@code
 * try (var session = new ClientSession()) {                     // async with aiohttp.ClientSession() as session:
 *     try (var response = await(session.get(url))) {           //     async with session.get(url) as response:
 *         System.out.println(response.status());                //         print(response.status)
 *         byte[] body = await(response.read());                 //         body = await response.read()
 *     }
 * }
 * }</pre>
 *
 * <p>Requests follow redirects (at most 10), decode gzip and deflate, send
 * {@code User-Agent: asyncio4j/<version>} unless told otherwise, and retry once, on a new
 * connection, an idempotent request whose pooled connection the server had closed. Each method
 * takes a {@link RequestOptions} for aiohttp's keyword arguments ({@code params}, {@code json},
 * {@code data}, {@code timeout} ...), and the session a {@link SessionOptions}.
 *
 * <p>Close the session when done ({@code async with}): its connections are closed with it. A
 * session collected while still open is reported to its loop's exception handler with aiohttp's
 * message "Unclosed client session".
 *
 * <p>Loop-confined: it binds to the loop of its first request (or the running loop it is made
 * on), and all its requests run in tasks of that loop.
 */
public final class ClientSession implements AsyncCloseable {
    /*
     * Overview for maintainers. A request is one coroutine (send): it builds the first hop
     * (ClientRequest), then per hop acquires a connection, writes the head in one write, awaits
     * the response head (the only suspension when a pooled connection is free), and follows
     * redirects. The connection's protocol parses straight from the transport's reads; the
     * body is buffered (or streamed) by the hop's Exchange, and the connection goes back to the
     * pool when the body's last byte arrives, whether or not the user has read it yet.
     */

    /** {@code asyncio4j/<version>}: the default {@code User-Agent}. */
    public static final String USER_AGENT = "asyncio4j/" + version();

    /** The headers a request gets unless given or skipped, in order: aiohttp's auto headers. */
    static final String[][] AUTO_HEADERS = {
        {"Accept", "*/*"}, {"Accept-Encoding", "gzip, deflate"}, {"User-Agent", USER_AGENT},
    };

    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "asyncio4j-http-leak-reporter");
        thread.setDaemon(true);
        return thread;
    });

    private final SessionOptions options;
    private final Connector connector;
    private final boolean ownsConnector;
    private final CookieJar cookieJar;
    private final byte[] defaultBlock;
    private final Set<String> skip;
    private final HttpLimits limits;
    private final Leak leak;
    private final Cleaner.Cleanable cleanable;
    private EventLoop loop;
    private boolean closed;

    /** A session with aiohttp's defaults. */
    public ClientSession() {
        this(SessionOptions.DEFAULT);
    }

    /**
     * A session with {@code options}.
     *
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @throws IllegalArgumentException if a default header is not valid in HTTP
     */
    public ClientSession(SessionOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.connector = options.connector() != null ? options.connector() : new Connector();
        this.ownsConnector = options.connector() == null || options.connectorOwner();
        this.cookieJar = new CookieJar(System::currentTimeMillis, options.unsafeCookies());
        options.cookies().forEach(cookieJar::add);
        Set<String> lower = new HashSet<>();
        for (String name : options.skipAutoHeaders()) {
            lower.add(name.toLowerCase(Locale.ROOT));
        }
        this.skip = Set.copyOf(lower);
        this.defaultBlock = encodeDefaults(options.headers(), skip);
        this.limits = new HttpLimits(options.maxLineSize(), options.maxLineSize(), options.maxHeaderSize(),
                HttpLimits.CLIENT.maxHeaderCount(), HttpLimits.CLIENT.maxChunkLine(), options.maxBodySize());
        this.leak = new Leak();
        this.cleanable = CLEANER.register(this, leak);
        EventLoop running = runningLoopOrNull();
        if (running != null) {
            bind(running);
        }
    }

    private static EventLoop runningLoopOrNull() {
        try {
            return Asyncio.getRunningLoop();
        } catch (IllegalStateException notRunning) {
            return null;
        }
    }

    /** The session's fields and the automatic ones, pre-encoded (all but Cookie, which merges). */
    private static byte[] encodeDefaults(Headers defaults, Set<String> skip) {
        HeadWriter w = new HeadWriter();
        w.startRequest("GET", "/", HttpVersion.HTTP_1_1);
        int start = w.size();
        for (int i = 0; i < defaults.size(); i++) {
            if (!defaults.name(i).equalsIgnoreCase("Cookie")) {
                w.header(defaults.name(i), defaults.value(i));
            }
        }
        for (String[] field : AUTO_HEADERS) {
            if (!defaults.contains(field[0]) && !skip.contains(field[0].toLowerCase(Locale.ROOT))) {
                w.header(field[0], field[1]);
            }
        }
        byte[] head = w.finish();
        return Arrays.copyOfRange(head, start, head.length - 2);
    }

    private static String version() {
        try (InputStream in = ClientSession.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("$")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "dev";
    }

    // ---------------------------------------------------------------- requests

    /**
     * {@code GET url}: aiohttp's {@code session.get(url)}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> get(String url) {
        return request(HttpMethod.GET, url, RequestOptions.DEFAULT);
    }

    /**
     * {@code GET url} with options: aiohttp's {@code session.get(url, **kwargs)}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> get(String url, RequestOptions options) {
        return request(HttpMethod.GET, url, options);
    }

    /**
     * {@code GET url}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> get(Url url, RequestOptions options) {
        return request(HttpMethod.GET, url, options);
    }

    /**
     * {@code POST url}: aiohttp's {@code session.post(url, data=...)}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> post(String url, RequestOptions options) {
        return request(HttpMethod.POST, url, options);
    }

    /**
     * {@code POST url}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> post(Url url, RequestOptions options) {
        return request(HttpMethod.POST, url, options);
    }

    /**
     * {@code PUT url}: aiohttp's {@code session.put(url, data=...)}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> put(String url, RequestOptions options) {
        return request(HttpMethod.PUT, url, options);
    }

    /**
     * {@code PUT url}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> put(Url url, RequestOptions options) {
        return request(HttpMethod.PUT, url, options);
    }

    /**
     * {@code PATCH url}: aiohttp's {@code session.patch(url, data=...)}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> patch(String url, RequestOptions options) {
        return request(HttpMethod.PATCH, url, options);
    }

    /**
     * {@code PATCH url}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> patch(Url url, RequestOptions options) {
        return request(HttpMethod.PATCH, url, options);
    }

    /**
     * {@code DELETE url}: aiohttp's {@code session.delete(url)}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> delete(String url) {
        return request(HttpMethod.DELETE, url, RequestOptions.DEFAULT);
    }

    /**
     * {@code DELETE url} with options.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> delete(String url, RequestOptions options) {
        return request(HttpMethod.DELETE, url, options);
    }

    /**
     * {@code DELETE url}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> delete(Url url, RequestOptions options) {
        return request(HttpMethod.DELETE, url, options);
    }

    /**
     * {@code HEAD url}: aiohttp's {@code session.head(url)}, which does not follow redirects by
     * default.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> head(String url) {
        return request(HttpMethod.HEAD, url, RequestOptions.DEFAULT.withAllowRedirects(false));
    }

    /**
     * {@code HEAD url} with options, which say whether to follow redirects ({@link
     * RequestOptions#DEFAULT} does).
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> head(String url, RequestOptions options) {
        return request(HttpMethod.HEAD, url, options);
    }

    /**
     * {@code HEAD url}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> head(Url url, RequestOptions options) {
        return request(HttpMethod.HEAD, url, options);
    }

    /**
     * {@code OPTIONS url}: aiohttp's {@code session.options(url)}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> options(String url) {
        return request(HttpMethod.OPTIONS, url, RequestOptions.DEFAULT);
    }

    /**
     * {@code OPTIONS url} with options.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> options(String url, RequestOptions options) {
        return request(HttpMethod.OPTIONS, url, options);
    }

    /**
     * {@code OPTIONS url}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> options(Url url, RequestOptions options) {
        return request(HttpMethod.OPTIONS, url, options);
    }

    /**
     * A request with any method: aiohttp's {@code session.request(method, url)}.
     *
     * @param method the method
     * @param url the URL, absolute or relative to the session's base URL
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> request(String method, String url) {
        return request(method, url, RequestOptions.DEFAULT);
    }

    /**
     * A request with any method: aiohttp's {@code session.request(method, url, **kwargs)}. The
     * coroutine, awaited in a task of the session's loop, returns the response once its head
     * has arrived (after following redirects).
     *
     * @param method the method
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response;
     *     awaiting it throws {@link InvalidUrlException} if {@code url} is not an absolute http(s)
     *     URL, even after the base URL; {@link ClientConnectorException} if no connection could be
     *     opened; {@link ServerDisconnectedException} if the server closed without answering;
     *     {@link ClientResponseException} if the response head is malformed, or its status 400 or
     *     more with {@code raiseForStatus}; {@link TooManyRedirectsException} after {@code
     *     maxRedirects} redirects; {@link ClientTimeoutException} if a time limit expired
     * @throws IllegalStateException (when awaited) if the session is closed
     */
    public Coroutine<ClientResponse> request(String method, String url, RequestOptions options) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(options, "options");
        return async("ClientSession.request", () -> send(method, buildUrl(url), options));
    }

    /**
     * {@link #request(String, String, RequestOptions)} with a {@link Url}.
     *
     * @param method the method
     * @param url the URL, absolute or relative to the session's base URL
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return a coroutine to await for the response
     */
    public Coroutine<ClientResponse> request(String method, Url url, RequestOptions options) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(options, "options");
        return async("ClientSession.request", () -> send(method, joinBase(url), options));
    }

    private Url buildUrl(String text) throws InvalidUrlException {
        Url url;
        try {
            url = Url.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidUrlException(text, e.getMessage(), e);
        }
        return joinBase(url);
    }

    private Url joinBase(Url url) {
        Url base = options.baseUrl();
        return base != null && !url.isAbsolute() ? base.join(url) : url;
    }

    private ClientResponse send(String method, Url url, RequestOptions o) throws Exception {
        if (closed) {
            throw new IllegalStateException("Session is closed");
        }
        EventLoop current = bind(Asyncio.getRunningLoop());
        String m = method.toUpperCase(Locale.ROOT);
        if (!HttpMethod.isValid(m)) {
            throw new IllegalArgumentException("invalid method '" + method + "'");
        }
        if (!o.params().isEmpty()) {
            url = url.extendQuery(o.params());
        }
        ClientTimeout timeout = o.timeout() != null ? o.timeout() : options.timeout();
        boolean decompress = o.autoDecompress() != null ? o.autoDecompress() : options.autoDecompress();
        ClientRequest req = firstHop(m, url, o);
        RequestState st = new RequestState(current, timeout, req);
        try {
            int redirects = 0;
            while (true) {
                ClientResponse resp = exchange(req, st, decompress);
                if (resp.headers().contains("Set-Cookie")) {
                    cookieJar.update(resp.headers(), resp.url());
                }
                int status = resp.status();
                if (o.allowRedirects() && (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)) {
                    String location = resp.headers().get("Location");
                    if (location == null) {
                        location = resp.headers().get("URI");
                    }
                    boolean toGet = (status == 303 && !req.method.equals(HttpMethod.HEAD))
                            || ((status == 301 || status == 302) && req.method.equals(HttpMethod.POST));
                    if (location != null && (toGet || req.replayable())) {
                        List<ClientResponse> history = req.history();
                        history.add(resp);
                        redirects++;
                        if (o.maxRedirects() > 0 && redirects >= o.maxRedirects()) {
                            resp.release();
                            resp.setHistory(history.subList(0, history.size() - 1));
                            throw new TooManyRedirectsException(history.get(0).requestInfo(), history);
                        }
                        resp.setHistory(history.subList(0, history.size() - 1));
                        resp.release();
                        req = req.redirect(redirectTarget(req.url, location), toGet ? HttpMethod.GET : req.method, toGet);
                        st.request = req;
                        continue;
                    }
                }
                resp.setHistory(req.history());
                boolean raise = o.raiseForStatus() != null ? o.raiseForStatus() : options.raiseForStatus();
                if (raise) {
                    resp.raiseForStatus();
                }
                st.returned(resp.exchange());
                return resp;
            }
        } catch (Throwable e) {
            st.failed();
            throw e;
        }
    }

    private static Url redirectTarget(Url from, String location) throws InvalidUrlException {
        Url target;
        try {
            target = Url.parse(location);
        } catch (IllegalArgumentException e) {
            throw new InvalidUrlException(location,
                    "Server attempted redirecting to a location that does not look like a URL", e);
        }
        String scheme = target.scheme();
        if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidUrlException(location, "Can redirect only to http or https");
        }
        return scheme == null ? from.join(target) : target;
    }

    private ClientRequest firstHop(String method, Url url, RequestOptions o) throws Exception {
        Headers defaults = options.headers();
        MutableHeaders merged = null;
        if (!o.headers().isEmpty()) {
            merged = defaults.toMutable();
            Set<String> replaced = new HashSet<>();
            for (int i = 0; i < o.headers().size(); i++) {
                String name = o.headers().name(i);
                if (replaced.add(name.toLowerCase(Locale.ROOT))) {
                    merged.set(name, o.headers().value(i));
                } else {
                    merged.add(name, o.headers().value(i));
                }
            }
        }
        Set<String> skipped = skip;
        if (!o.skipAutoHeaders().isEmpty()) {
            Set<String> all = new HashSet<>(skip);
            for (String name : o.skipAutoHeaders()) {
                all.add(name.toLowerCase(Locale.ROOT));
            }
            skipped = Set.copyOf(all);
        }
        byte[] body = null;
        AsyncIterable<byte[]> stream = null;
        String contentType = null;
        if (o.json() != null) {
            body = options.jsonMapper().writeValueAsBytes(o.json());
            contentType = "application/json";
        } else if (o.data() != null) {
            body = o.data().bytesOrNull();
            stream = o.data().streamOrNull();
            contentType = o.data().contentType();
        }
        BasicAuth auth = o.auth();
        if (auth == null && options.auth() != null
                && (options.baseUrl() == null || ClientRequest.sameOrigin(options.baseUrl(), url))) {
            auth = options.auth();
        }
        Url proxy = o.proxy() != null ? o.proxy() : options.proxy();
        BasicAuth proxyAuth = o.proxyAuth() != null ? o.proxyAuth() : o.proxy() == null ? options.proxyAuth() : null;
        return new ClientRequest(this, method, url, merged, body, stream, contentType, auth, o.cookies(), proxy,
                proxyAuth, o.proxyHeaders(), skipped, o.skipAutoHeaders().isEmpty(), o.ssl(), new ArrayList<>(0));
    }

    /**
     * One hop: a connection, the request written, the response head awaited. A pooled
     * connection the server had closed meanwhile (nothing came back) is replaced by a new one,
     * once, when the request may be repeated.
     */
    private ClientResponse exchange(ClientRequest req, RequestState st, boolean decompress) throws Exception {
        boolean retried = false;
        while (true) {
            HttpConnection c = connector.acquire(req.key, st, retried);
            if (c.state == HttpConnection.State.CLOSED || c.transport.isClosing()) {
                // The server closed it between its handing over and now: nothing was sent.
                c.abort();
                if (!retried && c.uses > 0 && HttpMethod.isIdempotent(req.method) && req.replayable()) {
                    retried = true;
                    continue;
                }
                throw new ServerDisconnectedException();
            }
            Exchange ex = new Exchange(st, c, c.uses > 0, decompress, limits.maxBodySize(), options.readBufferSize());
            st.exchange = ex;
            c.begin(ex, req.method, limits, st.sockRead);
            ResponseHead head;
            try {
                req.write(c, ex);
                head = st.await(ex.headFuture);
            } catch (ServerDisconnectedException | ClientOSException e) {
                ex.abortConnection();
                if (!retried && ex.reused && !ex.gotBytes && HttpMethod.isIdempotent(req.method) && req.replayable()) {
                    retried = true;
                    continue;
                }
                throw e;
            } catch (Throwable e) {
                ex.abandon(e instanceof Exception x ? x : new ClientConnectionException(e.toString(), e));
                throw e;
            }
            return new ClientResponse(this, req, ex, head);
        }
    }

    // ---------------------------------------------------------------- state

    private EventLoop bind(EventLoop current) {
        if (loop == null) {
            loop = current;
            leak.loop = current;
            if (current.getDebug()) {
                leak.creation = new Throwable("ClientSession created here").getStackTrace();
            }
        } else if (loop != current) {
            throw new IllegalStateException("the session is bound to another event loop: " + loop);
        }
        connector.bind(current);
        return current;
    }

    /**
     * The options the session was made with.
     *
     * @return the options the session was made with
     */
    public SessionOptions options() {
        return options;
    }

    /**
     * The connection pool. In aiohttp: {@code session.connector}.
     *
     * @return the connection pool
     */
    public Connector connector() {
        return connector;
    }

    /**
     * The default headers: aiohttp's {@code session.headers}.
     *
     * @return the default headers
     */
    public Headers defaultHeaders() {
        return options.headers();
    }

    byte[] defaultBlock() {
        return defaultBlock;
    }

    CookieJar cookieJar() {
        return cookieJar;
    }

    /**
     * The cookies the session would send to {@code url}, name to value: aiohttp's {@code
     * cookie_jar.filter_cookies(url)}.
     *
     * @param url the URL, absolute or relative to the session's base URL
     * @return the cookies the session would send to {@code url}, name to value
     */
    public Map<String, String> cookies(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Cookie c : cookieJar.filter(Url.parse(url))) {
            out.put(c.name(), c.value());
        }
        return out;
    }

    /**
     * Adds cookies sent to every host: aiohttp's {@code cookie_jar.update_cookies(...)}.
     *
     * @param cookies the cookies
     */
    public void updateCookies(Map<String, String> cookies) {
        cookies.forEach(cookieJar::add);
    }

    /** Forgets every cookie: aiohttp's {@code cookie_jar.clear()}. */
    public void clearCookies() {
        cookieJar.clear();
    }

    /**
     * Whether the session is closed: aiohttp's {@code closed}.
     *
     * @return whether the session is closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the session and, unless it was given a connector it does not own, its connections:
     * aiohttp's {@code close()}. Waits until they are closed. Closing twice does nothing more.
     */
    @Override
    public Coroutine<Void> aclose() {
        return async("ClientSession.aclose", () -> {
            if (!closed) {
                closed = true;
                leak.closed = true;
                cleanable.clean();
            }
            if (ownsConnector) {
                Asyncio.await(connector.aclose());
            }
        });
    }

    @Override
    public String toString() {
        return "ClientSession[" + (closed ? "closed" : "open") + ", " + connector + "]";
    }

    /** The report of a session collected while open; holds nothing of the session itself. */
    private static final class Leak implements Runnable {
        volatile boolean closed;
        volatile EventLoop loop;
        volatile StackTraceElement[] creation;

        @Override
        public void run() {
            if (closed) {
                return;
            }
            ExceptionContext context = ExceptionContext.of("Unclosed client session", null)
                    .with("client_session", "ClientSession[unclosed]")
                    .with("source_traceback", creation);
            EventLoop target = loop;
            if (target == null) {
                System.getLogger("dev.asyncio4j.http").log(System.Logger.Level.WARNING, "Unclosed client session");
                return;
            }
            try {
                if (target.isRunning()) {
                    target.callSoonThreadsafe(() -> target.callExceptionHandler(context));
                    return;
                }
            } catch (RuntimeException closedMeanwhile) {
                // The loop closed between the test and the call: report from here.
            }
            target.callExceptionHandler(context);
        }
    }
}
