package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.Url;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * One stored cookie and the RFC 6265 rules for reading it from a {@code Set-Cookie} field
 * (section 5.2 parsing, 5.1.1 dates, 5.1.3 domain matching, 5.1.4 paths). aiohttp keeps these
 * as {@code Morsel}s in its {@code CookieJar}.
 *
 * <p>Immutable.
 *
 * @param name the cookie's name
 * @param value its value, as sent
 * @param domain lower case without a leading dot; "" for a cookie the user set for every host
 * @param hostOnly true when only {@code domain} itself matches (no Domain attribute was given)
 * @param path the path prefix the cookie is sent for
 * @param expiresAt epoch milliseconds, or {@link Long#MAX_VALUE} for a session cookie
 * @param secure sent over https/wss only
 * @param httpOnly not for scripts (kept, has no effect on the client)
 * @param sameSite the SameSite attribute, or null
 * @param createdAt when first stored, in epoch milliseconds (orders cookies of equal paths)
 */
public record Cookie(String name, String value, String domain, boolean hostOnly, String path,
                     long expiresAt, boolean secure, boolean httpOnly, String sameSite, long createdAt) {
    /** Longest Set-Cookie field accepted, as browsers bound it. */
    static final int MAX_SET_COOKIE = 8192;

    /** True when the cookie has expired at {@code nowMillis}. */
    public boolean isExpired(long nowMillis) {
        return expiresAt <= nowMillis;
    }

    /** {@code name=value}, as in a Cookie request header. */
    public String pair() {
        return name + "=" + value;
    }

    /**
     * Reads a {@code Set-Cookie} field received in a response from {@code origin} at
     * {@code nowMillis}; null when RFC 6265 says to ignore it (no "=", an empty name, a Domain
     * the origin does not match, an oversized field).
     */
    public static Cookie parse(String setCookie, Url origin, long nowMillis) {
        if (setCookie.length() > MAX_SET_COOKIE) {
            return null;
        }
        String[] parts = setCookie.split(";", -1);
        String pair = parts[0];
        int eq = pair.indexOf('=');
        if (eq < 0) {
            return null;
        }
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (name.isEmpty() || hasControl(name) || hasControl(value)) {
            return null;
        }
        String host = origin.host() == null ? "" : origin.host();
        long expires = Long.MAX_VALUE;
        boolean maxAgeSeen = false;
        String domainAttr = null;
        String path = null;
        boolean secure = false;
        boolean httpOnly = false;
        String sameSite = null;
        for (int i = 1; i < parts.length; i++) {
            String av = parts[i];
            int e = av.indexOf('=');
            String key = (e < 0 ? av : av.substring(0, e)).strip().toLowerCase(Locale.ROOT);
            String val = e < 0 ? "" : av.substring(e + 1).strip();
            switch (key) {
                case "expires" -> {
                    if (!maxAgeSeen) {
                        long t = parseDate(val);
                        if (t != Long.MIN_VALUE) {
                            expires = t;
                        }
                    }
                }
                case "max-age" -> {
                    if (val.matches("-?[0-9]+")) {
                        maxAgeSeen = true;
                        long seconds;
                        try {
                            seconds = Long.parseLong(val);
                        } catch (NumberFormatException overflow) {
                            seconds = val.startsWith("-") ? -1 : Long.MAX_VALUE / 1000;
                        }
                        expires = seconds <= 0 ? Long.MIN_VALUE
                                : nowMillis + Math.min(seconds, (Long.MAX_VALUE - nowMillis) / 1000 - 1) * 1000;
                    }
                }
                case "domain" -> {
                    if (!val.isEmpty()) {
                        domainAttr = (val.startsWith(".") ? val.substring(1) : val).toLowerCase(Locale.ROOT);
                    }
                }
                case "path" -> path = val.startsWith("/") ? val : null;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "samesite" -> sameSite = val;
                default -> {
                }
            }
        }
        boolean hostOnly = domainAttr == null || domainAttr.isEmpty();
        String domain = hostOnly ? host : domainAttr;
        if (!hostOnly && !domainMatches(host, domain)) {
            return null;
        }
        if (path == null) {
            path = defaultPath(origin.path());
        }
        return new Cookie(name, value, domain, hostOnly, path, expires, secure, httpOnly, sameSite, nowMillis);
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /** RFC 6265 5.1.3: {@code host} equals {@code domain}, or is a name under it (not an IP). */
    public static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        return host.endsWith(domain) && host.length() > domain.length()
                && host.charAt(host.length() - domain.length() - 1) == '.' && !isIpAddress(host);
    }

    /** RFC 6265 5.1.4: {@code requestPath} is {@code cookiePath} or below it. */
    public static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    /** RFC 6265 5.1.4: the directory of the request path. */
    static String defaultPath(String uriPath) {
        if (uriPath.isEmpty() || uriPath.charAt(0) != '/') {
            return "/";
        }
        int last = uriPath.lastIndexOf('/');
        return last == 0 ? "/" : uriPath.substring(0, last);
    }

    /** An IPv4 dotted quad or an IPv6 literal. */
    static boolean isIpAddress(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    /**
     * RFC 6265 5.1.1 cookie-date parsing, which reads the date formats servers really send;
     * returns epoch milliseconds, or {@link Long#MIN_VALUE} when it is not a date.
     */
    static long parseDate(String text) {
        int hour = -1;
        int minute = -1;
        int second = -1;
        int day = -1;
        int month = -1;
        int year = -1;
        for (String token : text.split("[\\x09\\x20-\\x2F\\x3B-\\x40\\x5B-\\x60\\x7B-\\x7E]+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (hour < 0 && token.matches("[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}([^0-9].*)?")) {
                String[] hms = token.replaceAll("[^0-9:].*$", "").split(":");
                hour = Integer.parseInt(hms[0]);
                minute = Integer.parseInt(hms[1]);
                second = Integer.parseInt(hms[2]);
            } else if (day < 0 && token.matches("[0-9]{1,2}([^0-9].*)?")) {
                day = Integer.parseInt(token.replaceAll("[^0-9].*$", ""));
            } else if (month < 0 && token.length() >= 3 && monthIndex(token) >= 0) {
                month = monthIndex(token) + 1;
            } else if (year < 0 && token.matches("[0-9]{2,4}([^0-9].*)?")) {
                year = Integer.parseInt(token.replaceAll("[^0-9].*$", ""));
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (day < 1 || day > 31 || month < 0 || year < 1601 || hour < 0 || hour > 23 || minute > 59 || second > 59) {
            return Long.MIN_VALUE;
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException invalidDay) {
            return Long.MIN_VALUE;
        }
        return date.atTime(hour, minute, second).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static int monthIndex(String token) {
        String prefix = token.substring(0, 3).toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
