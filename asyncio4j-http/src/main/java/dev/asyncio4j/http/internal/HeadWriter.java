package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.HttpStatus;
import dev.asyncio4j.http.HttpVersion;
import dev.asyncio4j.http.MutableHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Serialises a request or response head (start line, header fields, blank line) into one byte
 * array: aiohttp's {@code StreamWriter.write_headers}. A connection keeps one writer and reuses
 * its buffer, so a head costs the returned array and nothing per header: names and values are
 * copied byte by byte, common status lines come from a table, Content-Length is written as
 * digits without a String.
 *
 * <pre>{@code
 * byte[] bytes = writer.startResponse(HttpVersion.HTTP_1_1, 200, null)
 *         .header("Content-Type", "application/json")
 *         .date(dateCache)
 *         .contentLength(body.length)
 *         .finish(body, 0, body.length);   // head and body in one array, one write
 * }</pre>
 *
 * <p>Header names must be tokens; values must not hold CR, LF or other control characters but
 * HTAB (header injection): either is an {@link IllegalArgumentException}. Values with characters
 * beyond ASCII are written as UTF-8, as aiohttp does (and as the parser reads them back).
 *
 * <p>Loop-confined: one writer per connection.
 */
public final class HeadWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[][] STATUS_LINES_11 = new byte[600][];
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.ISO_8859_1);

    static {
        for (int status = 100; status < 600; status++) {
            String reason = HttpStatus.reason(status);
            if (!reason.isEmpty()) {
                STATUS_LINES_11[status] = ("HTTP/1.1 " + status + " " + reason + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }

    private byte[] buf = new byte[512];
    private int len;

    /** Begins a response head; {@code reason} null means the standard phrase. Discards any unfinished head. */
    public HeadWriter startResponse(HttpVersion version, int status, String reason) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be 100 to 999, got " + status);
        }
        len = 0;
        byte[] cached = version == HttpVersion.HTTP_1_1 && reason == null && status < 600 ? STATUS_LINES_11[status] : null;
        if (cached != null) {
            append(cached);
            return this;
        }
        ascii(version.toString());
        put((byte) ' ');
        put((byte) ('0' + status / 100));
        put((byte) ('0' + status / 10 % 10));
        put((byte) ('0' + status % 10));
        put((byte) ' ');
        String r = reason == null ? HttpStatus.reason(status) : reason;
        checkValue("reason phrase", r);
        text(r);
        append(CRLF);
        return this;
    }

    /** Begins a request head: {@code GET /path?q HTTP/1.1}. Discards any unfinished head. */
    public HeadWriter startRequest(String method, String target, HttpVersion version) {
        len = 0;
        checkName(method, "method");
        if (target.isEmpty()) {
            throw new IllegalArgumentException("empty request target");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new IllegalArgumentException("request target must be percent-encoded ASCII without spaces: '"
                        + target + "'");
            }
        }
        ascii(method);
        put((byte) ' ');
        ascii(target);
        put((byte) ' ');
        ascii(version.toString());
        append(CRLF);
        return this;
    }

    /** Appends one header field. */
    public HeadWriter header(String name, String value) {
        checkName(name, "header name");
        checkValue(name, value);
        ascii(name);
        put((byte) ':');
        put((byte) ' ');
        text(value);
        append(CRLF);
        return this;
    }

    /** Appends every field of {@code headers}, in order. */
    public HeadWriter headers(Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            header(headers.name(i), headers.value(i));
        }
        return this;
    }

    /** Appends every field of {@code headers}, in order. */
    public HeadWriter headers(MutableHeaders headers) {
        for (int i = 0; i < headers.size(); i++) {
            header(headers.name(i), headers.value(i));
        }
        return this;
    }

    /** Appends {@code Content-Length: n}. */
    public HeadWriter contentLength(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative Content-Length " + n);
        }
        append(CONTENT_LENGTH);
        digits(n);
        append(CRLF);
        return this;
    }

    /** Appends the current {@code Date} field from {@code cache}. */
    public HeadWriter date(DateCache cache) {
        append(cache.headerLine());
        return this;
    }

    /** Appends pre-encoded bytes, which must be whole header lines ending in CRLF (not checked). */
    public HeadWriter raw(byte[] lines) {
        append(lines);
        return this;
    }

    /** Ends the head with the blank line; returns it as a new array of its exact size. */
    public byte[] finish() {
        append(CRLF);
        byte[] out = Arrays.copyOf(buf, len);
        len = 0;
        return out;
    }

    /** Ends the head and returns it followed by {@code body[off..off+n)}, in one new array. */
    public byte[] finish(byte[] body, int off, int n) {
        append(CRLF);
        byte[] out = Arrays.copyOf(buf, len + n);
        System.arraycopy(body, off, out, len, n);
        len = 0;
        return out;
    }

    /**
     * Ends the head and hands it to {@code out} straight from this writer's buffer, with no
     * copy: a transport's {@code write} copies only what the socket does not take at once. The
     * buffer is reused by the next head, so {@code out} must not keep the array.
     */
    public void finishTo(ByteSink out) {
        append(CRLF);
        int n = len;
        len = 0;
        out.accept(buf, 0, n);
    }

    /** {@link #finishTo(ByteSink)} with {@code body[off..off+n)} after the head, in one piece. */
    public void finishTo(byte[] body, int off, int n, ByteSink out) {
        append(CRLF);
        ensure(n);
        System.arraycopy(body, off, buf, len, n);
        int total = len + n;
        len = 0;
        out.accept(buf, 0, total);
    }

    /** Bytes written so far for the unfinished head. */
    public int size() {
        return len;
    }

    @Override
    public String toString() {
        return "HeadWriter[" + len + " bytes pending]";
    }

    // ---- encoding --------------------------------------------------------------------------

    private static void checkName(String name, String what) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty " + what);
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Ascii.isTchar(name.charAt(i))) {
                throw new IllegalArgumentException("invalid character " + Ascii.describe(name.charAt(i))
                        + " in " + what + " '" + name + "'");
            }
        }
    }

    private static void checkValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                throw new IllegalArgumentException((c == '\r' || c == '\n'
                        ? "newline or carriage return" : "control character " + Ascii.describe(c))
                        + " in value of " + name);
            }
        }
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + extra, 2 * buf.length));
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    /** Writes a string known to be ASCII. */
    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = buf;
        int at = len;
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) s.charAt(i);
        }
        len = at + n;
    }

    /** Writes ASCII as is, anything else as UTF-8. */
    private void text(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                append(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        ascii(s);
    }

    private void digits(long n) {
        int count = 1;
        for (long v = n; v >= 10; v /= 10) {
            count++;
        }
        ensure(count);
        for (int i = len + count - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        len += count;
    }
}
