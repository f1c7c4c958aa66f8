package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.async;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncio4j.AsyncCloseable;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.HttpStatus;
import dev.asyncio4j.http.HttpVersion;
import dev.asyncio4j.http.Url;
import dev.asyncio4j.http.internal.Cookie;
import dev.asyncio4j.http.internal.HeaderValue;
import dev.asyncio4j.http.internal.ResponseHead;
import dev.asyncio4j.stream.StreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A response of a {@link ClientSession}: aiohttp's {@code ClientResponse}. It is returned once
 * its status line and headers have arrived; its body is read with {@link #read()},
 * {@link #text()} or {@link #json()}, or streamed from {@link #content()}. Close it (the
 * tutorial's {@code async with}) when done:
 *
 * <pre>{@code
 * try (var response = await(session.get(url))) {          // async with session.get(url) as response:
 *     if (response.status() == 200) {
 *         JsonNode listing = await(response.json());        //     data = await response.json()
 *     }
 * }
 * }</pre>
 *
 * <p>A body received whole is buffered, and its connection went back to the pool as soon as its
 * last byte arrived; closing such a response costs nothing. Closing one whose body is still
 * arriving closes that connection, since its unread rest cannot be skipped.
 *
 * <p>Loop-confined.
 */
public final class ClientResponse implements AsyncCloseable {
    private static final Pattern JSON_TYPE = Pattern.compile("^application/(?:[\\w.+-]+?\\+)?json");

    private final ClientSession session;
    private final ClientRequest request;
    private final Exchange exchange;
    private final ResponseHead head;
    private List<ClientResponse> history = List.of();
    private HeaderValue contentType;

    ClientResponse(ClientSession session, ClientRequest request, Exchange exchange, ResponseHead head) {
        this.session = session;
        this.request = request;
        this.exchange = exchange;
        this.head = head;
    }

    Exchange exchange() {
        return exchange;
    }

    void setHistory(List<ClientResponse> redirects) {
        history = List.copyOf(redirects);
    }

    // ---------------------------------------------------------------- head

    /**
     * The status code: aiohttp's {@code status}.
     *
     * @return the status code
     */
    public int status() {
        return head.status();
    }

    /**
     * The reason phrase as the server sent it ("" if none): aiohttp's {@code reason}.
     *
     * @return the reason phrase as the server sent it ("" if none)
     */
    public String reason() {
        return head.reason();
    }

    /**
     * The header fields (case-insensitive, multi-valued): aiohttp's {@code headers}.
     *
     * @return the header fields (case-insensitive, multi-valued)
     */
    public Headers headers() {
        return head.headers();
    }

    /**
     * The response's HTTP version: aiohttp's {@code version}.
     *
     * @return the response's HTTP version
     */
    public HttpVersion version() {
        return head.version();
    }

    /**
     * The method of the request this answers: aiohttp's {@code method}.
     *
     * @return the method of the request this answers
     */
    public String method() {
        return request.method;
    }

    /**
     * The URL this answers (after redirects; without fragment): aiohttp's {@code url}.
     *
     * @return the URL this answers (after redirects; without fragment)
     */
    public Url url() {
        return request.url;
    }

    /**
     * The URL as requested, fragment included: aiohttp's {@code real_url}.
     *
     * @return the URL as requested, fragment included
     */
    public Url realUrl() {
        return request.realUrl;
    }

    /**
     * The redirect responses that led here, oldest first: aiohttp's {@code history}.
     *
     * @return the redirect responses that led here, oldest first
     */
    public List<ClientResponse> history() {
        return history;
    }

    /**
     * The request this answers: aiohttp's {@code request_info}.
     *
     * @return the request this answers
     */
    public RequestInfo requestInfo() {
        return request.requestInfo();
    }

    /**
     * Whether the status is below 400: aiohttp's {@code ok}.
     *
     * @return whether the status is below 400
     */
    public boolean ok() {
        return head.status() < 400;
    }

    /**
     * The media type of {@code Content-Type} in lower case, without parameters;
     * {@code application/octet-stream} when absent: aiohttp's {@code content_type}.
     *
     * @return the media type of {@code Content-Type} in lower case, without parameters; {@code
     *     application/octet-stream} when absent
     */
    public String contentType() {
        String type = parsedContentType().value();
        return type.isEmpty() ? "application/octet-stream" : type;
    }

    /**
     * The {@code charset} parameter of {@code Content-Type}, or null: aiohttp's {@code charset}.
     *
     * @return the {@code charset} parameter of {@code Content-Type}, or null
     */
    public String charset() {
        String charset = parsedContentType().param("charset");
        return charset == null ? null : charset.toLowerCase(Locale.ROOT);
    }

    /**
     * The {@code Content-Length}, or -1 when absent: aiohttp's {@code content_length}.
     *
     * @return the {@code Content-Length}, or -1 when absent
     */
    public long contentLength() {
        return head.contentLength();
    }

    /**
     * The cookies this response sets (name to value): aiohttp's {@code cookies}.
     *
     * @return the cookies this response sets (name to value)
     */
    public Map<String, String> cookies() {
        Map<String, String> out = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        for (String field : head.headers().getAll("Set-Cookie")) {
            Cookie c = Cookie.parse(field, request.url, now);
            if (c != null) {
                out.put(c.name(), c.value());
            }
        }
        return out;
    }

    private HeaderValue parsedContentType() {
        if (contentType == null) {
            contentType = HeaderValue.parse(head.headers().get("Content-Type"));
        }
        return contentType;
    }

    // ---------------------------------------------------------------- body

    /**
     * The whole body, once it has arrived (decoded from gzip or deflate unless the session says
     * not to): aiohttp's {@code read()}. Later calls return the same array.
     *
     * @return the whole body, once it has arrived (decoded from gzip or deflate unless the session
     *     says not to); awaiting it throws {@link ClientPayloadException} if the body was cut short
     *     or malformed; {@link ClientConnectionException} if the response was released before its
     *     body arrived; {@link ClientTimeoutException} if a time limit expired meanwhile
     */
    public Coroutine<byte[]> read() {
        return async("ClientResponse.read", exchange::readAll);
    }

    /**
     * The body as text in the charset of {@code Content-Type} (UTF-8 when it names none or one
     * Java does not know): aiohttp's {@code text()}. Bytes that are not valid in that charset
     * fail, as Python's strict decoding does.
     *
     * @return the body as text in the charset of {@code Content-Type} (UTF-8 when it names none or
     *     one Java does not know); awaiting it throws {@link
     *     java.nio.charset.CharacterCodingException} if the bytes are not valid in the charset
     */
    public Coroutine<String> text() {
        return async("ClientResponse.text", () -> decode(exchange.readAll(), encoding()));
    }

    /**
     * The body as text in {@code charset}: aiohttp's {@code text(encoding=...)}.
     *
     * @param charset the charset
     * @return the body as text in {@code charset}
     */
    public Coroutine<String> text(Charset charset) {
        return async("ClientResponse.text", () -> decode(exchange.readAll(), charset));
    }

    /** aiohttp's {@code get_encoding()}: the charset given, else UTF-8. */
    Charset encoding() {
        return parsedContentType().charset(StandardCharsets.UTF_8);
    }

    private static String decode(byte[] body, Charset charset) throws java.nio.charset.CharacterCodingException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(body)).toString();
    }

    /**
     * The body parsed as JSON into a tree, or null when the body is empty: aiohttp's
     * {@code json()}. The {@code Content-Type} must be JSON ({@code application/json} or
     * {@code application/<something>+json}).
     *
     * @return the body parsed as JSON into a tree, or null when the body is empty;
     *     awaiting it throws {@link ContentTypeException} if the type is not JSON; {@link
     *     com.fasterxml.jackson.core.JsonProcessingException} if the body is not JSON
     */
    public Coroutine<JsonNode> json() {
        return async("ClientResponse.json", () -> {
            String text = jsonText("application/json");
            return text == null ? null : mapper().readTree(text);
        });
    }

    /**
     * The body as JSON bound to {@code type} (Jackson data binding), or null when empty.
     * In aiohttp: {@code await response.json(loads=...)}.
     *
     * @param <T> the type to read the JSON into
     * @param type the class
     * @return the body as JSON bound to {@code type} (Jackson data binding), or null when empty
     */
    public <T> Coroutine<T> json(Class<T> type) {
        return async("ClientResponse.json", () -> {
            String text = jsonText("application/json");
            return text == null ? null : mapper().readValue(text, type);
        });
    }

    /**
     * The body as JSON bound to a generic type, or null when empty.
     * In aiohttp: {@code await response.json(loads=...)}.
     *
     * @param <T> the type to read the JSON into
     * @param type the class
     * @return the body as JSON bound to a generic type, or null when empty
     */
    public <T> Coroutine<T> json(TypeReference<T> type) {
        return async("ClientResponse.json", () -> {
            String text = jsonText("application/json");
            return text == null ? null : mapper().readValue(text, type);
        });
    }

    /**
     * The body as JSON into a tree, checking {@code Content-Type} against
     * {@code expectedContentType} (null: not checked): aiohttp's {@code json(content_type=...)}.
     *
     * @param expectedContentType the media type expected (null: not checked)
     * @return the body as JSON into a tree, checking {@code Content-Type} against {@code
     *     expectedContentType} (null: not checked)
     */
    public Coroutine<JsonNode> json(String expectedContentType) {
        return async("ClientResponse.json", () -> {
            String text = jsonText(expectedContentType);
            return text == null ? null : mapper().readTree(text);
        });
    }

    private ObjectMapper mapper() {
        return session.options().jsonMapper();
    }

    private String jsonText(String expected) throws Exception {
        byte[] body = exchange.readAll();
        if (expected != null) {
            String type = head.headers().get("Content-Type", "").toLowerCase(Locale.ROOT);
            boolean matches = expected.equals("application/json") ? JSON_TYPE.matcher(type).lookingAt()
                    : type.contains(expected.toLowerCase(Locale.ROOT));
            if (!matches) {
                throw new ContentTypeException(requestInfo(), history, status(),
                        "Attempt to decode JSON with unexpected mimetype: " + type, headers());
            }
        }
        String text = decode(body, encoding());
        return text.isBlank() ? null : text;
    }

    /**
     * The body as a stream, for bodies too large to hold: aiohttp's {@code content}. Reading
     * from it reads from the connection, with back-pressure. Bytes already buffered come first;
     * after {@link #read()} the stream is at its end.
     *
     * @return the body as a stream, for bodies too large to hold
     */
    public StreamReader content() {
        return exchange.stream();
    }

    // ---------------------------------------------------------------- status and release

    /**
     * Raises unless the status is below 400, releasing the response first: aiohttp's
     * {@code raise_for_status()}.
     *
     * @throws ClientResponseException with the status, reason and this response's request
     */
    public void raiseForStatus() throws ClientResponseException {
        if (!ok()) {
            release();
            throw new ClientResponseException(requestInfo(), history, status(), reason(), headers());
        }
    }

    /**
     * Done with the response: aiohttp's {@code release()}. A body still arriving is abandoned
     * and its connection closed; a complete one stays readable. Releasing twice does nothing.
     */
    public void release() {
        exchange.release();
    }

    /**
     * Whether {@link #release()} was called: aiohttp's {@code closed}.
     *
     * @return whether {@link #release()} was called
     */
    public boolean isClosed() {
        return exchange.isReleased();
    }

    /** {@link #release()}, as a coroutine: the end of {@code async with}. */
    @Override
    public Coroutine<Void> aclose() {
        return async("ClientResponse.aclose", this::release);
    }

    /** {@link #release()} at once: releasing never waits, so try-with-resources needs no task here.
     * In aiohttp: the end of {@code async with response} (which releases, unlike {@code close()}).
     */
    @Override
    public void close() {
        release();
    }

    /** {@code <ClientResponse(http://example.com/) [200 OK]>}, as aiohttp shows it. */
    @Override
    public String toString() {
        String reason = head.reason().isEmpty() ? HttpStatus.reason(head.status()) : head.reason();
        return "<ClientResponse(" + request.realUrl + ") [" + head.status() + " " + reason + "]>";
    }
}
