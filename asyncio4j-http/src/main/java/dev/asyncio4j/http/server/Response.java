package dev.asyncio4j.http.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncio4j.http.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A response whose whole body is known when the handler returns it: aiohttp's
 * {@code web.Response} and {@code web.json_response}.
 *
 * <pre>{@code
 * return Response.text("Hello");                                  // text/plain; charset=utf-8
 * return Response.json(Map.of("id", 7, "name", "ada"));           // application/json via Jackson
 * return Response.bytes(png, "image/png").setStatus(201).setHeader("Cache-Control", "no-store");
 * return Response.status(204);
 * }</pre>
 *
 * <p>The server sends the head and body with one write and {@code Content-Length}. Loop-confined;
 * the setters return this response for chaining.
 */
public final class Response extends StreamResponse {
    static final byte[] NO_BODY = new byte[0];
    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    private static final String APPLICATION_JSON = "application/json; charset=utf-8";

    private byte[] body;

    Response(byte[] body, String contentType) {
        this.body = body;
        if (contentType != null) {
            headers().add("Content-Type", contentType);
        }
    }

    /** An empty 200 response. In aiohttp: {@code web.Response()}. */
    public Response() {
        this(NO_BODY, null);
    }

    /**
     * A {@code text/plain; charset=utf-8} response: aiohttp's {@code web.Response(text=...)}.
     *
     * @param text the body's text
     * @return a {@code text/plain; charset=utf-8} response
     */
    public static Response text(String text) {
        return new Response(text.getBytes(StandardCharsets.UTF_8), TEXT_PLAIN);
    }

    /**
     * A response with {@code text} in UTF-8 and the given content type (its charset is added).
     * In aiohttp: {@code web.Response(text=..., content_type=...)}.
     *
     * @param text the body's text
     * @param contentType the media type (null: no {@code Content-Type})
     * @return a response with {@code text} in UTF-8 and the given content type (its charset is
     *     added)
     */
    public static Response text(String text, String contentType) {
        return new Response(text.getBytes(StandardCharsets.UTF_8),
                contentType.contains("charset=") ? contentType : contentType + "; charset=utf-8");
    }

    /**
     * A {@code text/html; charset=utf-8} response.
     * In aiohttp: {@code web.Response(text=..., content_type="text/html")}.
     *
     * @param html the HTML text
     * @return a {@code text/html; charset=utf-8} response
     */
    public static Response html(String html) {
        return text(html, "text/html");
    }

    /**
     * {@code value} serialised with Jackson as {@code application/json}: aiohttp's
     * {@code web.json_response(data)}.
     *
     * @param value the value to serialise
     * @return the response
     * @throws IllegalArgumentException when Jackson cannot serialise it
     */
    public static Response json(Object value) {
        return json(value, Json.MAPPER);
    }

    /**
     * {@link #json(Object)} with your own configured mapper. Give it a {@code JsonFactory} with a
     * shared {@code recyclerPool}: each request is a new virtual thread, so Jackson's per-thread
     * default allocates its buffers again for every request.
     * In aiohttp: {@code web.json_response(data, dumps=...)}.
     *
     * @param value the value to serialise
     * @param mapper the Jackson mapper to use
     * @return the response
     */
    public static Response json(Object value, ObjectMapper mapper) {
        try {
            return new Response(mapper.writeValueAsBytes(value), APPLICATION_JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * A response with these bytes as the body, {@code application/octet-stream}.
     * In aiohttp: {@code web.Response(body=...)}.
     *
     * @param body the coroutine's body
     * @return a response with these bytes as the body, {@code application/octet-stream}
     */
    public static Response bytes(byte[] body) {
        return bytes(body, "application/octet-stream");
    }

    /**
     * A response with these bytes as the body (not copied: do not change them) and content type.
     * In aiohttp: {@code web.Response(body=..., content_type=...)}.
     *
     * @param body the coroutine's body
     * @param contentType the media type (null: no {@code Content-Type})
     * @return a response with these bytes as the body (not copied: do not change them) and content
     *     type
     */
    public static Response bytes(byte[] body, String contentType) {
        return new Response(body, contentType);
    }

    /**
     * An empty response with {@code status}. In aiohttp: {@code web.Response(status=...)}.
     *
     * @param status the status code
     * @return an empty response with {@code status}
     */
    public static Response status(int status) {
        Response response = new Response();
        response.setStatus(status);
        return response;
    }

    /**
     * The body (not a copy). In aiohttp: {@code response.body}.
     *
     * @return the body (not a copy)
     */
    public byte[] body() {
        return body;
    }

    /**
     * The body decoded as UTF-8 (aiohttp's {@code text}).
     *
     * @return the body decoded as UTF-8 (aiohttp's {@code text})
     */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Replaces the body (not copied) until {@link #prepare}. In aiohttp: {@code response.body = ...}.
     *
     * @param body the coroutine's body
     * @return this response
     */
    public Response setBody(byte[] body) {
        checkNotPrepared("set the body");
        this.body = body;
        return this;
    }

    @Override
    public Response setStatus(int status) {
        super.setStatus(status);
        return this;
    }

    @Override
    public Response setStatus(int status, String reason) {
        super.setStatus(status, reason);
        return this;
    }

    @Override
    public Response setHeader(String name, String value) {
        super.setHeader(name, value);
        return this;
    }

    @Override
    public Response setContentType(String contentType) {
        super.setContentType(contentType);
        return this;
    }

    @Override
    public Response setCookie(String name, String value) {
        super.setCookie(name, value);
        return this;
    }

    @Override
    public Response setCookie(String name, String value, CookieOptions options) {
        super.setCookie(name, value, options);
        return this;
    }

    @Override
    public Response delCookie(String name) {
        super.delCookie(name);
        return this;
    }

    @Override
    public Response forceClose() {
        super.forceClose();
        return this;
    }

    /** A response's length is its body's; setting another one is refused. */
    @Override
    public Response setContentLength(long length) {
        if (length != body.length) {
            throw new IllegalArgumentException("a Response's content length is its body's (" + body.length
                    + "), got " + length);
        }
        return this;
    }

    @Override
    void prepareNow(Request request) {
        if (this.request == null) {
            contentLength = body.length;
        }
        super.prepareNow(request);
    }

    @Override
    void writeEofNow() throws java.net.SocketException {
        if (!eofSent && request != null && bodyLength == 0 && body.length > 0) {
            writeNow(body, 0, body.length);
        }
        super.writeEofNow();
    }

    @Override
    public String toString() {
        return super.toString().replace("]", ", " + body.length + " bytes]") + (body.length <= 64 && isText()
                ? " " + Arrays.toString(new String[] {text()}) : "");
    }

    private boolean isText() {
        String type = contentType();
        return type != null && (type.startsWith("text/") || type.startsWith("application/json"));
    }
}
