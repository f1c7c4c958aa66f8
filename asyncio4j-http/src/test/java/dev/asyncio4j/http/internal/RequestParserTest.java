package dev.asyncio4j.http.internal;

import static dev.asyncio4j.http.internal.Recorder.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.http.HttpMethod;
import dev.asyncio4j.http.HttpVersion;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {
    static final String WRK = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";

    /** Parses whole, byte by byte and in random splits; asserts all agree and returns the outcome. */
    static Recorder.Outcome parse(String input, HttpLimits limits) {
        byte[] b = bytes(input);
        Recorder.Outcome whole = Recorder.run(RequestParser::new, limits, b, Recorder.whole(), true);
        assertEquals(whole, Recorder.run(RequestParser::new, limits, b, Recorder.everyByte(b.length), true),
                "byte by byte");
        Random random = new Random(input.hashCode());
        for (int i = 0; i < 20; i++) {
            int[] cuts = Recorder.randomCuts(b.length, random);
            assertEquals(whole, Recorder.run(RequestParser::new, limits, b, cuts, true),
                    "split at " + Arrays.toString(cuts));
        }
        return whole;
    }

    static Recorder.Outcome parse(String input) {
        return parse(input, HttpLimits.SERVER);
    }

    static Recorder<RequestHead> feedWhole(String input) {
        Recorder<RequestHead> r = new Recorder<>();
        new RequestParser(HttpLimits.SERVER, r).feed(bytes(input));
        return r;
    }

    static void assertRejected(int status, String detailPart, String input) {
        Recorder.Outcome o = parse(input);
        assertTrue(o.end().startsWith(status + " ") && o.end().contains(detailPart),
                "expected " + status + " containing '" + detailPart + "', got " + o.end());
    }

    @Test
    void wrkRequest() {
        Recorder<RequestHead> r = feedWhole(WRK);
        RequestHead h = r.heads.getFirst();
        assertSame(HttpMethod.GET, h.method());
        assertEquals("/", h.target());
        assertSame(HttpVersion.HTTP_1_1, h.version());
        assertEquals("127.0.0.1:8080", h.headers().get("host"));
        assertSame("Host", h.headers().name(0), "well-known names are interned");
        assertEquals(BodyFraming.NONE, h.framing());
        assertTrue(h.keepAlive());
        assertEquals(1, r.bodies.size());
        assertEquals("eof-ok", parse(WRK).end());
    }

    @Test
    void contentLengthBody() {
        Recorder.Outcome o = parse("POST /submit?a=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
        assertEquals("eof-ok", o.end());
        RequestHead h = (RequestHead) o.events().getFirst();
        assertEquals(5, h.contentLength());
        assertEquals("/submit", h.path());
        assertEquals("a=1", h.queryString());
        assertEquals("body[hello]", o.events().get(1));
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailers() {
        Recorder.Outcome o = parse("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value;q=\"a \\\" b\"\r\nhello\r\n"
                + "6 ; flag\r\n world\r\n"
                + "0\r\nExpires: never\r\nX-Sum: 1\r\n\r\n");
        assertEquals("eof-ok", o.end());
        assertEquals("body[hello world]", o.events().get(1));
        assertEquals("endHeaders[Expires: never, X-Sum: 1]", o.events().get(2));
    }

    @Test
    void pipelinedRequestsInOneChunk() {
        String three = WRK + "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                + "GET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        Recorder.Outcome o = parse(three);
        assertEquals(9, o.events().size());
        RequestHead last = (RequestHead) o.events().get(6);
        assertEquals("/b", last.target());
        assertFalse(last.keepAlive());
        assertEquals("body[abc]", o.events().get(4));
    }

    @Test
    void bigBodyInManyPieces() {
        int n = 3_000_000;
        byte[] head = bytes("PUT /big HTTP/1.1\r\nHost: x\r\nContent-Length: " + n + "\r\n\r\n");
        Recorder<RequestHead> r = new Recorder<>();
        RequestParser p = new RequestParser(HttpLimits.SERVER.withMaxBodySize(n), r);
        p.feed(head);
        byte[] piece = new byte[65536];
        Arrays.fill(piece, (byte) 'x');
        int left = n;
        while (left > 0) {
            int k = Math.min(left, piece.length);
            assertEquals(k, p.feed(piece, 0, k));
            left -= k;
        }
        assertEquals(n, r.bodies.getFirst().length);
        assertTrue(p.isIdle());
    }

    @Test
    void keepAliveRules() {
        assertFalse(feedWhole("GET / HTTP/1.0\r\n\r\n").heads.getFirst().keepAlive());
        assertTrue(feedWhole("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").heads.getFirst().keepAlive());
        assertFalse(feedWhole("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\n\r\n")
                .heads.getFirst().keepAlive());
        assertFalse(feedWhole("POST / HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                .heads.getFirst().keepAlive(), "TE in HTTP/1.0 closes after the message");
    }

    @Test
    void expectContinue() {
        RequestHead h = feedWhole("PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
                .heads.getFirst();
        assertTrue(h.expectContinue());
        assertFalse(feedWhole("GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n")
                .heads.getFirst().expectContinue(), "no body, nothing to continue");
    }

    @Test
    void upgradeStopsParsing() {
        byte[] in = bytes("GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\nRAW");
        Recorder<RequestHead> r = new Recorder<>();
        RequestParser p = new RequestParser(HttpLimits.SERVER, r);
        int n = p.feed(in);
        assertEquals(in.length - 3, n);
        assertTrue(p.isUpgraded());
        assertTrue(r.heads.getFirst().upgrade());
        assertEquals(0, p.feed(in, n, 3));
        p.declineUpgrade();
        assertEquals(3, p.feed(in, n, 3));
        assertThrows(HttpParseException.class, p::feedEof);
    }

    @Test
    void connectAndOptionsForms() {
        RequestHead c = feedWhole("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n").heads.getFirst();
        assertTrue(c.upgrade());
        assertEquals("*", feedWhole("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n").heads.getFirst().target());
        assertEquals("http://a/b", feedWhole("GET http://a/b HTTP/1.1\r\nHost: a\r\n\r\n").heads.getFirst().target());
        assertEquals("PURGE", feedWhole("PURGE /x HTTP/1.1\r\nHost: a\r\n\r\n").heads.getFirst().method());
    }

    @Test
    void pauseLeavesTheRestForLater() {
        byte[] in = bytes(WRK + WRK);
        Recorder<RequestHead> r = new Recorder<>();
        RequestParser[] holder = new RequestParser[1];
        RequestParser p = new RequestParser(HttpLimits.SERVER, new HttpMessageListener<>() {
            @Override
            public void onHead(RequestHead head) {
                r.onHead(head);
                holder[0].pause();
            }

            @Override
            public void onBody(byte[] data, int offset, int length) {
                r.onBody(data, offset, length);
            }

            @Override
            public void onMessageComplete(dev.asyncio4j.http.Headers trailers) {
                r.onMessageComplete(trailers);
            }
        });
        holder[0] = p;
        int n = p.feed(in);
        assertEquals(WRK.length(), n);
        assertEquals(1, r.heads.size());
        assertEquals(WRK.length(), p.feed(in, n, in.length - n));
        assertEquals(2, r.heads.size());
    }

    @Test
    void leadingEmptyLinesAreSkipped() {
        assertEquals("eof-ok", parse("\r\n\r\n" + WRK).end());
    }

    @Test
    void nonAsciiHeaderValueDecodesAsUtf8() {
        String v = new String("caf\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("caf\u00e9", feedWhole("GET / HTTP/1.1\r\nHost: x\r\nX-Name: " + v + "\r\n\r\n")
                .heads.getFirst().headers().get("x-name"));
        assertEquals("\u00ff", feedWhole("GET / HTTP/1.1\r\nHost: x\r\nX-Name: \u00ff\r\n\r\n")
                .heads.getFirst().headers().get("x-name"), "invalid UTF-8 kept as Latin-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        bare LF ending header        | 400 | bare LF     | GET / HTTP/1.1\\r\\nHost: x\\n\\r\\n
        bare LF ending request line  | 400 | bare LF     | GET / HTTP/1.1\\nHost: x\\r\\n\\r\\n
        bare CR in header value      | 400 | bare CR     | GET / HTTP/1.1\\r\\nHost: x\\rY\\r\\n\\r\\n
        obs-fold                     | 400 | obs-fold    | GET / HTTP/1.1\\r\\nHost: x\\r\\nX-A: a\\r\\n b\\r\\n\\r\\n
        space before first header    | 400 | whitespace before the first | GET / HTTP/1.1\\r\\n Host: x\\r\\n\\r\\n
        space before colon           | 400 | between header field name and colon | GET / HTTP/1.1\\r\\nHost : x\\r\\n\\r\\n
        bad char in name             | 400 | in header field name | GET / HTTP/1.1\\r\\nHo(st: x\\r\\n\\r\\n
        no colon                     | 400 | without a colon | GET / HTTP/1.1\\r\\nHost x\\r\\n\\r\\n
        empty name                   | 400 | empty header field name | GET / HTTP/1.1\\r\\n: x\\r\\nHost: x\\r\\n\\r\\n
        NUL in value                 | 400 | 0x00        | GET / HTTP/1.1\\r\\nHost: x\\0y\\r\\n\\r\\n
        CL and TE                    | 400 | both Content-Length and Transfer-Encoding | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n
        differing CL                 | 400 | differing Content-Length | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 3\\r\\nContent-Length: 4\\r\\n\\r\\nabcd
        differing CL in a list       | 400 | differing Content-Length | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 3, 4\\r\\n\\r\\nabcd
        signed CL                    | 400 | invalid Content-Length | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: +3\\r\\n\\r\\nabc
        empty CL                     | 400 | empty Content-Length | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: \\r\\n\\r\\n
        overflowing CL               | 400 | overflows   | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 99999999999999999999\\r\\n\\r\\n
        unknown TE                   | 501 | unsupported transfer coding 'gzip' | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n
        chunked not last             | 501 | unsupported transfer coding | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked, identity\\r\\n\\r\\n
        chunked twice                | 400 | applied twice | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n
        invalid TE token             | 400 | invalid Transfer-Encoding | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: \\"chunked\\"\\r\\n\\r\\n
        bad chunk size               | 400 | in chunk size | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n
        negative chunk size          | 400 | in chunk size | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n-1\\r\\n
        overflowing chunk size       | 400 | chunk size overflows | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1ffffffffffffffff\\r\\n
        chunk size with 0x prefix    | 400 | in chunk size | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0x5\\r\\nhello\\r\\n0\\r\\n\\r\\n
        space after chunk size       | 400 | whitespace after chunk size | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5 \\r\\nhello\\r\\n0\\r\\n\\r\\n
        chunk data too long          | 400 | expected CRLF after chunk data | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2\\r\\nhello\\r\\n0\\r\\n\\r\\n
        bad chunk extension          | 400 | chunk extension | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5;=x\\r\\nhello\\r\\n0\\r\\n\\r\\n
        unterminated quoted ext      | 400 | unterminated quoted | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5;a=\\"x\\r\\nhello\\r\\n0\\r\\n\\r\\n
        missing final chunk          | 400 | before the final chunk | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\r\\nhello\\r\\n
        truncated body               | 400 | 2 of 5 body bytes missing | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 5\\r\\n\\r\\nhel
        truncated head               | 400 | in the header section | GET / HTTP/1.1\\r\\nHost: x\\r\\n
        bad trailer                  | 400 | obs-fold | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\nA: b\\r\\n c\\r\\n\\r\\n
        missing Host                 | 400 | missing Host | GET / HTTP/1.1\\r\\n\\r\\n
        two Hosts                    | 400 | more than one Host | GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n
        bad method char              | 400 | in method | G@T / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n
        two spaces                   | 400 | empty request target | GET  / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n
        tab separator                | 400 | in method | GET\\t/ HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n
        control char in target       | 400 | in request target | GET /a\\0b HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n
        non-ASCII in target          | 400 | in request target | GET /\\u00e9 HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n
        lower-case version           | 400 | invalid HTTP version | GET / http/1.1\\r\\nHost: x\\r\\n\\r\\n
        no version                   | 400 | without an HTTP version | GET /\\r\\nHost: x\\r\\n\\r\\n
        HTTP/2                       | 505 | not supported | GET / HTTP/2.0\\r\\nHost: x\\r\\n\\r\\n
        relative target              | 400 | invalid request target | GET a/b HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n
        asterisk for GET             | 400 | only for OPTIONS | GET * HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n
        CONNECT with a path          | 400 | authority-form | CONNECT /x HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n
        too many empty lines         | 400 | too many empty lines | \\r\\n\\r\\n\\r\\n\\r\\n\\r\\n\\r\\n\\r\\n\\r\\n\\r\\nGET / HTTP/1.1\\r\\n
        """)
    void rejects(String name, int status, String detail, String escaped) {
        assertRejected(status, detail, unescape(escaped));
    }

    static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace("\\0", "\0")
                .replace("\\\"", "\"").replace("\\u00e9", "\u00e9");
    }

    @Test
    void limits() {
        HttpLimits small = new HttpLimits(32, 40, 100, 3, 16, 10);
        assertEquals("414 request line longer than 32 bytes",
                parse("GET /" + "a".repeat(40) + " HTTP/1.1\r\nHost: x\r\n\r\n", small).end());
        Recorder.Outcome line = parse("GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + "v".repeat(40) + "\r\n\r\n", small);
        assertEquals("431 header field line longer than 40 bytes", line.end());
        Recorder.Outcome count = parse("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", small);
        assertEquals("431 more than 3 header fields", count.end());
        String many = "GET / HTTP/1.1\r\nHost: x\r\n" + "X-Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 1\r\n".repeat(2) + "\r\n";
        assertEquals("431 header section larger than 80 bytes",
                parse(many, new HttpLimits(32, 40, 80, 3, 16, 10)).end());
        assertEquals("413 Content-Length 11 exceeds the limit of 10 bytes",
                parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world", small).end());
        assertEquals("413 body larger than 10 bytes", parse("POST / HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n", small).end());
        assertEquals("400 chunk size line longer than 16 bytes", parse("POST / HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n1;aaaaaaaaaaaaaaaaaaaa\r\nh\r\n0\r\n\r\n", small).end());
        assertEquals("431 more than 3 trailer fields", parse("POST / HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\n\r\n", small).end());
    }

    @Test
    void errorCarriesPositionAndParserStaysFailed() {
        byte[] in = bytes("GET / HTTP/1.1\r\nHost : x\r\n\r\n");
        RequestParser p = new RequestParser(HttpLimits.SERVER, new Recorder<>());
        HttpParseException e = assertThrows(HttpParseException.class, () -> p.feed(in));
        assertEquals(20, e.position());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().endsWith("(at byte 20)"), e.getMessage());
        assertSame(e, assertThrows(HttpParseException.class, () -> p.feed(in)));
        assertSame(e, assertThrows(HttpParseException.class, p::feedEof));
    }

    @Test
    void positionOfErrorInASplitLine() {
        byte[] in = bytes("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nX-B: a\0\r\n\r\n");
        RequestParser p = new RequestParser(HttpLimits.SERVER, new Recorder<>());
        p.feed(in, 0, 36);
        HttpParseException e = assertThrows(HttpParseException.class, () -> p.feed(in, 36, in.length - 36));
        assertEquals(39, e.position());
        assertEquals(39, assertThrows(HttpParseException.class,
                () -> new RequestParser(HttpLimits.SERVER, new Recorder<>()).feed(in)).position());
    }

    @Test
    void listenerFailureFailsTheParser() {
        RequestParser p = new RequestParser(HttpLimits.SERVER, new Recorder<>() {
            @Override
            public void onHead(RequestHead head) {
                throw new IllegalStateException("handler bug");
            }
        });
        assertEquals("handler bug", assertThrows(IllegalStateException.class, () -> p.feed(bytes(WRK))).getMessage());
        assertEquals(500, assertThrows(HttpParseException.class, () -> p.feed(bytes(WRK))).status());
    }
}
