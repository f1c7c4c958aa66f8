package dev.asyncio4j.http.client;

import dev.asyncio4j.AsyncIterable;
import dev.asyncio4j.http.MultiDict;
import dev.asyncio4j.http.internal.FormEncoding;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A request body with its content type: what aiohttp's {@code data=} argument turns into a
 * {@code Payload}. Bytes and text are sent with a {@code Content-Length}; a stream of byte arrays
 * (an async generator, say) with {@code Transfer-Encoding: chunked}, written while the response
 * may already arrive. A {@code Content-Type} header given with the request wins over
 * {@link #contentType()}.
 *
 * <pre>{@code
 * session.post(url, RequestOptions.DEFAULT.withData(Payload.form(MultiDict.of("q", "a b"))));
 * session.put(url, RequestOptions.DEFAULT.withData(Payload.stream(chunks, "text/csv")));
 * }</pre>
 *
 * <p>Immutable (a stream payload can be sent once).
 */
public final class Payload {
    private final byte[] bytes;
    private final AsyncIterable<byte[]> stream;
    private final String contentType;

    private Payload(byte[] bytes, AsyncIterable<byte[]> stream, String contentType) {
        this.bytes = bytes;
        this.stream = stream;
        this.contentType = contentType;
    }

    /**
     * Raw bytes, {@code application/octet-stream}: aiohttp's {@code BytesPayload}. The array is
     * not copied.
     *
     * @param data the bytes
     * @return the payload
     */
    public static Payload bytes(byte[] data) {
        return bytes(data, "application/octet-stream");
    }

    /**
     * Raw bytes of {@code contentType} (null: no Content-Type). The array is not copied.
     * In aiohttp: {@code BytesPayload(data, content_type=...)}.
     *
     * @param data the bytes
     * @param contentType the media type (null: no {@code Content-Type})
     * @return the payload
     */
    public static Payload bytes(byte[] data, String contentType) {
        return new Payload(Objects.requireNonNull(data, "data"), null, contentType);
    }

    /**
     * Text as UTF-8, {@code text/plain; charset=utf-8}: aiohttp's {@code StringPayload}.
     *
     * @param text the text
     * @return the payload
     */
    public static Payload text(String text) {
        return text(text, StandardCharsets.UTF_8, "text/plain");
    }

    /**
     * Text in {@code charset}, as {@code mimeType; charset=<name>}.
     * In aiohttp: {@code StringPayload(text, encoding=..., content_type=...)}.
     *
     * @param text the text
     * @param charset the charset
     * @param mimeType the media type
     * @return the payload
     */
    public static Payload text(String text, Charset charset, String mimeType) {
        return new Payload(text.getBytes(charset), null, mimeType + "; charset=" + charset.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A urlencoded form, {@code application/x-www-form-urlencoded}: aiohttp's {@code data={...}}.
     *
     * @param fields the form's fields
     * @return a urlencoded form, {@code application/x-www-form-urlencoded}
     */
    public static Payload form(MultiDict fields) {
        return new Payload(FormEncoding.encodeForm(fields).getBytes(StandardCharsets.US_ASCII), null,
                "application/x-www-form-urlencoded");
    }

    /**
     * {@link #form(MultiDict)} of a map's entries, in its iteration order.
     * In aiohttp: a {@code dict} given as {@code data}.
     *
     * @param fields the form's fields
     * @return the payload
     */
    public static Payload form(Map<String, String> fields) {
        return form(MultiDict.copyOf(fields));
    }

    /**
     * Byte arrays sent as they come, chunked: aiohttp's {@code data=<async generator>}. The
     * stream is read once; a redirect that would send the body again (307, 308) is not followed.
     *
     * @param chunks the byte arrays to send, in order
     * @param contentType the media type (null: no {@code Content-Type})
     * @return the payload
     */
    public static Payload stream(AsyncIterable<byte[]> chunks, String contentType) {
        return new Payload(null, Objects.requireNonNull(chunks, "chunks"), contentType);
    }

    /**
     * The {@code Content-Type} sent unless the request gives one; null for none.
     * In aiohttp: {@code payload.content_type}.
     *
     * @return the {@code Content-Type} sent unless the request gives one; null for none
     */
    public String contentType() {
        return contentType;
    }

    /**
     * The length in bytes, or -1 for a stream. In aiohttp: {@code payload.size}.
     *
     * @return the length in bytes, or -1 for a stream
     */
    public long length() {
        return bytes != null ? bytes.length : -1;
    }

    /**
     * Whether this is a stream, sent chunked.
     *
     * @return whether this is a stream, sent chunked
     */
    public boolean isStream() {
        return stream != null;
    }

    byte[] bytesOrNull() {
        return bytes;
    }

    AsyncIterable<byte[]> streamOrNull() {
        return stream;
    }

    @Override
    public String toString() {
        return "Payload[" + (stream != null ? "stream" : bytes.length + " bytes") + ", " + contentType + "]";
    }
}
