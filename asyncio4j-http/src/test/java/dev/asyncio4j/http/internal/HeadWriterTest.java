package dev.asyncio4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.HttpVersion;
import dev.asyncio4j.http.MutableHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadWriterTest {
    private final HeadWriter writer = new HeadWriter();

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void responseHeadWithBodyInOneArray() {
        DateCache date = new DateCache(() -> 784111777_000L);
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        byte[] out = writer.startResponse(HttpVersion.HTTP_1_1, 200, null)
                .header("Content-Type", "application/json")
                .date(date)
                .contentLength(body.length)
                .finish(body, 0, body.length);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 11\r\n\r\n{\"ok\":true}", text(out));
    }

    @Test
    void finishToHandsTheBufferOverWithoutACopy() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] body = "x=1".getBytes(StandardCharsets.UTF_8);
        writer.startRequest("POST", "/f", HttpVersion.HTTP_1_1).header("Host", "h").contentLength(3)
                .finishTo(body, 0, body.length, out::write);
        writer.startRequest("GET", "/", HttpVersion.HTTP_1_1).header("Host", "h").finishTo(out::write);
        assertEquals("POST /f HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nx=1GET / HTTP/1.1\r\nHost: h\r\n\r\n",
                text(out.toByteArray()));
        assertEquals(0, writer.size());
    }

    @Test
    void customReasonAndVersion() {
        assertEquals("HTTP/1.0 299 Fine Indeed\r\n\r\n",
                text(writer.startResponse(HttpVersion.HTTP_1_0, 299, "Fine Indeed").finish()));
        assertEquals("HTTP/1.1 799 \r\n\r\n", text(writer.startResponse(HttpVersion.HTTP_1_1, 799, null).finish()));
    }

    @Test
    void requestRoundTripsThroughTheParser() {
        MutableHeaders h = new MutableHeaders()
                .add("Host", "example.com")
                .add("Accept", "text/html")
                .add("Accept", "application/json")
                .add("X-Name", "caf\u00e9 \u20ac")
                .add("Empty", "");
        byte[] body = new byte[1000];
        new Random(1).nextBytes(body);
        byte[] out = writer.startRequest("POST", "/p?q=1", HttpVersion.HTTP_1_1).headers(h)
                .contentLength(body.length).finish(body, 0, body.length);
        Recorder<RequestHead> r = new Recorder<>();
        new RequestParser(HttpLimits.SERVER, r).feed(out);
        RequestHead head = r.heads.getFirst();
        assertEquals("POST", head.method());
        assertEquals("/p?q=1", head.target());
        assertEquals(h.toHeaders(), headersWithout(head.headers(), "Content-Length"));
        assertArrayEquals(body, r.bodies.getFirst());
    }

    private static Headers headersWithout(Headers h, String name) {
        MutableHeaders m = h.toMutable();
        m.remove(name);
        return m.toHeaders();
    }

    @Test
    void chunkedBodyRoundTripsWithTrailers() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(writer.startResponse(HttpVersion.HTTP_1_1, 200, null)
                .header("Transfer-Encoding", "chunked").finish());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(2);
        for (int size : new int[] {1, 15, 16, 255, 256, 4096, 70000}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            expected.writeBytes(data);
            if (size % 2 == 0) {
                wire.writeBytes(ChunkedEncoder.chunk(data, 0, size));
            } else {
                wire.writeBytes(ChunkedEncoder.sizeLine(size));
                wire.writeBytes(data);
                wire.writeBytes(ChunkedEncoder.chunkEnd());
            }
        }
        wire.writeBytes(ChunkedEncoder.lastChunk(Headers.of("X-Checksum", "abc")));
        Recorder<ResponseHead> r = new Recorder<>();
        ResponseParser p = new ResponseParser(HttpLimits.CLIENT, r);
        assertEquals(wire.size(), p.feed(wire.toByteArray()));
        assertArrayEquals(expected.toByteArray(), r.bodies.getFirst());
        assertEquals(Headers.of("X-Checksum", "abc"), r.trailers.getFirst());
        assertEquals("1a\r\n", text(ChunkedEncoder.sizeLine(26)));
        assertEquals("0\r\n\r\n", text(ChunkedEncoder.lastChunk(Headers.EMPTY)));
    }

    @Test
    void headerInjectionIsRefused() {
        writer.startResponse(HttpVersion.HTTP_1_1, 200, null);
        assertThrows(IllegalArgumentException.class, () -> writer.header("X-A", "a\r\nSet-Cookie: x=1"));
        assertThrows(IllegalArgumentException.class, () -> writer.header("X-A", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> writer.header("X-A", "a\0b"));
        assertThrows(IllegalArgumentException.class, () -> writer.header("X A", "b"));
        assertThrows(IllegalArgumentException.class, () -> writer.header("", "b"));
        assertThrows(IllegalArgumentException.class, () -> writer.startResponse(HttpVersion.HTTP_1_1, 200, "OK\r\nX: y"));
        assertThrows(IllegalArgumentException.class, () -> writer.startRequest("GET", "/a b", HttpVersion.HTTP_1_1));
        assertThrows(IllegalArgumentException.class, () -> writer.startRequest("G T", "/", HttpVersion.HTTP_1_1));
        assertEquals("X-A: tab\there\r\n", text(new HeadWriter().header("X-A", "tab\there").finish()).substring(0, 15));
    }

    @Test
    void dateCacheFormatsOncePerSecond() {
        long[] now = {1_700_000_000_123L};
        int[] calls = {0};
        DateCache cache = new DateCache(() -> {
            calls[0]++;
            return now[0];
        });
        String first = cache.value();
        assertEquals("Tue, 14 Nov 2023 22:13:20 GMT", first);
        now[0] += 500;
        assertEquals(first, cache.value());
        now[0] += 500;
        assertEquals("Tue, 14 Nov 2023 22:13:21 GMT", cache.value());
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", DateCache.format(0));
        assertEquals("Mon, 29 Feb 2016 09:05:03 GMT", DateCache.format(1456736703));
    }
}
