package dev.asyncio4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.Url;
import org.junit.jupiter.api.Test;

class CookieJarTest {
    private final long[] now = {1_700_000_000_000L};
    private final CookieJar jar = new CookieJar(() -> now[0], false);

    private static Url url(String s) {
        return Url.parse(s);
    }

    @Test
    void domainAndPathMatching() {
        Url origin = url("http://www.example.com/docs/index.html");
        jar.update(Headers.of(
                "Set-Cookie", "host=1",
                "Set-Cookie", "dom=2; Domain=.Example.com; Path=/",
                "Set-Cookie", "deep=3; Path=/docs/api",
                "Set-Cookie", "other=4; Domain=evil.com"), origin);
        assertEquals(3, jar.size(), "a Domain the origin does not match is ignored");
        assertEquals("host=1; dom=2", jar.cookieHeader(url("http://www.example.com/docs/x")));
        assertEquals("deep=3; host=1; dom=2", jar.cookieHeader(url("http://www.example.com/docs/api/v1")));
        assertEquals("dom=2", jar.cookieHeader(url("http://api.example.com/")), "host-only cookies stay on their host");
        assertEquals("dom=2", jar.cookieHeader(url("http://www.example.com/docsx")), "path matching is by segments");
        assertNull(jar.cookieHeader(url("http://example.org/")));
        assertNull(jar.cookieHeader(url("http://notexample.com/")));
    }

    @Test
    void expiryByMaxAgeAndExpires() {
        Url origin = url("https://a.test/");
        jar.update("session=s", origin);
        jar.update("short=1; Max-Age=10", origin);
        jar.update("dated=1; Expires=Wed, 15 Nov 2023 00:00:00 GMT", origin);
        jar.update("both=1; Expires=Wed, 15 Nov 2023 00:00:00 GMT; Max-Age=1", origin);
        assertEquals(4, jar.size());
        now[0] += 5_000;
        assertEquals("session=s; short=1; dated=1", jar.cookieHeader(origin));
        now[0] += 86_400_000;
        assertEquals("session=s", jar.cookieHeader(origin));
        jar.update("session=gone; Max-Age=0", origin);
        assertEquals(0, jar.size(), "Max-Age=0 deletes");
    }

    @Test
    void secureCookiesAndIpHosts() {
        jar.update("s=1; Secure; HttpOnly; SameSite=Lax", url("https://site.test/"));
        assertNull(jar.cookieHeader(url("http://site.test/")));
        assertEquals("s=1", jar.cookieHeader(url("https://site.test/")));
        assertNull(jar.update("ip=1", url("http://10.0.0.1/")), "IP hosts refused unless unsafe");
        CookieJar unsafe = new CookieJar(() -> now[0], true);
        unsafe.update("ip=1", url("http://127.0.0.1:8080/"));
        assertEquals("ip=1", unsafe.cookieHeader(url("http://127.0.0.1:8080/x")));
    }

    @Test
    void replacementKeepsCreationOrderAndUserCookiesGoEverywhere() {
        Url origin = url("http://a.test/");
        jar.update("a=1", origin);
        now[0]++;
        jar.update("b=1", origin);
        now[0]++;
        jar.update("a=2", origin);
        assertEquals("a=2; b=1", jar.cookieHeader(origin));
        jar.add("token", "xyz");
        assertEquals("a=2; b=1; token=xyz", jar.cookieHeader(origin));
        assertEquals("token=xyz", jar.cookieHeader(url("http://elsewhere.test/")));
        jar.clearDomain("a.test");
        assertEquals("token=xyz", jar.cookieHeader(origin));
        jar.clear();
        assertEquals(0, jar.size());
    }

    @Test
    void malformedSetCookieIsIgnored() {
        Url origin = url("http://a.test/");
        assertNull(jar.update("novalue", origin));
        assertNull(jar.update("=x", origin));
        assertNull(jar.update("a=b\u0001", origin));
        assertNull(jar.update("big=" + "x".repeat(9000), origin));
        assertEquals(0, jar.size());
    }

    @Test
    void boundedPerDomain() {
        Url origin = url("http://a.test/");
        for (int i = 0; i < CookieJar.MAX_PER_DOMAIN + 5; i++) {
            jar.update("c" + i + "=1", origin);
        }
        assertEquals(CookieJar.MAX_PER_DOMAIN, jar.size());
        assertFalse(jar.cookieHeader(origin).contains("c0="), "the oldest were evicted");
    }

    @Test
    void cookieDates() {
        long t = 1_700_006_400_000L; // Wed, 15 Nov 2023 00:00:00 GMT
        assertEquals(t, Cookie.parseDate("Wed, 15 Nov 2023 00:00:00 GMT"));
        assertEquals(t, Cookie.parseDate("Wednesday, 15-Nov-23 00:00:00 GMT"));
        assertEquals(t, Cookie.parseDate("Wed Nov 15 00:00:00 2023"));
        assertEquals(Long.MIN_VALUE, Cookie.parseDate("not a date"));
        assertEquals(Long.MIN_VALUE, Cookie.parseDate("Wed, 31 Feb 2023 00:00:00 GMT"));
        assertTrue(Cookie.pathMatches("/a/b", "/a"));
        assertEquals("/docs", Cookie.defaultPath("/docs/index.html"));
        assertEquals("/", Cookie.defaultPath("/index.html"));
    }
}
