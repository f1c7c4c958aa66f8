package dev.asyncio4j.bench.http;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.HttpVersion;
import dev.asyncio4j.http.internal.DateCache;
import dev.asyncio4j.http.internal.HeadWriter;
import dev.asyncio4j.http.internal.HttpLimits;
import dev.asyncio4j.http.internal.HttpMessageListener;
import dev.asyncio4j.http.internal.RequestHead;
import dev.asyncio4j.http.internal.RequestParser;
import dev.asyncio4j.http.internal.ResponseHead;
import dev.asyncio4j.http.internal.ResponseParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The HTTP/1.1 codec's hot paths, as the server and client use them per message: parsing the
 * request wrk sends, parsing a small JSON response as nginx sends it, and writing that response
 * (head and body in one array). Each parser is reused across messages, as on a kept-alive
 * connection. No peer: aiohttp's C parser is measured end to end by the HTTP server benchmark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HttpCodecBenchmark {
    static final byte[] WRK_REQUEST = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] BROWSER_REQUEST = ("GET /api/items?page=2 HTTP/1.1\r\nHost: example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\nAccept-Encoding: gzip, deflate, br\r\n"
            + "Connection: keep-alive\r\nCookie: session=0123456789abcdef; theme=dark\r\n"
            + "Upgrade-Insecure-Requests: 1\r\nSec-Fetch-Dest: document\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] JSON_BODY = "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] JSON_RESPONSE = ("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Tue, 14 Nov 2023 22:13:20 GMT\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + JSON_BODY.length + "\r\n"
            + "Last-Modified: Tue, 14 Nov 2023 22:00:00 GMT\r\nConnection: keep-alive\r\nETag: \"6553f0e0-1b\"\r\n"
            + "Accept-Ranges: bytes\r\n\r\n" + new String(JSON_BODY, StandardCharsets.ISO_8859_1))
            .getBytes(StandardCharsets.ISO_8859_1);

    /** Hands each event to the blackhole, as a server or client would consume them. */
    static final class Sink<H> implements HttpMessageListener<H> {
        Blackhole blackhole;

        @Override
        public void onHead(H head) {
            blackhole.consume(head);
        }

        @Override
        public void onBody(byte[] data, int offset, int length) {
            blackhole.consume(length);
        }

        @Override
        public void onMessageComplete(Headers trailers) {
            blackhole.consume(trailers);
        }
    }

    private final Sink<RequestHead> requestSink = new Sink<>();
    private final Sink<ResponseHead> responseSink = new Sink<>();
    private RequestParser requestParser;
    private ResponseParser responseParser;
    private final HeadWriter writer = new HeadWriter();
    private final DateCache date = new DateCache();

    @Setup
    public void setUp() {
        requestParser = new RequestParser(HttpLimits.SERVER, requestSink);
        responseParser = new ResponseParser(HttpLimits.CLIENT, responseSink);
    }

    @Benchmark
    public int parseWrkRequest(Blackhole bh) {
        requestSink.blackhole = bh;
        return requestParser.feed(WRK_REQUEST, 0, WRK_REQUEST.length);
    }

    @Benchmark
    public int parseBrowserRequest(Blackhole bh) {
        requestSink.blackhole = bh;
        return requestParser.feed(BROWSER_REQUEST, 0, BROWSER_REQUEST.length);
    }

    @Benchmark
    public int parseJsonResponse(Blackhole bh) {
        responseSink.blackhole = bh;
        return responseParser.feed(JSON_RESPONSE, 0, JSON_RESPONSE.length);
    }

    @Benchmark
    public byte[] writeJsonResponse() {
        return writer.startResponse(HttpVersion.HTTP_1_1, 200, null)
                .header("Server", "asyncio4j")
                .header("Content-Type", "application/json")
                .date(date)
                .contentLength(JSON_BODY.length)
                .finish(JSON_BODY, 0, JSON_BODY.length);
    }
}
