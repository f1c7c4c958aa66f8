package dev.asyncio4j.http.server;

import java.time.Duration;

/**
 * The attributes of a cookie a response sets: the keyword arguments of aiohttp's
 * {@code StreamResponse.set_cookie()}, as an immutable record with {@code with*} methods.
 *
 * <pre>{@code
 * response.setCookie("session", id, CookieOptions.DEFAULT.withHttpOnly(true).withMaxAge(Duration.ofHours(1)));
 * }</pre>
 *
 * @param path the {@code Path} attribute (default {@code "/"}, as aiohttp), or null for none
 * @param domain the {@code Domain} attribute, or null
 * @param maxAge the {@code Max-Age} attribute, or null
 * @param expires the {@code Expires} attribute as an HTTP date, or null
 * @param secure the {@code Secure} flag
 * @param httpOnly the {@code HttpOnly} flag
 * @param sameSite {@code Strict}, {@code Lax} or {@code None}, or null
 */
public record CookieOptions(String path, String domain, Duration maxAge, String expires, boolean secure,
                            boolean httpOnly, String sameSite) {

    /** {@code Path=/} and nothing else. */
    public static final CookieOptions DEFAULT = new CookieOptions("/", null, null, null, false, false, null);

    /**
     * A copy with {@link #path()} set.
     *
     * @param value the new {@code path}
     * @return a copy of these options with that {@code path}
     */
    public CookieOptions withPath(String value) {
        return new CookieOptions(value, domain, maxAge, expires, secure, httpOnly, sameSite);
    }

    /**
     * A copy with {@link #domain()} set.
     *
     * @param value the new {@code domain}
     * @return a copy of these options with that {@code domain}
     */
    public CookieOptions withDomain(String value) {
        return new CookieOptions(path, value, maxAge, expires, secure, httpOnly, sameSite);
    }

    /**
     * A copy with {@link #maxAge()} set.
     *
     * @param value the new {@code maxAge}
     * @return a copy of these options with that {@code maxAge}
     */
    public CookieOptions withMaxAge(Duration value) {
        return new CookieOptions(path, domain, value, expires, secure, httpOnly, sameSite);
    }

    /**
     * A copy with {@link #expires()} set.
     *
     * @param value the new {@code expires}
     * @return a copy of these options with that {@code expires}
     */
    public CookieOptions withExpires(String value) {
        return new CookieOptions(path, domain, maxAge, value, secure, httpOnly, sameSite);
    }

    /**
     * A copy with {@link #secure()} set.
     *
     * @param value the new {@code secure}
     * @return a copy of these options with that {@code secure}
     */
    public CookieOptions withSecure(boolean value) {
        return new CookieOptions(path, domain, maxAge, expires, value, httpOnly, sameSite);
    }

    /**
     * A copy with {@link #httpOnly()} set.
     *
     * @param value the new {@code httpOnly}
     * @return a copy of these options with that {@code httpOnly}
     */
    public CookieOptions withHttpOnly(boolean value) {
        return new CookieOptions(path, domain, maxAge, expires, secure, value, sameSite);
    }

    /**
     * A copy with {@link #sameSite()} set.
     *
     * @param value the new {@code sameSite}
     * @return a copy of these options with that {@code sameSite}
     */
    public CookieOptions withSameSite(String value) {
        return new CookieOptions(path, domain, maxAge, expires, secure, httpOnly, value);
    }

    /** The {@code Set-Cookie} value for {@code name=value} with these attributes. */
    String format(String name, String value) {
        StringBuilder sb = new StringBuilder(name).append('=').append(quoteIfNeeded(value));
        if (domain != null) {
            sb.append("; Domain=").append(domain);
        }
        if (expires != null) {
            sb.append("; expires=").append(expires);
        }
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        if (maxAge != null) {
            sb.append("; Max-Age=").append(maxAge.toSeconds());
        }
        if (path != null) {
            sb.append("; Path=").append(path);
        }
        if (sameSite != null) {
            sb.append("; SameSite=").append(sameSite);
        }
        if (secure) {
            sb.append("; Secure");
        }
        return sb.toString();
    }

    /** As Python's {@code http.cookies}: a value with characters outside a cookie-octet is quoted. */
    private static String quoteIfNeeded(String value) {
        if (value.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7F || c == '"' || c == ',' || c == ';' || c == '\\') {
                StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
                for (int j = 0; j < value.length(); j++) {
                    char d = value.charAt(j);
                    if (d == '"' || d == '\\') {
                        sb.append('\\');
                    }
                    sb.append(d);
                }
                return sb.append('"').toString();
            }
        }
        return value;
    }
}
