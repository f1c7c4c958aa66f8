package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.Headers;
import java.nio.charset.StandardCharsets;

/**
 * Frames a body in the chunked transfer coding (RFC 9112 7.1): aiohttp's
 * {@code StreamWriter.enable_chunking}. Either one array per chunk ({@link #chunk}) or the size
 * line alone ({@link #sizeLine}) for a transport that writes several buffers without copying.
 *
 * <p>Stateless; thread-safe.
 */
public final class ChunkedEncoder {
    /** The last chunk with no trailers: {@code 0\r\n\r\n}. */
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private ChunkedEncoder() {
    }

    /** {@code data[off..off+n)} as one chunk: size line, data, CRLF. {@code n} must be positive. */
    public static byte[] chunk(byte[] data, int off, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("a chunk holds at least one byte (a zero-size chunk ends the body)");
        }
        int digits = hexDigits(n);
        byte[] out = new byte[digits + 2 + n + 2];
        writeHex(out, n, digits);
        out[digits] = '\r';
        out[digits + 1] = '\n';
        System.arraycopy(data, off, out, digits + 2, n);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    /** The size line of an {@code n}-byte chunk ({@code "1a\r\n"}); the data and a CRLF follow it. */
    public static byte[] sizeLine(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, got " + n);
        }
        int digits = hexDigits(n);
        byte[] out = new byte[digits + 2];
        writeHex(out, n, digits);
        out[digits] = '\r';
        out[digits + 1] = '\n';
        return out;
    }

    /** The CRLF that ends a chunk's data. */
    public static byte[] chunkEnd() {
        return new byte[] {'\r', '\n'};
    }

    /** The last chunk, with {@code trailers} when there are any, ending the body. */
    public static byte[] lastChunk(Headers trailers) {
        if (trailers.isEmpty()) {
            return LAST_CHUNK.clone();
        }
        HeadWriter w = new HeadWriter();
        w.raw(new byte[] {'0', '\r', '\n'}).headers(trailers);
        return w.finish();
    }

    private static int hexDigits(int n) {
        return Math.max(1, (35 - Integer.numberOfLeadingZeros(n)) / 4);
    }

    private static void writeHex(byte[] out, int n, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = HEX[n & 0xF];
            n >>>= 4;
        }
    }
}
