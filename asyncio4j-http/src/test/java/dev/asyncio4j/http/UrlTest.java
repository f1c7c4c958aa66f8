package dev.asyncio4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UrlTest {
    @Test
    void partsOfAFullUrl() {
        Url u = Url.parse("HTTPS://us%20er:p%40ss@Example.COM:8443/a%2Fb/c d?q=a+b&x=%26&x=2#frag%20x");
        assertEquals("https", u.scheme());
        assertEquals("us er", u.user());
        assertEquals("p@ss", u.password());
        assertEquals("example.com", u.host());
        assertEquals(8443, u.port());
        assertEquals("/a%2Fb/c%20d", u.rawPath());
        assertEquals("/a/b/c d", u.path());
        assertEquals(MultiDict.of("q", "a b", "x", "&", "x", "2"), u.query());
        assertEquals("frag x", u.fragment());
        assertEquals("/a%2Fb/c%20d?q=a+b&x=%26&x=2", u.pathQs());
        assertEquals("example.com:8443", u.hostHeader());
        assertEquals("https://us%20er:p%40ss@example.com:8443/a%2Fb/c%20d?q=a+b&x=%26&x=2#frag%20x", u.toString());
    }

    @Test
    void defaultsAndIdna() {
        Url u = Url.parse("http://b\u00fccher.example");
        assertEquals("xn--bcher-kva.example", u.host());
        assertEquals(80, u.port());
        assertEquals(-1, u.explicitPort());
        assertEquals("/", u.pathQs());
        assertEquals("xn--bcher-kva.example", u.hostHeader());
        assertEquals("[::1]:8080", Url.parse("http://[::1]:8080/x").hostHeader());
        assertEquals("::1", Url.parse("http://[::1]:8080/x").host());
        assertEquals(443, Url.parse("wss://h/").port());
        assertTrue(Url.parse("http://h").isAbsolute());
        assertFalse(Url.parse("/relative").isAbsolute());
    }

    @Test
    void encodingOfUnencodedInput() {
        assertEquals("http://h/caf%C3%A9%20x/100%25?a=%C3%A9%20b", Url.parse("http://h/caf\u00e9 x/100%?a=\u00e9 b").toString());
        assertEquals("http://h/%7Eok%2F", Url.parse("http://h/%7eok%2f").toString());
    }

    @Test
    void withQueryEncodesProperly() {
        Url base = Url.parse("http://h/search?old=1#top");
        Url u = base.withQuery("q", "asyncio & java", "lang", "caf\u00e9", "sym", "a+b=c;d/e?");
        assertEquals("http://h/search?q=asyncio+%26+java&lang=caf%C3%A9&sym=a%2Bb%3Dc%3Bd/e?#top", u.toString());
        assertEquals(MultiDict.of("q", "asyncio & java", "lang", "caf\u00e9", "sym", "a+b=c;d/e?"), u.query());
        assertEquals("http://h/search#top", base.withQuery(MultiDict.EMPTY).toString());
        assertEquals("http://h/search?old=2&new=1#top", base.updateQuery(MultiDict.of("old", "2", "new", "1")).toString());
        assertEquals("http://h/search?old=1&old=3#top", base.extendQuery(MultiDict.of("old", "3")).toString());
        assertEquals("http://h/a%20b", base.withPath("a b").toString());
    }

    @ParameterizedTest(name = "[{index}] ref {0}")
    @CsvSource({
        // RFC 3986 5.4.1 and 5.4.2 with base http://a/b/c/d;p?q
        "g:h, g:h", "g, http://a/b/c/g", "./g, http://a/b/c/g", "g/, http://a/b/c/g/", "/g, http://a/g",
        "//g, http://g", "?y, http://a/b/c/d;p?y", "g?y, http://a/b/c/g?y", "#s, http://a/b/c/d;p?q#s",
        "g#s, http://a/b/c/g#s", "g?y#s, http://a/b/c/g?y#s", ";x, http://a/b/c/;x", "g;x, http://a/b/c/g;x",
        "'', http://a/b/c/d;p?q", "., http://a/b/c/", "./, http://a/b/c/", ".., http://a/b/", "../, http://a/b/",
        "../g, http://a/b/g", "../.., http://a/", "../../, http://a/", "../../g, http://a/g",
        "../../../g, http://a/g", "../../../../g, http://a/g", "/./g, http://a/g", "/../g, http://a/g",
        "g., http://a/b/c/g.", ".g, http://a/b/c/.g", "g.., http://a/b/c/g..", "..g, http://a/b/c/..g",
        "./../g, http://a/b/g", "./g/., http://a/b/c/g/", "g/./h, http://a/b/c/g/h", "g/../h, http://a/b/c/h",
    })
    void joinFollowsRfc3986(String ref, String expected) {
        assertEquals(expected, Url.parse("http://a/b/c/d;p?q").resolve(ref).toString());
    }

    @Test
    void badUrls() {
        assertThrows(IllegalArgumentException.class, () -> Url.parse("http://h:99999/"));
        assertThrows(IllegalArgumentException.class, () -> Url.parse("http://h:8o/"));
        assertThrows(IllegalArgumentException.class, () -> Url.parse("http://[::1/"));
        assertThrows(IllegalArgumentException.class, () -> Url.parse("http://h/\r\nX: y"));
        assertThrows(IllegalStateException.class, () -> Url.parse("/x").origin());
        assertNull(Url.parse("/x").host());
    }

    @Test
    void withoutUserInfo() {
        Url u = Url.parse("http://user:pass@example.com:8080/p?q#f");
        assertEquals("http://example.com:8080/p?q#f", u.withoutUserInfo().toString());
        Url plain = Url.parse("http://example.com/");
        assertSame(plain, plain.withoutUserInfo());
    }
}
