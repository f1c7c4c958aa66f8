package dev.asyncio4j.stream;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.AsyncCallable;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** StreamReader on its own, fed by hand: CPython's test_streams.py feed tests, ported. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StreamReaderTest {

    private static final byte[] DATA = b("line1\nline2\nline3\n");

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    private static String s(byte[] data) {
        return new String(data, UTF_8);
    }

    private static <T> T run(AsyncCallable<T> body) throws Exception {
        return Asyncio.run(async(body));
    }

    @Test
    void feedingEmptyDataChangesNothing() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            stream.feedData(b(""));
            assertEquals(0, stream.buffered().length);
            stream.feedData(DATA);
            assertArrayEquals(DATA, stream.buffered());
            return null;
        });
    }

    @Test
    void readZeroReturnsEmptyAtOnce() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            stream.feedData(DATA);
            assertEquals(0, await(stream.read(0)).length);
            assertArrayEquals(DATA, stream.buffered());
            return null;
        });
    }

    @Test
    void readWaitsForData() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            Task<byte[]> reading = createTask(stream.read(30));
            getRunningLoop().callSoon(() -> stream.feedData(DATA));
            assertArrayEquals(DATA, await(reading));
            assertEquals(0, stream.buffered().length);
            return null;
        });
    }

    @Test
    void readTakesAtMostN() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            stream.feedData(b("line1"));
            stream.feedData(b("line2"));
            assertEquals("line1", s(await(stream.read(5))));
            assertEquals("line2", s(stream.buffered()));
            return null;
        });
    }

    @Test
    void readStopsAtEof() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            Task<byte[]> reading = createTask(stream.read(1024));
            getRunningLoop().callSoon(stream::feedEof);
            assertEquals(0, await(reading).length);
            assertEquals(0, await(stream.read(1024)).length, "reading past EOF returns empty, again and again");
            return null;
        });
    }

    @Test
    void readAllUntilEof() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            Task<byte[]> reading = createTask(stream.read());
            getRunningLoop().callSoon(() -> {
                stream.feedData(b("chunk1\n"));
                stream.feedData(b("chunk2"));
                stream.feedEof();
            });
            assertEquals("chunk1\nchunk2", s(await(reading)));
            assertEquals(0, stream.buffered().length);
            return null;
        });
    }

    @Test
    void aSetExceptionFailsReads() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            stream.feedData(b("line\n"));
            assertEquals("li", s(await(stream.read(2))));
            IllegalArgumentException error = new IllegalArgumentException();
            stream.setException(error);
            assertSame(error, stream.exception());
            assertSame(error, assertThrows(IllegalArgumentException.class, () -> await(stream.read(2))));
            assertThrows(IllegalArgumentException.class, () -> await(stream.readline()));
            assertThrows(IllegalArgumentException.class, () -> await(stream.readexactly(2)));
            return null;
        });
    }

    @Test
    void theLimitMustBePositive() throws Exception {
        run(() -> {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new StreamReader(0));
            assertEquals("Limit cannot be <= 0", error.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new StreamReader(-1));
            return null;
        });
    }

    @Test
    void readIsNotBoundedByTheLimit() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader(3);
            stream.feedData(b("chunk"));
            assertEquals("chunk", s(await(stream.read(5))));
            stream.feedData(b("chunk"));
            assertEquals("chunk", s(await(stream.readexactly(5))));
            return null;
        });
    }

    @Test
    void readlineWaitsForTheNewline() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            stream.feedData(b("chunk1 "));
            Task<byte[]> reading = createTask(stream.readline());
            getRunningLoop().callSoon(() -> {
                stream.feedData(b("chunk2 "));
                stream.feedData(b("chunk3 "));
                stream.feedData(b("\n chunk4"));
            });
            assertEquals("chunk1 chunk2 chunk3 \n", s(await(reading)));
            assertEquals(" chunk4", s(stream.buffered()));
            return null;
        });
    }

    @Test
    void readlineOverTheLimitWithDataAlreadyThere() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader(3);
            stream.feedData(b("li"));
            stream.feedData(b("ne1\nline2\n"));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> await(stream.readline()));
            assertEquals("Separator is found, but chunk is longer than limit", error.getMessage());
            assertInstanceOf(LimitOverrunException.class, error.getCause());
            assertEquals("line2\n", s(stream.buffered()), "the long line is dropped with its newline");

            StreamReader other = new StreamReader(3);
            other.feedData(b("li"));
            other.feedData(b("ne1"));
            other.feedData(b("li"));
            assertThrows(IllegalArgumentException.class, () -> await(other.readline()));
            assertEquals(0, other.buffered().length, "no newline: the whole buffer is dropped");
            return null;
        });
    }

    @Test
    void readlineOverTheLimitFedLater() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader(7);
            getRunningLoop().callSoon(() -> {
                stream.feedData(b("chunk1"));
                stream.feedData(b("chunk2"));
                stream.feedData(b("chunk3\n"));
                stream.feedEof();
            });
            assertThrows(IllegalArgumentException.class, () -> await(stream.readline()));
            assertEquals(0, stream.buffered().length);

            StreamReader second = new StreamReader(7);
            getRunningLoop().callSoon(() -> {
                second.feedData(b("chunk1"));
                second.feedData(b("chunk2\n"));
                second.feedData(b("chunk3\n"));
                second.feedEof();
            });
            assertThrows(IllegalArgumentException.class, () -> await(second.readline()));
            assertEquals("chunk3\n", s(second.buffered()));

            // The limit is strict: it bounds the line without its newline.
            StreamReader strict = new StreamReader(7);
            strict.feedData(b("1234567\n"));
            assertEquals("1234567\n", s(await(strict.readline())));
            assertEquals(0, strict.buffered().length);
            strict.feedData(b("12345678\n"));
            assertThrows(IllegalArgumentException.class, () -> await(strict.readline()));
            assertEquals(0, strict.buffered().length);
            strict.feedData(b("12345678"));
            assertThrows(IllegalArgumentException.class, () -> await(strict.readline()));
            assertEquals(0, strict.buffered().length);
            return null;
        });
    }

    @Test
    void atEofOnlyOnceEverythingIsRead() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            assertFalse(stream.atEof());
            stream.feedData(b("some data\n"));
            assertFalse(stream.atEof());
            await(stream.readline());
            assertFalse(stream.atEof());
            stream.feedData(b("some data\n"));
            stream.feedEof();
            await(stream.readline());
            assertTrue(stream.atEof());
            return null;
        });
    }

    @Test
    void readlineVariants() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            stream.feedData(java.util.Arrays.copyOfRange(DATA, 0, 6));
            stream.feedData(java.util.Arrays.copyOfRange(DATA, 6, DATA.length));
            assertEquals("line1\n", s(await(stream.readline())));
            assertEquals("line2\nline3\n", s(stream.buffered()));
            assertEquals("line2\nl", s(await(stream.read(7))));
            assertEquals("ine3\n", s(stream.buffered()));

            StreamReader partial = new StreamReader();
            partial.feedData(b("some data"));
            partial.feedEof();
            assertEquals("some data", s(await(partial.readline())), "the last line may lack its newline");
            assertEquals(0, await(partial.readline()).length, "then EOF reads as an empty line");
            return null;
        });
    }

    @Test
    void readuntilChecksItsSeparator() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> await(stream.readuntil(b(""))));
            assertEquals("Separator should be at least one-byte string", error.getMessage());
            error = assertThrows(IllegalArgumentException.class, () -> await(stream.readuntil(new byte[0][])));
            assertEquals("Separator should contain at least one element", error.getMessage());
            return null;
        });
    }

    @Test
    void readuntilAcrossChunks() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            stream.feedData(b("lineAAA"));
            assertEquals("lineAAA", s(await(stream.readuntil(b("AAA")))));
            assertEquals(0, stream.buffered().length);
            stream.feedData(b("lineAAAxxx"));
            assertEquals("lineAAA", s(await(stream.readuntil(b("AAA")))));
            assertEquals("xxx", s(stream.buffered()));
            await(stream.read(3));

            stream.feedData(b("QWEaa"));
            stream.feedData(b("XYaa"));
            stream.feedData(b("a"));
            assertEquals("QWEaaXYaaa", s(await(stream.readuntil(b("aaa")))));
            stream.feedData(b("XXX"));
            Task<byte[]> waiting = createTask(stream.readuntil(b("aaa")));
            getRunningLoop().callSoon(() -> stream.feedData(b("a")));
            getRunningLoop().callSoon(() -> stream.feedData(b("a")));
            getRunningLoop().callSoon(() -> stream.feedData(b("a")));
            assertEquals("XXXaaa", s(await(waiting)));
            assertEquals(0, stream.buffered().length);
            assertEquals("line\n", s(await(createTask(async(() -> {
                stream.feedData(b("line\nrest"));
                return await(stream.readuntil());
            })))));
            return null;
        });
    }

    @Test
    void readuntilWithSeveralSeparatorsStopsAtTheEarliestEnd() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            stream.feedData(b("abc\r\ndef\nxyz"));
            assertEquals("abc\r\n", s(await(stream.readuntil(b("\n"), b("\r\n")))));
            assertEquals("def\n", s(await(stream.readuntil(b("\r\n"), b("\n")))));
            stream.feedData(b("--end"));
            assertEquals("xyz--", s(await(stream.readuntil(b("--end"), b("--")))));
            assertEquals("end", s(stream.buffered()));
            return null;
        });
    }

    @Test
    void readuntilAtEofRaisesIncompleteReadWithThePartialData() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            stream.feedData(b("some dataAA"));
            stream.feedEof();
            IncompleteReadException error = assertThrows(IncompleteReadException.class,
                    () -> await(stream.readuntil(b("AAA"))));
            assertEquals("some dataAA", s(error.partial()));
            assertEquals(OptionalInt.empty(), error.expected());
            assertEquals("11 bytes read on a total of undefined expected bytes", error.getMessage());
            assertEquals(0, stream.buffered().length);
            return null;
        });
    }

    @Test
    void readuntilOverTheLimitLeavesTheDataInTheBuffer() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader(3);
            stream.feedData(b("some dataAA"));
            LimitOverrunException error = assertThrows(LimitOverrunException.class,
                    () -> await(stream.readuntil(b("AAA"))));
            assertTrue(error.getMessage().contains("not found"), error.getMessage());
            assertEquals("some dataAA", s(stream.buffered()));
            stream.feedData(b("A"));
            error = assertThrows(LimitOverrunException.class, () -> await(stream.readuntil(b("AAA"))));
            assertEquals("Separator is found, but chunk is longer than limit", error.getMessage());
            assertEquals(9, error.consumed());
            assertEquals("some dataAAA", s(stream.buffered()));
            return null;
        });
    }

    @Test
    void readexactly() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            stream.feedData(DATA);
            assertEquals(0, await(stream.readexactly(0)).length);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> await(stream.readexactly(-1)));
            assertEquals("readexactly size can not be less than zero", error.getMessage());
            assertArrayEquals(DATA, stream.buffered());

            StreamReader waiting = new StreamReader();
            Task<byte[]> reading = createTask(waiting.readexactly(2 * DATA.length));
            getRunningLoop().callSoon(() -> {
                waiting.feedData(DATA);
                waiting.feedData(DATA);
                waiting.feedData(DATA);
            });
            assertEquals(s(DATA) + s(DATA), s(await(reading)));
            assertArrayEquals(DATA, waiting.buffered());
            return null;
        });
    }

    @Test
    void readexactlyAtEofCarriesThePartialBytes() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            Task<byte[]> reading = createTask(stream.readexactly(2 * DATA.length));
            getRunningLoop().callSoon(() -> {
                stream.feedData(DATA);
                stream.feedEof();
            });
            IncompleteReadException error = assertThrows(IncompleteReadException.class, () -> await(reading));
            assertArrayEquals(DATA, error.partial());
            assertEquals(OptionalInt.of(36), error.expected());
            assertEquals("18 bytes read on a total of 36 expected bytes", error.getMessage());
            assertEquals(0, stream.buffered().length);
            return null;
        });
    }

    @Test
    void setExceptionWakesTheWaitingReader() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            Task<byte[]> reading = createTask(stream.readline());
            await(sleep(0));
            stream.setException(new IllegalArgumentException("failed"));
            assertEquals("failed", assertThrows(IllegalArgumentException.class, () -> await(reading)).getMessage());
            return null;
        });
    }

    @Test
    void setExceptionAfterACancelledReadIsHarmless() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            Task<byte[]> reading = createTask(stream.readline());
            await(sleep(0));
            reading.cancel();
            assertThrows(CancelledException.class, () -> await(reading));
            stream.setException(new IllegalStateException("message"));
            await(sleep(0));
            assertTrue(stream.toString().contains("exception="), stream.toString());
            assertFalse(stream.toString().contains("waiter="), stream.toString());
            return null;
        });
    }

    @Test
    void onlyOneTaskMayWaitForData() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            Task<byte[]> first = createTask(stream.read(1));
            await(sleep(0));
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> await(stream.readline()));
            assertEquals("readuntil() called while another coroutine is already waiting for incoming data",
                    error.getMessage());
            stream.feedData(b("x"));
            assertEquals("x", s(await(first)));
            return null;
        });
    }

    @Test
    void feedDataAfterFeedEofIsAnError() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            stream.feedEof();
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> stream.feedData(b("late")));
            assertEquals("feedData after feedEof", error.getMessage());
            return null;
        });
    }

    @Test
    void linesIteratesUntilEof() throws Exception {
        run(() -> {
            StreamReader stream = new StreamReader();
            getRunningLoop().callSoon(() -> {
                stream.feedData(b("one\ntw"));
                stream.feedData(b("o\nthree"));
                stream.feedEof();
            });
            List<String> lines = new ArrayList<>();
            for (byte[] line : stream) {
                lines.add(s(line));
            }
            assertEquals(List.of("one\n", "two\n", "three"), lines);
            return null;
        });
    }

    @Test
    void toStringShowsTheStateAsAsyncioDoes() throws Exception {
        run(() -> {
            assertEquals("StreamReader[]", new StreamReader().toString());
            assertEquals("StreamReader[limit=123]", new StreamReader(123).toString());
            StreamReader eof = new StreamReader();
            eof.feedEof();
            assertEquals("StreamReader[eof]", eof.toString());
            StreamReader data = new StreamReader();
            data.feedData(b("data"));
            assertEquals("StreamReader[4 bytes]", data.toString());
            StreamReader failed = new StreamReader();
            failed.setException(new IllegalStateException());
            assertEquals("StreamReader[exception=java.lang.IllegalStateException]", failed.toString());
            assertNull(new StreamReader().exception());
            return null;
        });
    }
}
