package dev.asyncio4j.http.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header value with parameters, as in {@code Content-Type} and {@code Content-Disposition}
 * (RFC 9110 5.6.6, RFC 6266): aiohttp's {@code parse_mimetype} and
 * {@code parse_content_disposition}. {@code text/html; charset="utf-8"} is value
 * {@code text/html} with {@code charset=utf-8}; parameter names are lower-cased, quoted values
 * unescaped, and RFC 8187 extended values ({@code filename*=UTF-8''%e2%82%ac.txt}) decoded into
 * the plain name ({@code filename}), which they take precedence over.
 *
 * <p>Immutable.
 *
 * @param value the part before the first ";", trimmed and lower-cased
 * @param params the parameters in order, names lower-cased
 */
public record HeaderValue(String value, Map<String, String> params) {
    /** Parses {@code header}; malformed parameters are skipped, as aiohttp does. */
    public static HeaderValue parse(String header) {
        if (header == null) {
            return new HeaderValue("", Map.of());
        }
        int semi = header.indexOf(';');
        String value = (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> extended = new LinkedHashMap<>();
        int i = semi < 0 ? header.length() : semi + 1;
        int n = header.length();
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ';')) {
                i++;
            }
            int nameStart = i;
            while (i < n && header.charAt(i) != '=' && header.charAt(i) != ';') {
                i++;
            }
            String name = header.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            if (i >= n || header.charAt(i) == ';') {
                continue; // a parameter without a value: skipped
            }
            i++; // '='
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            String val;
            if (i < n && header.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && header.charAt(i) != '"') {
                    char c = header.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = header.charAt(++i);
                    }
                    sb.append(c);
                    i++;
                }
                i++; // closing quote (or end)
                val = sb.toString();
                while (i < n && header.charAt(i) != ';') {
                    i++;
                }
            } else {
                int start = i;
                while (i < n && header.charAt(i) != ';') {
                    i++;
                }
                val = header.substring(start, i).trim();
            }
            if (name.isEmpty()) {
                continue;
            }
            if (name.endsWith("*")) {
                String decoded = decodeExtended(val);
                if (decoded != null) {
                    extended.put(name.substring(0, name.length() - 1), decoded);
                }
            } else {
                params.putIfAbsent(name, val);
            }
        }
        params.putAll(extended);
        return new HeaderValue(value, Collections.unmodifiableMap(params));
    }

    /** RFC 8187: {@code charset'lang'pct-encoded}; null when malformed or the charset is unknown. */
    private static String decodeExtended(String v) {
        int q1 = v.indexOf('\'');
        int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
        if (q2 < 0) {
            return null;
        }
        Charset cs;
        try {
            cs = Charset.forName(v.substring(0, q1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String pct = v.substring(q2 + 1);
        if (cs.equals(StandardCharsets.UTF_8)) {
            return PercentCodec.decode(pct, false);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < pct.length(); i++) {
            char c = pct.charAt(i);
            if (c == '%' && i + 2 < pct.length() && PercentCodec.hex(pct.charAt(i + 1)) >= 0
                    && PercentCodec.hex(pct.charAt(i + 2)) >= 0) {
                out.write(PercentCodec.hex(pct.charAt(i + 1)) << 4 | PercentCodec.hex(pct.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(cs);
    }

    /** A parameter's value, or null. */
    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    /** The {@code charset} parameter as a Charset, or {@code fallback} when absent or unknown. */
    public Charset charset(Charset fallback) {
        String name = param("charset");
        if (name == null) {
            return fallback;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
