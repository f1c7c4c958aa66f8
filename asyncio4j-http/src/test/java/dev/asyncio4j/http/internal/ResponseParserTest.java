package dev.asyncio4j.http.internal;

import static dev.asyncio4j.http.internal.Recorder.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.http.HttpMethod;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseParserTest {
    static final String JSON = "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: application/json\r\n"
            + "Content-Length: 17\r\nConnection: keep-alive\r\n\r\n{\"hello\":\"world\"}";

    static BiFunction<HttpLimits, Recorder<ResponseHead>, HttpParser<ResponseHead>> forMethod(String method) {
        return (limits, r) -> {
            ResponseParser p = new ResponseParser(limits, r);
            p.setRequestMethod(method);
            return p;
        };
    }

    /** Parses whole, byte by byte and in random splits; asserts all agree and returns the outcome. */
    static Recorder.Outcome parse(String method, String input) {
        byte[] b = bytes(input);
        var make = forMethod(method);
        Recorder.Outcome whole = Recorder.run(make, HttpLimits.CLIENT, b, Recorder.whole(), true);
        assertEquals(whole, Recorder.run(make, HttpLimits.CLIENT, b, Recorder.everyByte(b.length), true));
        Random random = new Random(input.hashCode());
        for (int i = 0; i < 20; i++) {
            int[] cuts = Recorder.randomCuts(b.length, random);
            assertEquals(whole, Recorder.run(make, HttpLimits.CLIENT, b, cuts, true), Arrays.toString(cuts));
        }
        return whole;
    }

    static ResponseHead head(Recorder.Outcome o, int i) {
        return (ResponseHead) o.events().get(3 * i);
    }

    @Test
    void smallJson() {
        Recorder.Outcome o = parse("GET", JSON);
        assertEquals("eof-ok", o.end());
        ResponseHead h = head(o, 0);
        assertEquals(200, h.status());
        assertSame("OK", h.reason());
        assertEquals("application/json", h.headers().get("content-type"));
        assertTrue(h.keepAlive());
        assertEquals("body[{\"hello\":\"world\"}]", o.events().get(1));
    }

    @Test
    void headResponseHasNoBodyDespiteContentLength() {
        Recorder.Outcome o = parse(HttpMethod.HEAD, "HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertEquals(6, o.events().size());
        assertEquals(BodyFraming.NONE, head(o, 0).framing());
        assertEquals(17, head(o, 0).contentLength());
    }

    @Test
    void noBodyStatuses() {
        for (String status : new String[] {"204 No Content", "304 Not Modified"}) {
            Recorder.Outcome o = parse("GET", "HTTP/1.1 " + status + "\r\nContent-Length: 5\r\n\r\n" + JSON);
            assertEquals("eof-ok", o.end());
            assertEquals(6, o.events().size());
            assertEquals("body[]", o.events().get(1));
        }
    }

    @Test
    void continueThenFinal() {
        Recorder.Outcome o = parse("POST", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n" + JSON);
        assertEquals(9, o.events().size());
        assertTrue(head(o, 0).informational());
        assertEquals(103, head(o, 1).status());
        assertEquals(200, head(o, 2).status());
    }

    @Test
    void closeDelimitedBody() {
        Recorder.Outcome o = parse("GET", "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
        assertEquals("eof-ok", o.end());
        assertEquals(BodyFraming.UNTIL_CLOSE, head(o, 0).framing());
        assertFalse(head(o, 0).keepAlive());
        assertEquals("body[until the end]", o.events().get(1));
        Recorder.Outcome o11 = parse("GET", "HTTP/1.1 200 OK\r\n\r\nx");
        assertFalse(head(o11, 0).keepAlive());
    }

    @Test
    void chunkedResponse() {
        Recorder.Outcome o = parse("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\n" + JSON);
        assertEquals("body[Wikipedia in\r\n\r\nchunks.]", o.events().get(1));
        assertEquals(6, o.events().size());
    }

    @Test
    void switchingProtocolsAndConnectTunnel() {
        Recorder.Outcome o = Recorder.run(forMethod("GET"), HttpLimits.CLIENT,
                bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\u0081\u0005"),
                Recorder.whole(), false);
        assertTrue(o.end().startsWith("stopped at ") && o.end().endsWith("upgraded=true"), o.end());
        Recorder.Outcome c = Recorder.run(forMethod(HttpMethod.CONNECT), HttpLimits.CLIENT,
                bytes("HTTP/1.1 200 Connection established\r\n\r\n\u0016\u0003\u0001"), Recorder.whole(), false);
        assertTrue(c.end().endsWith("upgraded=true"), c.end());
        assertEquals(3, c.events().size());
    }

    @Test
    void statusLineVariants() {
        assertEquals("", head(parse("GET", "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n"), 0).reason());
        assertEquals("", head(parse("GET", "HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n"), 0).reason());
        assertEquals("Very Fine", head(parse("GET", "HTTP/1.1 299 Very Fine\r\nContent-Length: 0\r\n\r\n"), 0).reason());
        assertEquals("ok", head(parse("GET", "HTTP/1.1 200 ok\r\nContent-Length: 0\r\n\r\n"), 0).reason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        garbage status line     | invalid HTTP version    | XTTP/1.1 200 OK\\r\\n\\r\\n
        two-digit status        | in status code          | HTTP/1.1 20 OK\\r\\n\\r\\n
        status below 100        | below 100               | HTTP/1.1 099 Odd\\r\\n\\r\\n
        no space before reason  | expected SP after the status code | HTTP/1.1 2000\\r\\n\\r\\n
        bare LF                 | bare LF                 | HTTP/1.1 200 OK\\nContent-Length: 0\\n\\n
        CL and TE               | both Content-Length     | HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n
        CL and TE on 204        | both Content-Length     | HTTP/1.1 204 OK\\r\\nContent-Length: 2\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n
        differing CL            | differing Content-Length| HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nContent-Length: 3\\r\\n\\r\\nabc
        bad chunk size          | in chunk size           | HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nx\\r\\n
        missing final chunk     | before the final chunk  | HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2\\r\\nab\\r\\n
        truncated body          | 1 of 3 body bytes missing | HTTP/1.1 200 OK\\r\\nContent-Length: 3\\r\\n\\r\\nab
        unknown coding          | unsupported transfer coding 'br' | HTTP/1.1 200 OK\\r\\nTransfer-Encoding: br\\r\\n\\r\\n
        obs-fold                | obs-fold                | HTTP/1.1 200 OK\\r\\nX: a\\r\\n\\tb\\r\\n\\r\\n
        """)
    void rejects(String name, String detail, String escaped) {
        Recorder.Outcome o = parse("GET", RequestParserTest.unescape(escaped));
        assertTrue(o.end().contains(detail), o.end());
    }

    @Test
    void bodyLimitAppliesToCloseDelimitedBodies() {
        Recorder.Outcome o = Recorder.run(forMethod("GET"), HttpLimits.CLIENT.withMaxBodySize(4),
                bytes("HTTP/1.1 200 OK\r\n\r\n12345"), Recorder.whole(), true);
        assertEquals("413 body larger than 4 bytes", o.end());
    }
}
