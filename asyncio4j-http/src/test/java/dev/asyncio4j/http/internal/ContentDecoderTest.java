package dev.asyncio4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecoderTest {
    static byte[] sample() {
        byte[] text = "The quick brown fox jumps over the lazy dog. ".repeat(3000).getBytes();
        byte[] noise = new byte[20000];
        new Random(7).nextBytes(noise);
        byte[] all = Arrays.copyOf(text, text.length + noise.length);
        System.arraycopy(noise, 0, all, text.length, noise.length);
        return all;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(bos, new Deflater(6, raw))) {
            d.write(data);
        }
        return bos.toByteArray();
    }

    /** Decodes {@code input} fed in pieces of {@code step} bytes. */
    static byte[] decode(String coding, byte[] input, int step, long max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContentDecoder d = ContentDecoder.forEncoding(coding, max);
        for (int i = 0; i < input.length; i += step) {
            d.feed(input, i, Math.min(step, input.length - i), out::write);
        }
        d.finish();
        return out.toByteArray();
    }

    @Test
    void gzipWholeAndSplit() throws IOException {
        byte[] data = sample();
        byte[] gz = gzip(data);
        for (int step : new int[] {gz.length, 1, 3, 1000}) {
            assertArrayEquals(data, decode("gzip", gz, step, Long.MAX_VALUE), "step " + step);
        }
        assertArrayEquals(data, decode("X-GZIP", gz, 777, Long.MAX_VALUE));
    }

    @Test
    void gzipMembersAndHeaderFields() throws IOException {
        byte[] a = "first member, ".getBytes();
        byte[] b = "second member".getBytes();
        byte[] ga = gzip(a);
        // Second member with FEXTRA, FNAME and FCOMMENT set.
        byte[] gb = gzip(b);
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(gb, 0, 3);
        m.write(gb[3] | 0x04 | 0x08 | 0x10);
        m.write(gb, 4, 6);
        m.write(new byte[] {3, 0, 'x', 'y', 'z'});
        m.writeBytes("name.txt\0a comment\0".getBytes());
        m.write(gb, 10, gb.length - 10);
        byte[] both = Arrays.copyOf(ga, ga.length + m.size());
        System.arraycopy(m.toByteArray(), 0, both, ga.length, m.size());
        for (int step : new int[] {both.length, 1, 5}) {
            assertEquals("first member, second member", new String(decode("gzip", both, step, 100)));
        }
    }

    @Test
    void deflateZlibAndRaw() throws IOException {
        byte[] data = sample();
        for (boolean raw : new boolean[] {false, true}) {
            byte[] z = deflate(data, raw);
            for (int step : new int[] {z.length, 1, 2, 4096}) {
                assertArrayEquals(data, decode("deflate", z, step, Long.MAX_VALUE), "raw=" + raw + " step " + step);
            }
        }
    }

    @Test
    void decompressionBombStopsAtTheLimit() throws IOException {
        byte[] zeros = new byte[50_000_000];
        byte[] bomb = gzip(zeros);
        assertTrue(bomb.length < 100_000);
        long[] seen = {0};
        ContentDecoder d = ContentDecoder.forEncoding("gzip", 1_000_000);
        HttpParseException e = assertThrows(HttpParseException.class,
                () -> d.feed(bomb, 0, bomb.length, (b, o, l) -> seen[0] += l));
        assertEquals(413, e.status());
        assertTrue(seen[0] <= 1_000_000, "passed on " + seen[0]);
    }

    @Test
    void corruptAndTruncatedStreams() throws IOException {
        byte[] gz = gzip("hello hello hello".getBytes());
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 8] ^= 1;
        assertEquals("invalid gzip data: CRC-32 mismatch",
                assertThrows(HttpParseException.class, () -> decode("gzip", badCrc, 4, 100)).detail());
        byte[] badMagic = gz.clone();
        badMagic[0] = 0;
        assertEquals(400, assertThrows(HttpParseException.class, () -> decode("gzip", badMagic, 100, 100)).status());
        byte[] truncated = Arrays.copyOf(gz, gz.length - 3);
        assertTrue(assertThrows(HttpParseException.class, () -> decode("gzip", truncated, 100, 100))
                .detail().startsWith("truncated gzip data"));
        byte[] garbage = "this is not deflate at all".getBytes();
        assertEquals(400, assertThrows(HttpParseException.class, () -> decode("deflate", garbage, 100, 100)).status());
    }

    @Test
    void unknownCodingsPassThrough() {
        assertNull(ContentDecoder.forEncoding(null, 1));
        assertNull(ContentDecoder.forEncoding("identity", 1));
        assertNull(ContentDecoder.forEncoding("br", 1));
    }
}
