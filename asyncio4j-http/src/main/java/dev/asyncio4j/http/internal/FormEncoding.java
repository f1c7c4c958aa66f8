package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.MultiDict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} and URL query encoding: Python's
 * {@code urlencode(doseq=True)}/{@code parse_qsl(keep_blank_values=True)} as aiohttp uses them
 * for {@code FormData} and {@code Request.post()}, and yarl's query quoting for
 * {@code URL.with_query}. Text is UTF-8; a space is "+".
 *
 * <p>Stateless; thread-safe.
 */
public final class FormEncoding {
    private FormEncoding() {
    }

    /** A form body: every byte but unreserved ones encoded ({@code quote_plus(safe='')}). */
    public static String encodeForm(MultiDict fields) {
        return encode(fields, PercentCodec.UNRESERVED);
    }

    /** A query string as yarl writes it: also leaves {@code !$'()*,:@/?} readable. */
    public static String encodeQuery(MultiDict params) {
        return encode(params, PercentCodec.QUERY_PART);
    }

    private static String encode(MultiDict pairs, boolean[] safe) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : pairs) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(PercentCodec.encode(e.getKey(), safe, true)).append('=')
                    .append(PercentCodec.encode(e.getValue(), safe, true));
        }
        return sb.toString();
    }

    /**
     * Decodes {@code a=1&b=x+y&c} into pairs ({@code c} has value ""), keeping order and
     * repeats; empty pieces between "&" are skipped.
     */
    public static MultiDict decode(String encoded) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        int i = 0;
        int n = encoded.length();
        while (i <= n) {
            int amp = encoded.indexOf('&', i);
            int end = amp < 0 ? n : amp;
            if (end > i) {
                int eq = encoded.indexOf('=', i);
                String name;
                String value;
                if (eq < 0 || eq > end) {
                    name = encoded.substring(i, end);
                    value = "";
                } else {
                    name = encoded.substring(i, eq);
                    value = encoded.substring(eq + 1, end);
                }
                pairs.add(Map.entry(PercentCodec.decode(name, true), PercentCodec.decode(value, true)));
            }
            if (amp < 0) {
                break;
            }
            i = amp + 1;
        }
        return MultiDict.ofEntries(pairs);
    }

    /** Decodes a form body's bytes (ASCII by the media type's definition, escapes as UTF-8). */
    public static MultiDict decode(byte[] body, int offset, int length) {
        return decode(new String(body, offset, length, StandardCharsets.ISO_8859_1));
    }
}
