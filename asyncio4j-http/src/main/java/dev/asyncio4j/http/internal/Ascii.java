package dev.asyncio4j.http.internal;

/**
 * Byte classes of the HTTP grammar (RFC 9110 5.6, RFC 9112), as lookup tables so that the
 * parser classifies a byte with one array load and no branches on ranges.
 *
 * <p>Stateless; thread-safe.
 */
public final class Ascii {
    static final byte CR = '\r';
    static final byte LF = '\n';
    static final byte SP = ' ';
    static final byte HTAB = '\t';

    // tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    private static final boolean[] TCHAR = new boolean[256];
    // field-value bytes: SP, HTAB, VCHAR (0x21-0x7E), obs-text (0x80-0xFF)
    private static final boolean[] FIELD_VALUE = new boolean[256];
    // request-target bytes: visible ASCII
    private static final boolean[] TARGET = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        for (int c = 0x21; c <= 0x7E; c++) {
            FIELD_VALUE[c] = true;
            TARGET[c] = true;
        }
        for (int c = 0x80; c <= 0xFF; c++) {
            FIELD_VALUE[c] = true;
        }
        FIELD_VALUE[SP] = true;
        FIELD_VALUE[HTAB] = true;
    }

    private Ascii() {
    }

    /** True when {@code c} may appear in a token (method, header name, transfer coding). */
    public static boolean isTchar(int c) {
        return c >= 0 && c < 256 && TCHAR[c];
    }

    static boolean tchar(byte b) {
        return TCHAR[b & 0xFF];
    }

    static boolean fieldValue(byte b) {
        return FIELD_VALUE[b & 0xFF];
    }

    static boolean target(byte b) {
        return TARGET[b & 0xFF];
    }

    static boolean ows(byte b) {
        return b == SP || b == HTAB;
    }

    static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** Case-insensitive comparison of {@code b[off..off+len)} with the lower-case ASCII {@code lower}. */
    static boolean equalsLower(byte[] b, int off, int len, String lower) {
        if (len != lower.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (lower(b[off + i] & 0xFF) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Case-insensitive comparison of {@code s[from..to)} with the lower-case ASCII {@code lower}. */
    static boolean regionEqualsLower(String s, int from, int to, String lower) {
        return to - from == lower.length() && s.regionMatches(true, from, lower, 0, lower.length());
    }

    /** A printable rendering of a byte for error messages: {@code 'a'} or {@code 0x0d}. */
    static String describe(int b) {
        b &= 0xFF;
        return b > 0x20 && b < 0x7F ? "'" + (char) b + "'" : String.format("0x%02x", b);
    }
}
