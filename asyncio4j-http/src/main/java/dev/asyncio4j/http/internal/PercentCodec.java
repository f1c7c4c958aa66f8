package dev.asyncio4j.http.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding (RFC 3986 2.1) with a per-use set of bytes left as they are: yarl's
 * {@code _Quoter}/{@code _Unquoter} and Python's {@code quote_plus}/{@code unquote_plus}. Text is
 * encoded as UTF-8.
 *
 * <p>Stateless; thread-safe.
 */
public final class PercentCodec {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** ALPHA / DIGIT / "-" / "." / "_" / "~". */
    public static final boolean[] UNRESERVED = set("");
    /** What may stand unencoded in a URL path: unreserved, sub-delims, ":" and "@" and "/". */
    public static final boolean[] PATH = set("!$&'()*+,;=:@/");
    /** What may stand unencoded in a whole query or fragment: path's set and "?". */
    public static final boolean[] QUERY = set("!$&'()*+,;=:@/?");
    /** A query key or value (yarl's with_query): query's set less the separators "&", "=", "+", ";" and "#". */
    public static final boolean[] QUERY_PART = set("!$'()*,:@/?");
    /** userinfo: unreserved, sub-delims and ":". */
    public static final boolean[] USERINFO = set("!$&'()*+,;=:");

    private PercentCodec() {
    }

    private static boolean[] set(String extra) {
        boolean[] s = new boolean[128];
        for (char c = 'a'; c <= 'z'; c++) {
            s[c] = true;
            s[c - 32] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            s[c] = true;
        }
        for (char c : ("-._~" + extra).toCharArray()) {
            s[c] = true;
        }
        return s;
    }

    /**
     * Encodes {@code text}: characters in {@code safe} stay, a space becomes "+" when
     * {@code spaceAsPlus}, everything else becomes %XX of its UTF-8 bytes (including "%").
     */
    public static String encode(String text, boolean[] safe, boolean spaceAsPlus) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c >= 128 || !safe[c]) {
                break;
            }
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder sb = new StringBuilder(n + 16).append(text, 0, i);
        byte[] utf8 = text.substring(i).getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            int c = b & 0xFF;
            if (c < 128 && safe[c]) {
                sb.append((char) c);
            } else if (c == ' ' && spaceAsPlus) {
                sb.append('+');
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    /**
     * Re-encodes {@code text} that may already be partly encoded (yarl's requoting): a valid
     * %XX stays (its hex upper-cased), a "%" not followed by two hex digits becomes %25, and
     * characters outside {@code safe} are encoded.
     */
    public static String requote(String text, boolean[] safe) {
        StringBuilder sb = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean keep;
            if (c == '%') {
                keep = false;
                if (i + 2 < n && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                    if (sb == null) {
                        sb = new StringBuilder(n + 16).append(text, 0, i);
                    }
                    sb.append('%').append(Character.toUpperCase(text.charAt(i + 1)))
                            .append(Character.toUpperCase(text.charAt(i + 2)));
                    i += 2;
                    continue;
                }
            } else {
                keep = c < 128 && safe[c];
            }
            if (keep) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n + 16).append(text, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < n ? i + 2 : i + 1;
            for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * Decodes %XX sequences (as UTF-8; invalid UTF-8 becomes U+FFFD) and, when
     * {@code plusAsSpace}, "+" as a space. A "%" not followed by two hex digits is kept.
     */
    public static String decode(String text, boolean plusAsSpace) {
        int first = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || (plusAsSpace && c == '+')) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length()).append(text, 0, first);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int n = text.length();
        for (int i = first; i < n; i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < n && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)));
                i += 2;
                continue;
            }
            if (bytes.size() > 0) {
                sb.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            }
            sb.append(plusAsSpace && c == '+' ? ' ' : c);
        }
        if (bytes.size() > 0) {
            sb.append(bytes.toString(StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    static int hex(char c) {
        return c < 128 ? Ascii.hexValue((byte) c) : -1;
    }
}
