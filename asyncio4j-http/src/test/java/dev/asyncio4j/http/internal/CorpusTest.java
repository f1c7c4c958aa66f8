package dev.asyncio4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.http.MultiDict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real messages captured from curl, aiohttp, nginx and Python's http.server by
 * {@code src/test/corpus/capture.py}: each parses without error, the same whole, byte by byte
 * and in random splits, and its body decodes to what the peer meant.
 */
class CorpusTest {
    static Path dir(String kind) {
        try {
            return Path.of(CorpusTest.class.getResource("corpus/" + kind).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Path> files(String kind) throws IOException {
        return Files.list(dir(kind)).sorted();
    }

    static Stream<Path> requests() throws IOException {
        return files("requests");
    }

    static Stream<Path> responses() throws IOException {
        return files("responses");
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void request(Path file) {
        String text = new String(read(file), StandardCharsets.ISO_8859_1);
        Recorder.Outcome o = RequestParserTest.parse(text, HttpLimits.SERVER);
        assertEquals("eof-ok", o.end(), file.toString());
        RequestHead head = (RequestHead) o.events().getFirst();
        String body = ((String) o.events().get(1));
        body = body.substring(5, body.length() - 1);
        String name = file.getFileName().toString();
        String type = head.headers().get("Content-Type", "");
        if (type.startsWith("multipart/")) {
            List<MultipartParser.Part> parts = MultipartParser.parseAll(type,
                    body.getBytes(StandardCharsets.ISO_8859_1), MultipartParser.Limits.DEFAULT);
            assertEquals(2, parts.size(), name);
            if (name.startsWith("aiohttp")) {
                assertEquals("Caf\u00e9", parts.get(0).text());
                // aiohttp's client percent-encodes the name (quote_fields); its server does not decode it.
                assertEquals("r%C3%A9sum%C3%A9.bin", parts.get(1).filename());
                assertEquals("\u0000\u0001binary\r\n--x", new String(parts.get(1).data(), StandardCharsets.ISO_8859_1));
            }
        } else if (type.startsWith("application/x-www-form-urlencoded") && name.contains("form")) {
            MultiDict form = FormEncoding.decode(body);
            assertEquals(name.startsWith("aiohttp") ? MultiDict.of("a", "1 2", "b", "&=")
                    : MultiDict.of("a", "1", "b", "two words"), form);
        }
        if (name.contains("chunked")) {
            assertEquals(BodyFraming.CHUNKED, head.framing());
            assertEquals("line one\nline two\n".repeat(50), body);
        }
        if (name.contains("expect")) {
            assertTrue(head.expectContinue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void response(Path file) {
        String name = file.getFileName().toString();
        String method = name.substring(0, name.indexOf('-')).toUpperCase(Locale.ROOT);
        byte[] bytes = read(file);
        Recorder.Outcome o = ResponseParserTest.parse(method, new String(bytes, StandardCharsets.ISO_8859_1));
        assertEquals("eof-ok", o.end(), name);
        ResponseHead head = (ResponseHead) o.events().getFirst();
        String body = ((String) o.events().get(1));
        byte[] raw = body.substring(5, body.length() - 1).getBytes(StandardCharsets.ISO_8859_1);
        if (head.contentEncoding() != null) {
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            ContentDecoder d = ContentDecoder.forEncoding(head.contentEncoding(), 1 << 20);
            d.feed(raw, 0, raw.length, decoded::write);
            d.finish();
            String text = decoded.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith(name.contains("nginx") ? "The quick brown fox" : "compress me"), text);
        }
        if (name.equals("get-nginx-json.http") || name.equals("get-aiohttp-json.http")) {
            assertEquals(name.contains("nginx") ? "{\"message\":\"Hello, World!\"}" : "{\"message\": \"Hello, World!\"}",
                    new String(raw, StandardCharsets.UTF_8));
        }
        if (method.equals("HEAD") || name.contains("204") || name.contains("304")) {
            assertEquals(0, raw.length, name);
        }
        if (name.contains("chunked")) {
            assertEquals(BodyFraming.CHUNKED, head.framing());
        }
    }
}
