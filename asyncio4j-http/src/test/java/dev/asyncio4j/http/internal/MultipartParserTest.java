package dev.asyncio4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncio4j.http.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartParserTest {
    static final String TYPE = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW";

    static byte[] body(byte[] file) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("preamble to ignore\r\n------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
                + "Caf\u00e9 r\u00e9sum\u00e9\r\n"
                + "------WebKitFormBoundary7MA4YWxkTrZu0gW  \r\n"
                + "Content-Disposition: form-data; name=\"upload\"; filename=\"a.bin\"; filename*=UTF-8''%E2%82%AC.bin\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(file);
        b.writeBytes("\r\n------WebKitFormBoundary7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\nepilogue".getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    static byte[] tricky() {
        // Data full of delimiter prefixes and CRLFs.
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes("\r\n--\r\n------WebKitFormBoundary7MA4YWxkTrZu0g\r\r\n\r\n-".getBytes(StandardCharsets.ISO_8859_1));
        byte[] noise = new byte[5000];
        new Random(3).nextBytes(noise);
        f.writeBytes(noise);
        f.writeBytes("\r".getBytes(StandardCharsets.ISO_8859_1));
        return f.toByteArray();
    }

    /** Parses with cuts every {@code step} bytes; returns "name|filename|data" per part. */
    static List<Object> parse(byte[] body, int step) {
        List<Object> events = new ArrayList<>();
        ByteArrayOutputStream[] cur = new ByteArrayOutputStream[1];
        MultipartParser p = MultipartParser.forContentType(TYPE, MultipartParser.Limits.DEFAULT, new MultipartParser.Listener() {
            @Override
            public void onPartStart(Headers headers) {
                events.add(headers);
                cur[0] = new ByteArrayOutputStream();
            }

            @Override
            public void onPartData(byte[] data, int offset, int length) {
                cur[0].write(data, offset, length);
            }

            @Override
            public void onPartEnd() {
                events.add(cur[0].toByteArray());
            }

            @Override
            public void onEnd() {
                events.add("end");
            }
        });
        for (int i = 0; i < body.length; i += step) {
            p.feed(body, i, Math.min(step, body.length - i));
        }
        p.feedEof();
        return events;
    }

    @Test
    void partsAreTheSameWhateverTheSplit() {
        byte[] file = tricky();
        byte[] body = body(file);
        List<Object> whole = parse(body, body.length);
        assertEquals(7, whole.size());
        assertArrayEquals(file, (byte[]) whole.get(3));
        for (int step : new int[] {1, 2, 3, 7, 41, 42, 43, 100}) {
            List<Object> split = parse(body, step);
            assertEquals(whole.size(), split.size());
            for (int i = 0; i < whole.size(); i++) {
                if (whole.get(i) instanceof byte[] w) {
                    assertArrayEquals(w, (byte[]) split.get(i), "step " + step + " part " + i);
                } else {
                    assertEquals(whole.get(i), split.get(i));
                }
            }
        }
    }

    @Test
    void partsInMemory() {
        byte[] file = tricky();
        List<MultipartParser.Part> parts = MultipartParser.parseAll(TYPE, body(file), MultipartParser.Limits.DEFAULT);
        assertEquals(3, parts.size());
        assertEquals("title", parts.get(0).name());
        assertEquals("Caf\u00e9 r\u00e9sum\u00e9", parts.get(0).text());
        assertEquals("upload", parts.get(1).name());
        assertEquals("\u20ac.bin", parts.get(1).filename());
        assertEquals("application/octet-stream", parts.get(1).contentType());
        assertArrayEquals(file, parts.get(1).data());
        assertEquals("", parts.get(2).text());
    }

    @Test
    void malformedBodies() {
        String b = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nvalue";
        assertEquals("multipart body ended without its close delimiter", assertThrows(HttpParseException.class,
                () -> MultipartParser.parseAll("multipart/form-data; boundary=XyZ", bytes(b), MultipartParser.Limits.DEFAULT)).detail());
        assertEquals(400, assertThrows(HttpParseException.class, () -> MultipartParser.parseAll(
                "multipart/form-data; boundary=XyZ", bytes("--XyZ\r\nBad Header\r\n\r\nx\r\n--XyZ--"),
                MultipartParser.Limits.DEFAULT)).status());
        assertEquals(400, assertThrows(HttpParseException.class, () -> MultipartParser.parseAll(
                "multipart/form-data; boundary=XyZ", bytes("--XyZjunk\r\n\r\nx\r\n--XyZ--"),
                MultipartParser.Limits.DEFAULT)).status());
        String many = "--XyZ\r\n\r\na\r\n".repeat(3) + "--XyZ--";
        assertEquals(413, assertThrows(HttpParseException.class, () -> MultipartParser.parseAll(
                "multipart/form-data; boundary=XyZ", bytes(many), new MultipartParser.Limits(2, 100))).status());
        String bigHeader = "--XyZ\r\nX-Long: " + "a".repeat(200) + "\r\n\r\nx\r\n--XyZ--";
        assertEquals(431, assertThrows(HttpParseException.class, () -> MultipartParser.parseAll(
                "multipart/form-data; boundary=XyZ", bytes(bigHeader), new MultipartParser.Limits(2, 100))).status());
        assertThrows(IllegalArgumentException.class, () -> MultipartParser.parseAll("multipart/form-data", bytes(""),
                MultipartParser.Limits.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> MultipartParser.parseAll("text/plain; boundary=x", bytes(""),
                MultipartParser.Limits.DEFAULT));
    }

    @Test
    void headerValueParameters() {
        HeaderValue ct = HeaderValue.parse("Text/HTML; Charset=\"utf-8\"; q=\"a\\\"b\"; broken; x=1");
        assertEquals("text/html", ct.value());
        assertEquals("utf-8", ct.param("charset"));
        assertEquals("a\"b", ct.param("q"));
        assertEquals("1", ct.param("x"));
        assertEquals(StandardCharsets.UTF_8, ct.charset(StandardCharsets.ISO_8859_1));
        HeaderValue cd = HeaderValue.parse("attachment; filename*=iso-8859-1'en'%A3%20rates.txt; filename=\"plain.txt\"");
        assertEquals("\u00a3 rates.txt", cd.param("filename"));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
