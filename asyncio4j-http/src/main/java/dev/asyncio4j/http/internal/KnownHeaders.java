package dev.asyncio4j.http.internal;

import java.nio.charset.StandardCharsets;

/**
 * Interned well-known header names. The parser looks a received name up here by its bytes, with
 * no allocation: when the bytes are the canonical spelling ({@code Content-Length}) or all lower
 * case ({@code content-length}) it gets back a shared String, and in every case the name's id, so
 * that framing headers are recognised by an int comparison.
 *
 * <p>Immutable tables; thread-safe.
 */
public final class KnownHeaders {
    /** Ids of the names the parser acts on. */
    static final int HOST = 0;
    static final int CONNECTION = 1;
    static final int CONTENT_LENGTH = 2;
    static final int TRANSFER_ENCODING = 3;
    static final int CONTENT_ENCODING = 4;
    static final int UPGRADE = 5;
    static final int EXPECT = 6;

    private static final String[] CANONICAL = {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Content-Encoding", "Upgrade",
        "Expect",
        // Common names with no framing meaning: interned only.
        "Accept", "Accept-Encoding", "Accept-Language", "Accept-Charset", "Accept-Ranges",
        "Age", "Allow", "Authorization", "Cache-Control", "Content-Disposition",
        "Content-Language", "Content-Location", "Content-Range", "Content-Type", "Cookie", "Date",
        "ETag", "Expires", "Forwarded", "If-Match", "If-Modified-Since", "If-None-Match",
        "If-Range", "If-Unmodified-Since", "Keep-Alive", "Last-Modified", "Link", "Location",
        "Origin", "Pragma", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection",
        "Range", "Referer", "Retry-After", "Sec-WebSocket-Accept", "Sec-WebSocket-Extensions",
        "Sec-WebSocket-Key", "Sec-WebSocket-Protocol", "Sec-WebSocket-Version", "Server",
        "Set-Cookie", "Strict-Transport-Security", "TE", "Trailer", "User-Agent", "Vary", "Via",
        "WWW-Authenticate", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto",
        "X-Request-ID", "X-Requested-With", "Access-Control-Allow-Origin", "Alt-Svc",
        "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Priority",
        "Upgrade-Insecure-Requests", "DNT", "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site",
        "Sec-Fetch-User",
    };
    private static final String[] LOWER = new String[CANONICAL.length];
    private static final byte[][] CANONICAL_BYTES = new byte[CANONICAL.length][];
    private static final byte[][] LOWER_BYTES = new byte[CANONICAL.length][];
    // Buckets by (length, lower-cased first byte); each holds the ids to compare.
    private static final int BUCKETS = 128;
    private static final int[][] BUCKET = new int[BUCKETS][];

    static {
        for (int id = 0; id < CANONICAL.length; id++) {
            LOWER[id] = CANONICAL[id].toLowerCase(java.util.Locale.ROOT).intern();
            CANONICAL[id] = CANONICAL[id].intern();
            CANONICAL_BYTES[id] = CANONICAL[id].getBytes(StandardCharsets.ISO_8859_1);
            LOWER_BYTES[id] = LOWER[id].getBytes(StandardCharsets.ISO_8859_1);
            int bucket = bucket(LOWER_BYTES[id], 0, LOWER_BYTES[id].length);
            int[] old = BUCKET[bucket] == null ? new int[0] : BUCKET[bucket];
            int[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = id;
            BUCKET[bucket] = grown;
        }
    }

    private KnownHeaders() {
    }

    private static int bucket(byte[] b, int off, int len) {
        return (len * 7 + Ascii.lower(b[off] & 0xFF) + Ascii.lower(b[off + len - 1] & 0xFF)) & (BUCKETS - 1);
    }

    /**
     * Looks up the name in {@code b[off..off+len)}, {@code len > 0}. Returns -1 when it is not a
     * known name, else {@code id * 4 + spelling}: spelling 0 is canonical, 1 is lower case, 2 is
     * another case mix (the caller allocates the string for that one).
     */
    static int lookup(byte[] b, int off, int len) {
        int[] ids = BUCKET[bucket(b, off, len)];
        if (ids == null) {
            return -1;
        }
        for (int id : ids) {
            byte[] lower = LOWER_BYTES[id];
            if (lower.length != len) {
                continue;
            }
            if (java.util.Arrays.equals(b, off, off + len, CANONICAL_BYTES[id], 0, len)) {
                return id * 4;
            }
            if (java.util.Arrays.equals(b, off, off + len, lower, 0, len)) {
                return id * 4 + 1;
            }
            int i = 0;
            while (i < len && Ascii.lower(b[off + i] & 0xFF) == lower[i]) {
                i++;
            }
            if (i == len) {
                return id * 4 + 2;
            }
        }
        return -1;
    }

    /** The shared string for a lookup result with spelling 0 or 1. */
    static String name(int lookup) {
        return (lookup & 3) == 0 ? CANONICAL[lookup >> 2] : LOWER[lookup >> 2];
    }

    /** The canonical spelling of header {@code id}. */
    static String canonical(int id) {
        return CANONICAL[id];
    }
}
