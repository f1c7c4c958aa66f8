package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.HttpMethod;
import dev.asyncio4j.http.HttpVersion;
import dev.asyncio4j.http.MultiDict;
import dev.asyncio4j.http.Url;
import dev.asyncio4j.http.internal.BodyFraming;
import dev.asyncio4j.http.internal.FormEncoding;
import dev.asyncio4j.http.internal.HeaderValue;
import dev.asyncio4j.http.internal.HttpParseException;
import dev.asyncio4j.http.internal.Json;
import dev.asyncio4j.http.internal.MultipartParser;
import dev.asyncio4j.http.internal.PercentCodec;
import dev.asyncio4j.http.internal.RequestHead;
import dev.asyncio4j.net.Transport;
import dev.asyncio4j.stream.StreamReader;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as a handler sees it: aiohttp's {@code web.Request}.
 *
 * <pre>{@code
 * app.router().post("/users/{id}", request -> async(() -> {
 *     String id = request.matchInfo().get("id");
 *     String page = request.query().get("page", "1");
 *     JsonNode body = await(request.json());
 *     return Response.json(Map.of("id", id, "name", body.get("name").asText()));
 * }));
 * }</pre>
 *
 * <p>The head (method, target, headers) is there at once; the body arrives as the client sends
 * it. Read it whole with {@link #read()}, {@link #text()}, {@link #json()} or {@link #post()}
 * (each bounded by the application's {@link Application#clientMaxSize() client max size}: 413
 * over it), or as a stream with {@link #content()}. An {@code Expect: 100-continue} request is
 * told to send its body when the handler first asks for it.
 *
 * <p>Loop-confined.
 */
public final class Request {
    private static final byte[] EMPTY = new byte[0];

    private final HttpConnection connection;
    private final RequestHead head;
    final long startNanos;
    // The matched route's parameters (Map.of() for a plain route).
    Map<String, String> matchInfo = Map.of();
    Route route;
    // The body as it arrives; null for a request without one (until content() makes an empty one).
    StreamReader content;
    boolean bodyComplete;
    boolean continueSent;
    // The handler is done with it: the rest of the body is dropped as it arrives.
    boolean dropBody;
    Task<Void> task;
    StreamResponse response;
    private byte[] body;
    private String path;
    private MultiDict query;
    private Map<String, String> cookies;
    private Map<String, Object> state;

    Request(HttpConnection connection, RequestHead head, long startNanos) {
        this.connection = connection;
        this.head = head;
        this.startNanos = startNanos;
        if (head.framing() == BodyFraming.NONE) {
            bodyComplete = true;
        } else {
            StreamReader reader = new StreamReader(StreamReader.DEFAULT_LIMIT, connection.loop());
            reader.setTransport(connection.transport());
            content = reader;
        }
    }

    HttpConnection connection() {
        return connection;
    }

    RequestHead head() {
        return head;
    }

    // ---- the head ---------------------------------------------------------------------------

    /**
     * The method, {@code GET}; the standard ones are the {@link HttpMethod} constants themselves.
     * In aiohttp: {@code request.method}.
     *
     * @return the method, {@code GET}; the standard ones are the {@link HttpMethod} constants
     *     themselves
     */
    public String method() {
        return head.method();
    }

    /**
     * The HTTP version of the request. In aiohttp: {@code request.version}.
     *
     * @return the HTTP version of the request
     */
    public HttpVersion version() {
        return head.version();
    }

    /**
     * The request target as sent: path and query, {@code /a%20b?x=1} (aiohttp's {@code path_qs},
     * raw).
     *
     * @return the request target as sent: path and query, {@code /a%20b?x=1} (aiohttp's {@code
     *     path_qs}, raw)
     */
    public String pathQs() {
        return head.target();
    }

    /**
     * The path as sent, percent-encoded: aiohttp's {@code raw_path} without the query.
     *
     * @return the path as sent, percent-encoded
     */
    public String rawPath() {
        return head.path();
    }

    /**
     * The path, percent-decoded: aiohttp's {@code path}.
     *
     * @return the path, percent-decoded
     */
    public String path() {
        String p = path;
        if (p == null) {
            String raw = head.path();
            p = raw.indexOf('%') < 0 ? raw : PercentCodec.decode(raw, false);
            path = p;
        }
        return p;
    }

    /**
     * The query string after {@code ?}, as sent, or "": aiohttp's {@code query_string}.
     *
     * @return the query string after {@code ?}, as sent, or ""
     */
    public String queryString() {
        return head.queryString();
    }

    /**
     * The query parameters, decoded, in order: aiohttp's {@code query}.
     *
     * @return the query parameters, decoded, in order
     */
    public MultiDict query() {
        MultiDict q = query;
        if (q == null) {
            String qs = head.queryString();
            q = qs.isEmpty() ? MultiDict.EMPTY : FormEncoding.decode(qs);
            query = q;
        }
        return q;
    }

    /**
     * The request headers, as received. In aiohttp: {@code request.headers}.
     *
     * @return the request headers, as received
     */
    public Headers headers() {
        return head.headers();
    }

    /**
     * The first value of header {@code name}, or null. In aiohttp: {@code request.headers.get(name)}.
     *
     * @param name the name
     * @return the first value of header {@code name}, or null
     */
    public String header(String name) {
        return head.headers().get(name);
    }

    /**
     * The {@code Host} header, or the local address when absent (HTTP/1.0): aiohttp's {@code host}.
     *
     * @return the {@code Host} header, or the local address when absent (HTTP/1.0)
     */
    public String host() {
        String host = head.headers().get("Host");
        if (host != null) {
            return host;
        }
        Object local = connection.transport().getExtraInfo("sockname");
        return local instanceof InetSocketAddress a ? a.getHostString() + ":" + a.getPort() : "localhost";
    }

    /**
     * {@code "http"}: aiohttp's {@code scheme} (TLS is not served yet).
     *
     * @return {@code "http"}
     */
    public String scheme() {
        return "http";
    }

    /**
     * The absolute URL: scheme, host and target. In aiohttp: {@code request.url}.
     *
     * @return the absolute URL: scheme, host and target
     */
    public Url url() {
        String target = head.target();
        return target.startsWith("/") ? Url.parse(scheme() + "://" + host() + target) : Url.parse(target);
    }

    /**
     * The parameters the route's pattern matched ({@code {name}} to value), decoded:
     * aiohttp's {@code match_info}.
     *
     * @return the parameters the route's pattern matched ({@code {name}} to value), decoded
     */
    public Map<String, String> matchInfo() {
        return matchInfo;
    }

    /**
     * The route that matched, or null (404 and 405 answers, static file routes show theirs).
     * In aiohttp: {@code request.match_info.route}.
     *
     * @return the route that matched, or null (404 and 405 answers, static file routes show theirs)
     */
    public Route route() {
        return route;
    }

    /**
     * The application serving this request. In aiohttp: {@code request.app}.
     *
     * @return the application serving this request
     */
    public Application app() {
        return connection.server().app;
    }

    /**
     * The loop the request is served on.
     *
     * @return the loop the request is served on
     */
    public EventLoop loop() {
        return connection.loop();
    }

    /**
     * The connection's transport: aiohttp's {@code transport}.
     *
     * @return the connection's transport
     */
    public Transport transport() {
        return connection.transport();
    }

    /**
     * The client's IP address, or null when unknown: aiohttp's {@code remote}.
     *
     * @return the client's IP address, or null when unknown
     */
    public String remote() {
        return connection.remote();
    }

    /**
     * The client's socket address, or null. In aiohttp: {@code request.transport.get_extra_info("peername")}.
     *
     * @return the client's socket address, or null
     */
    public SocketAddress remoteAddress() {
        Object peer = connection.transport().getExtraInfo("peername");
        return peer instanceof SocketAddress a ? a : null;
    }

    /**
     * Whether the connection may serve another request after this one (the client's view).
     * In aiohttp: {@code request.keep_alive}.
     *
     * @return whether the connection may serve another request after this one (the client's view)
     */
    public boolean keepAlive() {
        return head.keepAlive();
    }

    /**
     * The {@code Content-Type} without parameters, {@code application/octet-stream} when absent.
     * In aiohttp: {@code request.content_type}.
     *
     * @return the {@code Content-Type} without parameters, {@code application/octet-stream} when
     *     absent
     */
    public String contentType() {
        String v = head.headers().get("Content-Type");
        return v == null ? "application/octet-stream" : HeaderValue.parse(v).value();
    }

    /**
     * The {@code charset} parameter of {@code Content-Type}, or null. In aiohttp: {@code request.charset}.
     *
     * @return the {@code charset} parameter of {@code Content-Type}, or null
     */
    public String charset() {
        String v = head.headers().get("Content-Type");
        return v == null ? null : HeaderValue.parse(v).param("charset");
    }

    /**
     * The {@code Content-Length}, or -1 when absent (chunked or no body).
     * In aiohttp: {@code request.content_length}.
     *
     * @return the {@code Content-Length}, or -1 when absent (chunked or no body)
     */
    public long contentLength() {
        return head.contentLength();
    }

    /**
     * Whether the request has a body (possibly empty): aiohttp's {@code body_exists}.
     *
     * @return whether the request has a body (possibly empty)
     */
    public boolean hasBody() {
        return head.framing() != BodyFraming.NONE;
    }

    /**
     * Whether body bytes remain to be read: aiohttp's {@code can_read_body}.
     *
     * @return whether body bytes remain to be read
     */
    public boolean canReadBody() {
        return content != null && !content.atEof();
    }

    /**
     * The cookies the client sent ({@code Cookie} header), by name. In aiohttp: {@code request.cookies}.
     *
     * @return the cookies the client sent ({@code Cookie} header), by name
     */
    public Map<String, String> cookies() {
        Map<String, String> c = cookies;
        if (c == null) {
            c = parseCookies(head.headers().getAll("Cookie"));
            cookies = c;
        }
        return c;
    }

    private static Map<String, String> parseCookies(List<String> headers) {
        if (headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                out.putIfAbsent(name, value);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Per-request values shared between middlewares and handlers (aiohttp's {@code request[key]},
     * a {@code MutableMapping}).
     *
     * @return the request's values, mutable
     */
    public Map<String, Object> state() {
        Map<String, Object> s = state;
        if (s == null) {
            s = new HashMap<>();
            state = s;
        }
        return s;
    }

    // ---- the body ---------------------------------------------------------------------------

    /**
     * The body as a stream: aiohttp's {@code content}. Read it with the reader's coroutines
     * ({@code read(n)}, {@code readline()}, {@code readexactly(n)}, or for-each over its lines);
     * it ends when the body does. Reading it is not bounded by the client max size.
     *
     * @return the body as a stream
     */
    public StreamReader content() {
        StreamReader reader = content;
        if (reader == null) {
            reader = new StreamReader(StreamReader.DEFAULT_LIMIT, connection.loop());
            reader.feedEof();
            content = reader;
        }
        connection.sendContinueIfExpected(this);
        return reader;
    }

    /**
     * The whole body, at most the application's client max size: aiohttp's {@code read()}. Read
     * once; later calls return the same bytes.
     *
     * @return the whole body, at most the application's client max size;
     *     awaiting it throws {@link java.net.SocketException} when the client went away mid-body
     * @throws HttpException (when awaited) 413 when the body is larger; 400 when it is malformed
     */
    public Coroutine<byte[]> read() {
        return async(this::readNow);
    }

    private byte[] readNow() throws Exception {
        if (body != null) {
            return body;
        }
        long max = app().clientMaxSize();
        if (head.contentLength() > max) {
            throw HttpException.requestEntityTooLarge(max, head.contentLength());
        }
        if (content == null) {
            body = EMPTY;
            return body;
        }
        StreamReader reader = content();
        byte[] all = EMPTY;
        int size = 0;
        while (true) {
            byte[] chunk = await(reader.read(StreamReader.DEFAULT_LIMIT));
            if (chunk.length == 0) {
                break;
            }
            if (size + (long) chunk.length > max) {
                throw HttpException.requestEntityTooLarge(max, -1);
            }
            if (size == 0 && all.length == 0) {
                all = chunk;
            } else {
                if (size + chunk.length > all.length) {
                    all = java.util.Arrays.copyOf(all, Math.max(size + chunk.length, 2 * all.length));
                }
                System.arraycopy(chunk, 0, all, size, chunk.length);
            }
            size += chunk.length;
        }
        body = all.length == size ? all : java.util.Arrays.copyOf(all, size);
        return body;
    }

    /**
     * The body decoded with the {@code Content-Type} charset (UTF-8 by default): aiohttp's {@code
     * text()}.
     *
     * @return the body decoded with the {@code Content-Type} charset (UTF-8 by default)
     */
    public Coroutine<String> text() {
        return async(() -> new String(readNow(), charsetOr(StandardCharsets.UTF_8)));
    }

    private Charset charsetOr(Charset fallback) {
        String v = head.headers().get("Content-Type");
        return v == null ? fallback : HeaderValue.parse(v).charset(fallback);
    }

    /**
     * The body parsed as JSON with Jackson: aiohttp's {@code json()}.
     *
     * @return the body parsed as JSON with Jackson
     * @throws HttpException (when awaited) 400 when the body is not JSON
     */
    public Coroutine<JsonNode> json() {
        return async(() -> {
            byte[] bytes = readNow();
            try {
                return Json.MAPPER.readTree(bytes);
            } catch (JacksonException e) {
                throw HttpException.badRequest("invalid JSON body: " + e.getOriginalMessage());
            }
        });
    }

    /**
     * The body bound to {@code type} with Jackson; see {@link #json()}.
     * In aiohttp: {@code await request.json(loads=...)}.
     *
     * @param <T> the type to read the JSON into
     * @param type the class
     * @return the body bound to {@code type} with Jackson; see {@link #json()}
     */
    public <T> Coroutine<T> json(Class<T> type) {
        return async(() -> {
            byte[] bytes = readNow();
            try {
                return Json.MAPPER.readValue(bytes, type);
            } catch (JacksonException e) {
                throw HttpException.badRequest("invalid JSON body: " + e.getOriginalMessage());
            }
        });
    }

    /**
     * The submitted form, {@code application/x-www-form-urlencoded} or {@code multipart/form-data}:
     * aiohttp's {@code post()}. Other content types, and methods without a body, give an empty form.
     *
     * @return the submitted form, {@code application/x-www-form-urlencoded} or {@code
     *     multipart/form-data}
     * @throws HttpException (when awaited) 413 over the client max size, 400 for a malformed body
     */
    public Coroutine<Form> post() {
        return async(() -> {
            String method = head.method();
            if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                    || method == HttpMethod.TRACE) {
                return Form.EMPTY;
            }
            String type = contentType();
            if (type.equals("application/x-www-form-urlencoded")) {
                byte[] bytes = readNow();
                return new Form(FormEncoding.decode(bytes, 0, bytes.length), List.of());
            }
            if (!type.equals("multipart/form-data")) {
                return Form.EMPTY;
            }
            byte[] bytes = readNow();
            List<MultipartParser.Part> parts;
            try {
                parts = MultipartParser.parseAll(head.headers().get("Content-Type"), bytes,
                        MultipartParser.Limits.DEFAULT);
            } catch (HttpParseException | IllegalArgumentException e) {
                throw HttpException.badRequest("malformed multipart body: " + e.getMessage());
            }
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            List<FileField> files = new ArrayList<>();
            for (MultipartParser.Part part : parts) {
                String name = part.name();
                if (name == null) {
                    continue;
                }
                if (part.filename() != null) {
                    String ct = part.contentType();
                    files.add(new FileField(name, part.filename(), ct == null ? "application/octet-stream" : ct,
                            part.headers(), part.data()));
                } else {
                    fields.add(Map.entry(name, part.text()));
                }
            }
            return new Form(MultiDict.ofEntries(fields), files);
        });
    }

    @Override
    public String toString() {
        return "Request[" + head.method() + " " + head.target() + "]";
    }
}
