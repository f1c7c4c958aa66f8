package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.http.MutableHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response written piece by piece: aiohttp's {@code web.StreamResponse}. Set the status and
 * headers, {@link #prepare} it (the head is sent), {@link #write} the body in pieces (each write
 * waits while the connection's send buffer is above its high-water mark), then
 * {@link #writeEof()}:
 *
 * <pre>{@code
 * Handler events = request -> async(() -> {
 *     StreamResponse response = new StreamResponse();
 *     response.setContentType("text/event-stream");
 *     await(response.prepare(request));
 *     for (int i = 0; i < 3; i++) {
 *         await(response.write(("data: " + i + "\n\n").getBytes(UTF_8)));
 *         await(sleep(1));
 *     }
 *     await(response.writeEof());
 *     return response;
 * });
 * }</pre>
 *
 * <p>Without a {@link #setContentLength content length} an HTTP/1.1 body is sent chunked; an
 * HTTP/1.0 one is ended by closing the connection. A HEAD request's response, and a 1xx, 204 or
 * 304 one, carry no body: what is written is dropped. A handler that returns a prepared response
 * without calling {@code writeEof} has it called for it. Writing to a connection the client has
 * closed fails with a {@link java.net.SocketException}.
 *
 * <p>Loop-confined.
 */
public sealed class StreamResponse permits Response, FileResponse {
    /*
     * Overview: the fields above `request` are what the handler sets; from prepare() on, the
     * connection owns the framing (chunked / length / until close / none) and counts what was
     * written. Invariant: request != null iff prepared; eofSent implies prepared.
     */

    private int status = 200;
    private String reason;
    private MutableHeaders headers;
    private Map<String, String> cookies;
    long contentLength = -1;
    private boolean chunkedRequested;
    private boolean forceClose;

    // Set by prepare().
    Request request;
    Framing framing;
    boolean keepAlive;
    boolean eofSent;
    long bodyLength;

    /** How a prepared response delimits its body. */
    enum Framing { LENGTH, CHUNKED, UNTIL_CLOSE, NONE }

    /** A 200 response with no headers yet. In aiohttp: {@code web.StreamResponse()}. */
    public StreamResponse() {
    }

    /**
     * The status code (200 unless set). In aiohttp: {@code response.status}.
     *
     * @return the status code (200 unless set)
     */
    public final int status() {
        return status;
    }

    /**
     * The reason phrase, or null for the status's standard one. In aiohttp: {@code response.reason}.
     *
     * @return the reason phrase, or null for the status's standard one
     */
    public final String reason() {
        return reason;
    }

    /**
     * Sets the status: aiohttp's {@code set_status()}.
     *
     * @param status the status code
     * @return this response
     * @throws IllegalStateException after {@link #prepare}
     * @throws IllegalArgumentException unless 100 to 999
     */
    public StreamResponse setStatus(int status) {
        return setStatus(status, null);
    }

    /**
     * Sets the status and the reason phrase (null: the standard one).
     * In aiohttp: {@code response.set_status(status, reason)}.
     *
     * @param status the status code
     * @param reason the reason phrase (null: the standard one)
     * @return this response
     */
    public StreamResponse setStatus(int status, String reason) {
        checkNotPrepared("set the status");
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be 100 to 999, got " + status);
        }
        this.status = status;
        this.reason = reason;
        return this;
    }

    /**
     * The response headers, to read or change until {@link #prepare}. In aiohttp: {@code response.headers}.
     *
     * @return the response headers, to read or change until {@link #prepare}
     */
    public final MutableHeaders headers() {
        MutableHeaders h = headers;
        if (h == null) {
            h = new MutableHeaders(4);
            headers = h;
        }
        return h;
    }

    /** The headers if any were set, else null (saves making an empty set). */
    final MutableHeaders headersOrNull() {
        return headers;
    }

    /**
     * Sets header {@code name} to {@code value}, replacing earlier values; returns this.
     * In aiohttp: {@code response.headers[name] = value}.
     *
     * @param name the name
     * @param value the value
     * @return this response
     */
    public StreamResponse setHeader(String name, String value) {
        checkNotPrepared("change headers");
        headers().set(name, value);
        return this;
    }

    /**
     * The {@code Content-Type} header, or null. In aiohttp: {@code response.content_type}.
     *
     * @return the {@code Content-Type} header, or null
     */
    public final String contentType() {
        return headers == null ? null : headers.get("Content-Type");
    }

    /**
     * Sets the {@code Content-Type} header: aiohttp's {@code content_type}.
     *
     * @param contentType the media type (null: no {@code Content-Type})
     * @return this response
     */
    public StreamResponse setContentType(String contentType) {
        return setHeader("Content-Type", contentType);
    }

    /**
     * The body length announced in {@code Content-Length}, or -1 when not set.
     * In aiohttp: {@code response.content_length}.
     *
     * @return the body length announced in {@code Content-Length}, or -1 when not set
     */
    public final long contentLength() {
        return contentLength;
    }

    /**
     * Announces the body length: the body is sent with {@code Content-Length} instead of chunked.
     * Writing more, or ending with less, closes the connection after the response.
     * In aiohttp: {@code response.content_length = ...}.
     *
     * @param length how many bytes
     * @return this response
     */
    public StreamResponse setContentLength(long length) {
        checkNotPrepared("set the content length");
        if (length < -1) {
            throw new IllegalArgumentException("negative content length " + length);
        }
        contentLength = length;
        return this;
    }

    /**
     * Sends the body chunked even when the length is known: aiohttp's {@code
     * enable_chunked_encoding()}.
     *
     * @return this response
     */
    public StreamResponse enableChunkedEncoding() {
        checkNotPrepared("enable chunked encoding");
        chunkedRequested = true;
        return this;
    }

    final boolean chunkedRequested() {
        return chunkedRequested;
    }

    /**
     * Closes the connection after this response: aiohttp's {@code force_close()}.
     *
     * @return this response
     */
    public StreamResponse forceClose() {
        forceClose = true;
        return this;
    }

    final boolean forceCloseRequested() {
        return forceClose;
    }

    /**
     * Whether the connection may serve another request after this response (known once prepared).
     * In aiohttp: {@code response.keep_alive}.
     *
     * @return whether the connection may serve another request after this response (known once
     *     prepared)
     */
    public final boolean keepAlive() {
        return request != null ? keepAlive : !forceClose;
    }

    /**
     * Sets a cookie with {@link CookieOptions#DEFAULT} ({@code Path=/}): aiohttp's {@code
     * set_cookie()}.
     *
     * @param name the name
     * @param value the value
     * @return this response
     */
    public StreamResponse setCookie(String name, String value) {
        return setCookie(name, value, CookieOptions.DEFAULT);
    }

    /**
     * Sets a cookie with the given attributes; a later call for the same name replaces it.
     *
     * @param name the name
     * @param value the value
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @return this response
     */
    public StreamResponse setCookie(String name, String value, CookieOptions options) {
        checkNotPrepared("set a cookie");
        if (cookies == null) {
            cookies = new LinkedHashMap<>();
        }
        cookies.put(name, options.format(name, value));
        return this;
    }

    /**
     * Tells the client to delete a cookie: aiohttp's {@code del_cookie()}.
     *
     * @param name the name
     * @return this response
     */
    public StreamResponse delCookie(String name) {
        return setCookie(name, "", CookieOptions.DEFAULT.withMaxAge(java.time.Duration.ZERO)
                .withExpires("Thu, 01 Jan 1970 00:00:00 GMT"));
    }

    /**
     * The {@code Set-Cookie} values this response will send, by cookie name.
     * In aiohttp: {@code response.cookies}.
     *
     * @return the {@code Set-Cookie} values this response will send, by cookie name
     */
    public final Map<String, String> cookies() {
        return cookies == null ? Map.of() : java.util.Collections.unmodifiableMap(cookies);
    }

    final Map<String, String> cookiesOrNull() {
        return cookies;
    }

    /**
     * Whether {@link #prepare} has sent the head: aiohttp's {@code prepared}.
     *
     * @return whether {@link #prepare} has sent the head
     */
    public final boolean isPrepared() {
        return request != null;
    }

    /**
     * Whether the body is complete.
     *
     * @return whether the body is complete
     */
    public final boolean isEofSent() {
        return eofSent;
    }

    /**
     * Body bytes written so far (not counting chunk framing): aiohttp's {@code body_length}.
     *
     * @return how many body bytes were written so far (not counting chunk framing)
     */
    public final long bodyLength() {
        return bodyLength;
    }

    /**
     * Sends the status line and headers: aiohttp's {@code prepare(request)}. Preparing again for
     * the same request does nothing.
     *
     * @param request the request
     * @return a coroutine to await
     * @throws IllegalStateException (when awaited) if prepared for another request
     */
    public Coroutine<Void> prepare(Request request) {
        return async(() -> {
            prepareNow(request);
        });
    }

    void prepareNow(Request request) {
        if (this.request != null) {
            if (this.request != request) {
                throw new IllegalStateException("already prepared for another request: " + this);
            }
            return;
        }
        request.connection().sendHead(request, this, null, 0, 0);
    }

    /**
     * Sends {@code data} as the next piece of the body, then waits while the send buffer is above
     * its high-water mark: aiohttp's {@code await response.write(data)}.
     *
     * @param data the bytes
     * @return a coroutine to await;
     *     awaiting it throws {@link java.net.SocketException} if the client has gone
     * @throws IllegalStateException (when awaited) before {@link #prepare} or after {@link
     *     #writeEof}
     */
    public Coroutine<Void> write(byte[] data) {
        return write(data, 0, data.length);
    }

    /**
     * {@link #write(byte[])} of {@code length} bytes from {@code offset}.
     * In aiohttp: {@code await response.write(data[offset:offset + length])}.
     *
     * @param data the bytes
     * @param offset where the bytes start in {@code data}
     * @param length how many bytes
     * @return a coroutine to await
     */
    public Coroutine<Void> write(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        return async(() -> {
            writeNow(data, offset, length);
            await(drain());
        });
    }

    /**
     * {@link #write(byte[])} of {@code text} in UTF-8.
     * In aiohttp: {@code await response.write(text.encode())}.
     *
     * @param text the text
     * @return a coroutine to await
     */
    public Coroutine<Void> write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    void writeNow(byte[] data, int offset, int length) throws java.net.SocketException {
        if (request == null) {
            throw new IllegalStateException("Response has not been started: prepare() it first");
        }
        if (eofSent) {
            throw new IllegalStateException("Cannot call write() after write_eof()");
        }
        request.connection().writeBody(this, data, offset, length);
    }

    /**
     * Waits until the connection's send buffer is at or below its low-water mark: aiohttp's {@code
     * drain()}.
     *
     * @return a coroutine to await
     */
    public Coroutine<Void> drain() {
        return async(() -> {
            if (request != null) {
                request.connection().drainNow();
            }
        });
    }

    /**
     * Ends the body (the last chunk when chunked): aiohttp's {@code write_eof()}. Again does
     * nothing.
     *
     * @return a coroutine to await
     */
    public Coroutine<Void> writeEof() {
        return async(() -> {
            writeEofNow();
            if (request != null) {
                request.connection().drainNow();
            }
        });
    }

    /**
     * Writes {@code data}, then ends the body: aiohttp's {@code write_eof(data)}.
     *
     * @param data the bytes
     * @return a coroutine to await
     */
    public Coroutine<Void> writeEof(byte[] data) {
        return async(() -> {
            if (data.length > 0) {
                writeNow(data, 0, data.length);
            }
            writeEofNow();
            request.connection().drainNow();
        });
    }

    void writeEofNow() throws java.net.SocketException {
        if (eofSent) {
            return;
        }
        if (request == null) {
            throw new IllegalStateException("Response has not been started: prepare() it first");
        }
        request.connection().endBody(this);
    }

    final void checkNotPrepared(String what) {
        if (request != null) {
            throw new IllegalStateException("Cannot " + what + " after the headers were sent: " + this);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + status + " " + (reason != null ? reason
                : dev.asyncio4j.http.HttpStatus.reason(status)) + (request == null ? ", not prepared"
                : eofSent ? ", eof sent" : ", prepared") + "]";
    }
}
