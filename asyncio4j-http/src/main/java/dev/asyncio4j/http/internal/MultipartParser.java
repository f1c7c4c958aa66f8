package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.MutableHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A streaming {@code multipart/form-data} (RFC 7578, RFC 2046 5.1) push parser: aiohttp's
 * {@code MultipartReader} turned inside out. Fed the body as it arrives, it reports each part's
 * header fields, its data in pieces, and its end; memory stays bounded by the delimiter length
 * and the part-header limit, so a server can stream an upload to disk. The preamble and epilogue
 * are ignored; a body without the close delimiter is an error at {@link #feedEof()}.
 *
 * <p>Loop-confined.
 */
public final class MultipartParser {
    /*
     * Overview: the delimiter is CRLF "--" boundary; the body is parsed as if a CRLF preceded
     * it, so a first delimiter at offset 0 matches the same way. States: PREAMBLE and BODY scan
     * for the delimiter (PREAMBLE discards), AFTER_DELIMITER reads "--" (close) or padding and
     * CRLF, HEADERS reads part header lines, EPILOGUE discards. Bytes that might be the start of
     * a delimiter, or an incomplete line, are kept in `carry` and parsed with the next feed.
     */

    /** Receives the parts, in order. Data slices are valid during the call only. */
    public interface Listener {
        /** A part begins, with its header fields. */
        void onPartStart(Headers headers);

        /** A piece of the current part's data. */
        void onPartData(byte[] data, int offset, int length);

        /** The current part is complete. */
        void onPartEnd();

        /** The close delimiter was read: no more parts. */
        default void onEnd() {
        }
    }

    /**
     * @param maxParts how many parts a body may have
     * @param maxPartHeaderSize the bytes of one part's header section
     */
    public record Limits(int maxParts, int maxPartHeaderSize) {
        /** 1000 parts of at most 8 KiB of headers each. */
        public static final Limits DEFAULT = new Limits(1000, 8 * 1024);
    }

    private enum State { PREAMBLE, BODY, AFTER_DELIMITER, HEADERS, EPILOGUE }

    private static final int MAX_PADDING = 256;

    private final byte[] delimiter;
    private final Limits limits;
    private final Listener listener;
    private State state = State.PREAMBLE;
    private byte[] carry;
    private int carryLen;
    private MutableHeaders partHeaders;
    private int headerBytes;
    private int parts;
    // The stream offset of the next byte fed (the synthetic leading CRLF is at -2 and -1).
    private long position;

    /**
     * A parser for the parts separated by {@code boundary}.
     *
     * @throws IllegalArgumentException when the boundary is not 1 to 70 valid characters
     */
    public MultipartParser(String boundary, Limits limits, Listener listener) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70
                || boundary.endsWith(" ") || !boundary.chars().allMatch(MultipartParser::bchar)) {
            throw new IllegalArgumentException("invalid multipart boundary '" + boundary + "'");
        }
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.limits = limits;
        this.listener = listener;
        this.carry = new byte[Math.max(64, delimiter.length * 2)];
        carry[0] = '\r';
        carry[1] = '\n';
        carryLen = 2;
    }

    /**
     * A parser for a {@code Content-Type: multipart/form-data; boundary=...} body.
     *
     * @throws IllegalArgumentException when the type is not multipart or has no boundary
     */
    public static MultipartParser forContentType(String contentType, Limits limits, Listener listener) {
        HeaderValue type = HeaderValue.parse(contentType);
        if (!type.value().startsWith("multipart/")) {
            throw new IllegalArgumentException("not a multipart content type: " + contentType);
        }
        return new MultipartParser(type.param("boundary"), limits, listener);
    }

    private static boolean bchar(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || "'()+_,-./:=? ".indexOf(c) >= 0;
    }

    /** Parses {@code data[offset..offset+length)}. */
    public void feed(byte[] data, int offset, int length) {
        byte[] a;
        int p;
        int end;
        long base;
        if (carryLen > 0) {
            a = Arrays.copyOf(carry, carryLen + length);
            System.arraycopy(data, offset, a, carryLen, length);
            p = 0;
            end = carryLen + length;
            base = position - carryLen;
            carryLen = 0;
        } else {
            a = data;
            p = offset;
            end = offset + length;
            base = position - offset;
        }
        while (p < end) {
            int next = switch (state) {
                case PREAMBLE, BODY -> scan(a, p, end);
                case AFTER_DELIMITER -> afterDelimiter(a, p, end, base);
                case HEADERS -> headerLine(a, p, end, base);
                case EPILOGUE -> end;
            };
            if (next < 0) {
                keep(a, p, end);
                break;
            }
            p = next;
        }
        position = base + end;
    }

    /** The body ended. @throws HttpParseException when the close delimiter was not read */
    public void feedEof() {
        if (state != State.EPILOGUE) {
            throw new HttpParseException(400, "multipart body ended without its close delimiter", position);
        }
    }

    private void keep(byte[] a, int p, int end) {
        int n = end - p;
        if (n > carry.length) {
            carry = Arrays.copyOf(carry, Math.max(n, 2 * carry.length));
        }
        System.arraycopy(a, p, carry, 0, n);
        carryLen = n;
    }

    /** Body or preamble: emits data up to the delimiter; -1 when the tail might start one. */
    private int scan(byte[] a, int p, int end) {
        byte[] d = delimiter;
        int last = end - d.length;
        for (int i = p; i <= last; i++) {
            if (a[i] == '\r' && Arrays.equals(a, i, i + d.length, d, 0, d.length)) {
                data(a, p, i - p);
                state = State.AFTER_DELIMITER;
                return i + d.length;
            }
        }
        // No whole delimiter: keep the longest tail that is a delimiter prefix.
        int keepFrom = end;
        for (int i = Math.max(p, end - d.length + 1); i < end; i++) {
            if (a[i] == '\r' && Arrays.equals(a, i, end, d, 0, end - i)) {
                keepFrom = i;
                break;
            }
        }
        data(a, p, keepFrom - p);
        return keepFrom == end ? end : keepAndStop(a, keepFrom, end);
    }

    private int keepAndStop(byte[] a, int from, int end) {
        keep(a, from, end);
        return Integer.MAX_VALUE; // consumed: the loop ends, position advances past `end`
    }

    private void data(byte[] a, int p, int n) {
        if (n > 0 && state == State.BODY) {
            listener.onPartData(a, p, n);
        }
    }

    private int afterDelimiter(byte[] a, int p, int end, long base) {
        if (end - p < 2) {
            return -1;
        }
        if (a[p] == '-' && a[p + 1] == '-') {
            if (partHeaders != null) {
                partHeaders = null;
                listener.onPartEnd();
            }
            state = State.EPILOGUE;
            listener.onEnd();
            return p + 2;
        }
        int i = p;
        while (i < end && (a[i] == ' ' || a[i] == '\t')) {
            i++;
        }
        if (i - p > MAX_PADDING) {
            throw new HttpParseException(400, "too much padding after a multipart delimiter", base + p);
        }
        if (end - i < 2) {
            return -1;
        }
        if (a[i] != '\r' || a[i + 1] != '\n') {
            throw new HttpParseException(400, "expected CRLF after multipart delimiter, found "
                    + Ascii.describe(a[i]), base + i);
        }
        if (partHeaders != null) {
            listener.onPartEnd();
        }
        if (++parts > limits.maxParts()) {
            throw new HttpParseException(413, "more than " + limits.maxParts() + " multipart parts", base + i);
        }
        partHeaders = new MutableHeaders(4);
        headerBytes = 0;
        state = State.HEADERS;
        return i + 2;
    }

    private int headerLine(byte[] a, int p, int end, long base) {
        int lf = p;
        while (lf < end && a[lf] != '\n') {
            lf++;
        }
        int room = limits.maxPartHeaderSize() - headerBytes;
        if (lf == end) {
            if (end - p > room) {
                throw new HttpParseException(431, "multipart part headers larger than "
                        + limits.maxPartHeaderSize() + " bytes", base + p + room);
            }
            return -1;
        }
        headerBytes += lf + 1 - p;
        if (headerBytes > limits.maxPartHeaderSize()) {
            throw new HttpParseException(431, "multipart part headers larger than "
                    + limits.maxPartHeaderSize() + " bytes", base + lf);
        }
        if (lf == p || a[lf - 1] != '\r') {
            throw new HttpParseException(400, "bare LF in multipart part headers", base + lf);
        }
        int e = lf - 1;
        if (e == p) {
            state = State.BODY;
            listener.onPartStart(partHeaders.toHeaders());
            return lf + 1;
        }
        int colon = p;
        while (colon < e && Ascii.tchar(a[colon])) {
            colon++;
        }
        if (colon == p || colon == e || a[colon] != ':') {
            throw new HttpParseException(400, "invalid multipart part header line", base + colon);
        }
        int vs = colon + 1;
        while (vs < e && Ascii.ows(a[vs])) {
            vs++;
        }
        int ve = e;
        while (ve > vs && Ascii.ows(a[ve - 1])) {
            ve--;
        }
        for (int j = vs; j < ve; j++) {
            if (!Ascii.fieldValue(a[j])) {
                throw new HttpParseException(400, "invalid character " + Ascii.describe(a[j])
                        + " in multipart part header", base + j);
            }
        }
        // Browsers send file names in UTF-8.
        partHeaders.add(new String(a, p, colon - p, StandardCharsets.ISO_8859_1),
                new String(a, vs, ve - vs, StandardCharsets.UTF_8));
        return lf + 1;
    }

    @Override
    public String toString() {
        return "MultipartParser[" + state + ", parts=" + parts + "]";
    }

    // ---- whole bodies ----------------------------------------------------------------------

    /**
     * One part held in memory.
     *
     * @param headers the part's header fields
     * @param data the part's bytes
     */
    public record Part(Headers headers, byte[] data) {
        /** The form field name from Content-Disposition, or null. */
        public String name() {
            return HeaderValue.parse(headers.get("Content-Disposition")).param("name");
        }

        /** The file name from Content-Disposition ({@code filename*} preferred), or null. */
        public String filename() {
            return HeaderValue.parse(headers.get("Content-Disposition")).param("filename");
        }

        /** The part's Content-Type, {@code text/plain} when absent (RFC 7578 4.4). */
        public String contentType() {
            return headers.get("Content-Type", "text/plain");
        }

        /** The data as text in the part's charset (UTF-8 by default). */
        public String text() {
            return new String(data, HeaderValue.parse(contentType()).charset(StandardCharsets.UTF_8));
        }
    }

    /** Parses a whole body held in memory into its parts. */
    public static List<Part> parseAll(String contentType, byte[] body, Limits limits) {
        List<Part> parts = new ArrayList<>();
        ByteArrayOutputStream[] current = new ByteArrayOutputStream[1];
        Headers[] headers = new Headers[1];
        MultipartParser parser = forContentType(contentType, limits, new Listener() {
            @Override
            public void onPartStart(Headers h) {
                headers[0] = h;
                current[0] = new ByteArrayOutputStream();
            }

            @Override
            public void onPartData(byte[] data, int offset, int length) {
                current[0].write(data, offset, length);
            }

            @Override
            public void onPartEnd() {
                parts.add(new Part(headers[0], current[0].toByteArray()));
            }
        });
        parser.feed(body, 0, body.length);
        parser.feedEof();
        return parts;
    }
}
