package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.HttpVersion;

/** Parses {@code HTTP-version = "HTTP/" DIGIT "." DIGIT}, case-sensitively (RFC 9112 2.3). */
final class Versions {
    private Versions() {
    }

    /** The version in {@code b[s..e)}, which must be exactly the 8 bytes of one. */
    static HttpVersion parse(byte[] b, int s, int e, long base) {
        if (e - s != 8 || b[s] != 'H' || b[s + 1] != 'T' || b[s + 2] != 'T' || b[s + 3] != 'P'
                || b[s + 4] != '/' || !digit(b[s + 5]) || b[s + 6] != '.' || !digit(b[s + 7])) {
            throw new HttpParseException(400, "invalid HTTP version '"
                    + new String(b, s, Math.min(e - s, 16), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .replaceAll("[^\\x20-\\x7e]", "?") + "'", base + s);
        }
        return HttpVersion.of(b[s + 5] - '0', b[s + 7] - '0');
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }
}
