package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.Url;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The client's cookie store: aiohttp's {@code CookieJar}. {@link #update} takes a response's
 * {@code Set-Cookie} fields, {@link #filter}/{@link #cookieHeader} give the cookies to send with
 * a request (RFC 6265 5.4: domain and path match, Secure only over https/wss or to localhost,
 * expired ones dropped, longer paths first). As in aiohttp, cookies from a host that is an IP
 * address are refused unless the jar is {@code unsafe}, and cookies the user adds without a
 * domain go to every host.
 *
 * <p>Loop-confined.
 */
public final class CookieJar implements Iterable<Cookie> {
    /*
     * Overview: cookies keyed by (domain, path, name), in insertion order. Bounded: at most
     * MAX_PER_DOMAIN per domain and MAX_TOTAL in all; beyond, the oldest is evicted.
     */
    static final int MAX_PER_DOMAIN = 50;
    static final int MAX_TOTAL = 3000;

    private record Key(String domain, String path, String name) {
    }

    private final Map<Key, Cookie> cookies = new LinkedHashMap<>();
    private final LongSupplier clock;
    private final boolean unsafe;

    /** A jar reading the system clock, refusing cookies from IP-address hosts. */
    public CookieJar() {
        this(System::currentTimeMillis, false);
    }

    /**
     * @param clock epoch milliseconds (inject one in tests)
     * @param unsafe accept cookies from hosts that are IP addresses (aiohttp's {@code unsafe=True})
     */
    public CookieJar(LongSupplier clock, boolean unsafe) {
        this.clock = clock;
        this.unsafe = unsafe;
    }

    /** Stores the {@code Set-Cookie} fields of a response from {@code responseUrl}: {@code update_cookies}. */
    public void update(Headers responseHeaders, Url responseUrl) {
        for (String setCookie : responseHeaders.getAll("Set-Cookie")) {
            update(setCookie, responseUrl);
        }
    }

    /** Stores one {@code Set-Cookie} field; returns the cookie, or null when it was ignored. */
    public Cookie update(String setCookie, Url responseUrl) {
        String host = responseUrl.host();
        if (host == null || (!unsafe && Cookie.isIpAddress(host))) {
            return null;
        }
        long now = clock.getAsLong();
        Cookie c = Cookie.parse(setCookie, responseUrl, now);
        if (c == null) {
            return null;
        }
        Key key = new Key(c.domain(), c.path(), c.name());
        if (c.isExpired(now)) {
            cookies.remove(key);
            return c;
        }
        Cookie old = cookies.remove(key);
        if (old != null) {
            c = new Cookie(c.name(), c.value(), c.domain(), c.hostOnly(), c.path(), c.expiresAt(), c.secure(),
                    c.httpOnly(), c.sameSite(), old.createdAt());
        }
        cookies.put(key, c);
        evict(c.domain());
        return c;
    }

    /**
     * Adds a cookie the user gives (aiohttp's {@code ClientSession(cookies=...)}), sent to every
     * host: path "/", no expiry.
     */
    public void add(String name, String value) {
        Cookie c = new Cookie(name, value, "", false, "/", Long.MAX_VALUE, false, false, null, clock.getAsLong());
        cookies.put(new Key("", "/", name), c);
        evict("");
    }

    private void evict(String domain) {
        removeExpired();
        long inDomain = cookies.keySet().stream().filter(k -> k.domain.equals(domain)).count();
        Iterator<Map.Entry<Key, Cookie>> it = cookies.entrySet().iterator();
        while (inDomain > MAX_PER_DOMAIN && it.hasNext()) {
            if (it.next().getKey().domain.equals(domain)) {
                it.remove();
                inDomain--;
            }
        }
        it = cookies.entrySet().iterator();
        while (cookies.size() > MAX_TOTAL && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private void removeExpired() {
        long now = clock.getAsLong();
        cookies.values().removeIf(c -> c.isExpired(now));
    }

    /** The cookies to send to {@code requestUrl}, most specific path first: {@code filter_cookies}. */
    public List<Cookie> filter(Url requestUrl) {
        removeExpired();
        String host = requestUrl.host() == null ? "" : requestUrl.host();
        String scheme = requestUrl.scheme() == null ? "" : requestUrl.scheme();
        boolean secureChannel = scheme.equals("https") || scheme.equals("wss")
                || host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
        String path = requestUrl.rawPath().isEmpty() ? "/" : requestUrl.rawPath();
        List<Cookie> out = new ArrayList<>();
        for (Cookie c : cookies.values()) {
            boolean domainOk = c.domain().isEmpty()
                    || (c.hostOnly() ? host.equals(c.domain()) : Cookie.domainMatches(host, c.domain()));
            if (domainOk && Cookie.pathMatches(path, c.path()) && (!c.secure() || secureChannel)) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingInt((Cookie c) -> -c.path().length()).thenComparingLong(Cookie::createdAt));
        return out;
    }

    /** The {@code Cookie} header value for {@code requestUrl}, or null when there is nothing to send. */
    public String cookieHeader(Url requestUrl) {
        List<Cookie> send = filter(requestUrl);
        if (send.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Cookie c : send) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(c.name()).append('=').append(c.value());
        }
        return sb.toString();
    }

    /** Removes every cookie: {@code clear()}. */
    public void clear() {
        cookies.clear();
    }

    /** Removes the cookies of {@code domain} and its subdomains: {@code clear_domain}. */
    public void clearDomain(String domain) {
        cookies.values().removeIf(c -> Cookie.domainMatches(c.domain(), domain));
    }

    /** True when no cookie is stored (expired ones not yet dropped count as stored): a cheap test. */
    public boolean isEmpty() {
        return cookies.isEmpty();
    }

    /** How many unexpired cookies are stored. */
    public int size() {
        removeExpired();
        return cookies.size();
    }

    @Override
    public Iterator<Cookie> iterator() {
        removeExpired();
        return List.copyOf(cookies.values()).iterator();
    }

    @Override
    public String toString() {
        return "CookieJar[" + cookies.size() + " cookies" + (unsafe ? ", unsafe" : "") + "]";
    }
}
