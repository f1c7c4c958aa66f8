package dev.asyncio4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.asyncio4j.http.HttpMethod;
import java.util.function.BiFunction;

/**
 * Fuzz targets for both parsers (Jazzer). Properties checked on arbitrary input: nothing but
 * {@link HttpParseException} escapes (any other throwable is a finding), the limits hold for what
 * is accepted, and the same bytes give the same events and the same verdict whether fed whole,
 * byte by byte, or split where the fuzzer chooses.
 *
 * <p>{@code mvn test} replays the stored inputs (regression mode, in
 * {@code src/test/resources/.../HttpParserFuzzTestInputs}); {@code mvn verify} also fuzzes each
 * target for a bounded time ({@code JAZZER_FUZZ=1}, see the module's pom).
 */
class HttpParserFuzzTest {
    // Small limits so that the fuzzer reaches every limit check.
    static final HttpLimits LIMITS = new HttpLimits(64, 64, 256, 8, 32, 300);
    private static final String[] METHODS = {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.CONNECT, HttpMethod.POST};

    @FuzzTest(maxDuration = "30s")
    void requestParser(FuzzedDataProvider data) {
        int splitSeed = data.consumeInt();
        byte[] input = data.consumeRemainingAsBytes();
        check(RequestParser::new, input, splitSeed);
    }

    @FuzzTest(maxDuration = "30s")
    void responseParser(FuzzedDataProvider data) {
        String method = data.pickValue(METHODS);
        int splitSeed = data.consumeInt();
        byte[] input = data.consumeRemainingAsBytes();
        HttpParserFuzzTest.<ResponseHead>check((limits, r) -> {
            ResponseParser p = new ResponseParser(limits, r);
            p.setRequestMethod(method);
            return p;
        }, input, splitSeed);
    }

    private static <H> void check(BiFunction<HttpLimits, Recorder<H>, HttpParser<H>> make, byte[] input, int splitSeed) {
        Recorder.Outcome whole = Recorder.run(make, LIMITS, input, Recorder.whole(), true);
        Recorder.Outcome bytewise = Recorder.run(make, LIMITS, input, Recorder.everyByte(input.length), true);
        assertEquals(whole, bytewise, "byte by byte");
        Recorder.Outcome split = Recorder.run(make, LIMITS, input,
                Recorder.randomCuts(input.length, new java.util.Random(splitSeed)), true);
        assertEquals(whole, split, "split");
        for (Object event : whole.events()) {
            if (event instanceof RequestHead h) {
                assertTrue(h.headers().size() <= LIMITS.maxHeaderCount(), "header count");
                assertTrue(h.target().length() < LIMITS.maxStartLine(), "start line");
                assertTrue(h.contentLength() <= LIMITS.maxBodySize() || h.framing() != BodyFraming.LENGTH, "body");
            } else if (event instanceof ResponseHead h) {
                assertTrue(h.headers().size() <= LIMITS.maxHeaderCount(), "header count");
                assertTrue(h.status() >= 100 && h.status() <= 999, "status");
            } else if (event instanceof String s && s.startsWith("body[")) {
                assertTrue(s.length() - 6 <= LIMITS.maxBodySize(), "body size");
            }
        }
    }
}
