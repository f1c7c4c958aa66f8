package dev.asyncio4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void caseInsensitiveMultiValuedOrdered() {
        Headers h = Headers.of("Accept", "text/html", "Content-Type", "text/plain", "accept", "application/json");
        assertEquals("text/html", h.get("ACCEPT"));
        assertEquals(List.of("text/html", "application/json"), h.getAll("accept"));
        assertEquals("text/plain", h.getOne("content-type"));
        assertTrue(h.contains("CONTENT-TYPE"));
        assertFalse(h.contains("Host"));
        assertNull(h.get("Host"));
        assertEquals("x", h.get("Host", "x"));
        assertEquals(List.of(), h.getAll("Host"));
        assertThrows(NoSuchElementException.class, () -> h.getOne("Host"));
        assertEquals(Set.of("Accept", "Content-Type"), h.names());
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, String> e : h) {
            seen.add(e.getKey() + "=" + e.getValue());
        }
        assertEquals(List.of("Accept=text/html", "Content-Type=text/plain", "accept=application/json"), seen);
        assertEquals("Headers[Accept: text/html, Content-Type: text/plain, accept: application/json]", h.toString());
        assertEquals(h, Headers.of("accept", "text/html", "content-type", "text/plain", "ACCEPT", "application/json"));
        assertEquals(h.hashCode(), Headers.of("accept", "text/html", "content-type", "text/plain", "ACCEPT", "application/json").hashCode());
        assertThrows(IllegalArgumentException.class, () -> Headers.of("odd"));
        assertThrows(NullPointerException.class, () -> Headers.of("a", null));
    }

    @Test
    void mutableSetRemoveAndSnapshots() {
        MutableHeaders m = new MutableHeaders(1).add("X-A", "1").add("Set-Cookie", "a=1").add("x-a", "2").add("Set-Cookie", "b=2");
        Headers snapshot = m.toHeaders();
        m.set("X-A", "3");
        assertEquals(List.of("3"), m.getAll("x-a"));
        assertEquals("X-A", m.name(0), "set keeps the place of the first");
        assertEquals(List.of("1", "2"), snapshot.getAll("x-a"), "a snapshot does not change");
        assertEquals(2, m.remove("set-cookie"));
        assertEquals(0, m.remove("set-cookie"));
        assertEquals(1, m.size());
        assertEquals(4, snapshot.size());
        assertEquals("3", m.setDefault("x-a", "4"));
        assertEquals("5", m.setDefault("X-B", "5"));
        m.addAll(snapshot);
        assertEquals(6, m.size());
        Headers second = m.toHeaders();
        m.clear();
        assertTrue(m.isEmpty());
        assertEquals(6, second.size());
        MutableHeaders copy = snapshot.toMutable().add("New", "v");
        assertEquals(4, snapshot.size());
        assertEquals(5, copy.size());
        assertEquals(Headers.EMPTY, new MutableHeaders().toHeaders());
    }

    @Test
    void multiDictIsCaseSensitive() {
        MultiDict d = MultiDict.of("a", "1", "A", "2", "a", "3");
        assertEquals(List.of("1", "3"), d.getAll("a"));
        assertEquals("2", d.get("A"));
        assertEquals(MultiDict.of("a", "1", "A", "2", "a", "3", "b", "4"), d.with("b", "4"));
        assertEquals(MultiDict.of("A", "2", "a", "9"), d.updatedWith(MultiDict.of("a", "9")));
        assertEquals(MultiDict.of("k", "v"), MultiDict.copyOf(Map.of("k", "v")));
    }
}
