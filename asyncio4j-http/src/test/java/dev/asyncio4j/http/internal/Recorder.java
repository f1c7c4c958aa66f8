package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Test listener: records a parser's events with consecutive body pieces merged, so that the same
 * input split differently gives an equal record; and helpers feeding input whole, byte by byte
 * or in random splits.
 */
class Recorder<H> implements HttpMessageListener<H> {
    final List<Object> events = new ArrayList<>();
    final List<H> heads = new ArrayList<>();
    final List<byte[]> bodies = new ArrayList<>();
    final List<Headers> trailers = new ArrayList<>();
    private ByteArrayOutputStream body;

    @Override
    public void onHead(H head) {
        heads.add(head);
        events.add(head);
        body = new ByteArrayOutputStream();
    }

    @Override
    public void onBody(byte[] data, int offset, int length) {
        if (length <= 0) {
            throw new AssertionError("empty body piece");
        }
        body.write(data, offset, length);
    }

    @Override
    public void onMessageComplete(Headers t) {
        byte[] b = body.toByteArray();
        bodies.add(b);
        trailers.add(t);
        events.add("body[" + new String(b, StandardCharsets.ISO_8859_1) + "]");
        events.add("end" + t);
    }

    String body(int i) {
        return new String(bodies.get(i), StandardCharsets.ISO_8859_1);
    }

    /** What feeding produced: the events, then the error (status and detail) or "eof-ok". */
    record Outcome(List<Object> events, String end) {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Feeds {@code input} cut at {@code cuts} (sorted offsets), then EOF when {@code eof}. */
    static <H> Outcome run(BiFunction<HttpLimits, Recorder<H>, HttpParser<H>> make, HttpLimits limits,
                           byte[] input, int[] cuts, boolean eof) {
        Recorder<H> r = new Recorder<>();
        HttpParser<H> parser = make.apply(limits, r);
        int from = 0;
        try {
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : input.length;
                if (to > from) {
                    int n = parser.feed(input, from, to - from);
                    if (n != to - from) {
                        return new Outcome(r.events, "stopped at " + (from + n) + " upgraded=" + parser.isUpgraded());
                    }
                }
                from = to;
            }
            if (eof) {
                parser.feedEof();
            }
            return new Outcome(r.events, eof ? "eof-ok" : "ok");
        } catch (HttpParseException e) {
            return new Outcome(r.events, e.status() + " " + e.detail());
        }
    }

    static int[] whole() {
        return new int[0];
    }

    static int[] everyByte(int length) {
        int[] cuts = new int[length];
        for (int i = 0; i < length; i++) {
            cuts[i] = i;
        }
        return cuts;
    }

    static int[] randomCuts(int length, Random random) {
        int n = random.nextInt(Math.max(1, Math.min(length, 12)));
        return random.ints(n, 0, Math.max(1, length)).sorted().toArray();
    }
}
