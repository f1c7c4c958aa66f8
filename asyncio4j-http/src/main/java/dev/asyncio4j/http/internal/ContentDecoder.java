package dev.asyncio4j.http.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A streaming decoder for the {@code gzip} and {@code deflate} content codings (RFC 9110 8.4.1):
 * aiohttp's {@code DeflateBuffer}/{@code ZLibDecompressor}. Fed body pieces as they arrive, it
 * passes the decoded bytes on through a fixed 16 KiB window, so memory stays bounded whatever the
 * compression ratio; decoded output beyond {@code maxOutput} is a 413 (a decompression bomb is
 * stopped at the body limit). {@code deflate} is zlib-wrapped as the RFC says, or raw DEFLATE as
 * some servers send it, told apart by the first two bytes as browsers and aiohttp do. Gzip
 * members are checked against their CRC-32 and length; concatenated members are decoded in turn.
 *
 * <p>Loop-confined. Holds native zlib memory: {@link #close()} it (finish does too).
 */
public final class ContentDecoder implements AutoCloseable {
    /*
     * Overview: GZIP walks HEADER -> BODY -> TRAILER per member; DEFLATE sniffs the zlib header in
     * SNIFF then stays in BODY. `pending` holds the few header/trailer bytes split across feeds.
     */
    private enum Mode { GZIP, DEFLATE }

    private enum State { SNIFF, HEADER, BODY, TRAILER, DONE }

    private static final int WINDOW = 16 * 1024;
    private static final int MAX_GZIP_HEADER = 64 * 1024;

    private final Mode mode;
    private final long maxOutput;
    private final byte[] out = new byte[WINDOW];
    private Inflater inflater;
    private final CRC32 crc = new CRC32();
    private State state;
    private byte[] pending = new byte[16];
    private int pendingLen;
    private long total;
    private long memberSize;
    private long consumed;

    private ContentDecoder(Mode mode, long maxOutput) {
        this.mode = mode;
        this.maxOutput = maxOutput;
        this.state = mode == Mode.GZIP ? State.HEADER : State.SNIFF;
    }

    /**
     * A decoder for {@code contentEncoding} ({@code gzip}, {@code x-gzip}, {@code deflate}), or
     * null when the coding is absent, {@code identity}, or one this decoder does not know (the
     * body is then passed on as it is, as aiohttp does).
     */
    public static ContentDecoder forEncoding(String contentEncoding, long maxOutput) {
        if (contentEncoding == null) {
            return null;
        }
        return switch (contentEncoding.trim().toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> new ContentDecoder(Mode.GZIP, maxOutput);
            case "deflate" -> new ContentDecoder(Mode.DEFLATE, maxOutput);
            default -> null;
        };
    }

    /** Decodes {@code data[off..off+len)}, passing decoded bytes to {@code sink}. */
    public void feed(byte[] data, int off, int len, ByteSink sink) {
        int end = off + len;
        int p = off;
        while (p < end) {
            switch (state) {
                case SNIFF -> p = sniff(data, p, end, sink);
                case HEADER -> p = gzipHeader(data, p, end);
                case BODY -> p = inflate(data, p, end, sink);
                case TRAILER -> p = gzipTrailer(data, p, end);
                case DONE -> {
                    if (mode == Mode.GZIP && isGzipStart(data, p, end)) {
                        state = State.HEADER;
                    } else {
                        // Trailing bytes after the stream: ignored, as browsers and zlib do.
                        consumed += end - p;
                        p = end;
                    }
                }
            }
        }
    }

    /**
     * The body has ended: checks the compressed stream ended too.
     *
     * @throws HttpParseException when it was cut short
     */
    public void finish() {
        try {
            boolean complete = state == State.DONE || (state == State.SNIFF && pendingLen == 0);
            if (!complete) {
                throw new HttpParseException(400, "truncated " + mode.name().toLowerCase(Locale.ROOT)
                        + " data: the compressed stream did not end", consumed);
            }
        } finally {
            close();
        }
    }

    /** Releases the native inflater. */
    @Override
    public void close() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }

    /** Decoded bytes so far. */
    public long decodedSize() {
        return total;
    }

    @Override
    public String toString() {
        return "ContentDecoder[" + mode.name().toLowerCase(Locale.ROOT) + ", " + state + ", in=" + consumed
                + ", out=" + total + "]";
    }

    private static boolean isGzipStart(byte[] b, int p, int end) {
        return b[p] == (byte) 0x1f && (p + 1 == end || b[p + 1] == (byte) 0x8b);
    }

    private HttpParseException corrupt(String what) {
        close();
        return new HttpParseException(400, "invalid " + mode.name().toLowerCase(Locale.ROOT) + " data: " + what, consumed);
    }

    private int takePending(byte[] b, int p, int end, int want) {
        int n = Math.min(want - pendingLen, end - p);
        if (pendingLen + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLen + n, 2 * pending.length));
        }
        System.arraycopy(b, p, pending, pendingLen, n);
        pendingLen += n;
        consumed += n;
        return p + n;
    }

    private int sniff(byte[] b, int p, int end, ByteSink sink) {
        p = takePending(b, p, end, 2);
        if (pendingLen < 2) {
            return p;
        }
        int cmf = pending[0] & 0xFF;
        int flg = pending[1] & 0xFF;
        boolean zlib = (cmf & 0x0F) == 8 && ((cmf << 8) | flg) % 31 == 0;
        inflater = new Inflater(!zlib);
        state = State.BODY;
        pendingLen = 0;
        // The two sniffed bytes are the stream's first: inflate them before the rest.
        consumed -= 2;
        inflate(new byte[] {(byte) cmf, (byte) flg}, 0, 2, sink);
        return p;
    }

    /** Parses a gzip member header (RFC 1952 2.3) as it arrives; returns the index after what it used. */
    private int gzipHeader(byte[] b, int p, int end) {
        while (p < end) {
            int need = gzipHeaderLength();
            if (need < 0) {
                // A zero-terminated field: take bytes up to and including the next NUL.
                int nul = p;
                while (nul < end && b[nul] != 0) {
                    nul++;
                }
                int stop = nul < end ? nul + 1 : end;
                p = takePending(b, p, stop, pendingLen + (stop - p));
                if (pendingLen > MAX_GZIP_HEADER) {
                    throw corrupt("gzip header longer than " + MAX_GZIP_HEADER + " bytes");
                }
                continue;
            }
            if (pendingLen < need) {
                p = takePending(b, p, end, need);
                continue;
            }
            // Complete.
            pendingLen = 0;
            crc.reset();
            memberSize = 0;
            if (inflater == null) {
                inflater = new Inflater(true);
            } else {
                inflater.reset();
            }
            state = State.BODY;
            return p;
        }
        return p;
    }

    /**
     * How many header bytes the member header needs given what is buffered, or -1 while inside
     * a zero-terminated FNAME/FCOMMENT field.
     */
    private int gzipHeaderLength() {
        if (pendingLen < 10) {
            return 10;
        }
        if ((pending[0] & 0xFF) != 0x1f || (pending[1] & 0xFF) != 0x8b) {
            throw corrupt("not gzip (bad magic bytes)");
        }
        if (pending[2] != 8) {
            throw corrupt("unknown compression method " + pending[2]);
        }
        int flags = pending[3] & 0xFF;
        if ((flags & 0xE0) != 0) {
            throw corrupt("reserved header flags set");
        }
        int at = 10;
        if ((flags & 0x04) != 0) { // FEXTRA
            if (pendingLen < at + 2) {
                return at + 2;
            }
            at += 2 + ((pending[at] & 0xFF) | (pending[at + 1] & 0xFF) << 8);
            if (pendingLen < at) {
                return at;
            }
        }
        for (int flag : new int[] {0x08, 0x10}) { // FNAME, FCOMMENT
            if ((flags & flag) != 0) {
                int nul = at;
                while (nul < pendingLen && pending[nul] != 0) {
                    nul++;
                }
                if (nul == pendingLen) {
                    return -1;
                }
                at = nul + 1;
            }
        }
        if ((flags & 0x02) != 0) { // FHCRC
            at += 2;
        }
        return at;
    }

    private int inflate(byte[] b, int p, int end, ByteSink sink) {
        Inflater inf = inflater;
        inf.setInput(b, p, end - p);
        try {
            while (true) {
                int n = inf.inflate(out);
                if (n > 0) {
                    total += n;
                    if (total > maxOutput) {
                        close();
                        throw new HttpParseException(413, "decoded body larger than " + maxOutput + " bytes", consumed);
                    }
                    if (mode == Mode.GZIP) {
                        crc.update(out, 0, n);
                        memberSize += n;
                    }
                    sink.accept(out, 0, n);
                }
                if (inf.finished()) {
                    int rest = inf.getRemaining();
                    consumed += (end - p) - rest;
                    state = mode == Mode.GZIP ? State.TRAILER : State.DONE;
                    return end - rest;
                }
                if (n == 0) {
                    if (inf.needsDictionary()) {
                        throw corrupt("a preset dictionary is needed");
                    }
                    if (inf.needsInput()) {
                        consumed += end - p;
                        return end;
                    }
                }
            }
        } catch (DataFormatException e) {
            throw corrupt(String.valueOf(e.getMessage()));
        }
    }

    private int gzipTrailer(byte[] b, int p, int end) {
        p = takePending(b, p, end, 8);
        if (pendingLen < 8) {
            return p;
        }
        long crcValue = le32(0);
        long size = le32(4);
        pendingLen = 0;
        if (crcValue != crc.getValue()) {
            throw corrupt("CRC-32 mismatch");
        }
        if (size != (memberSize & 0xFFFFFFFFL)) {
            throw corrupt("length mismatch");
        }
        state = State.DONE;
        return p;
    }

    private long le32(int at) {
        return (pending[at] & 0xFFL) | (pending[at + 1] & 0xFFL) << 8 | (pending[at + 2] & 0xFFL) << 16
                | (pending[at + 3] & 0xFFL) << 24;
    }
}
