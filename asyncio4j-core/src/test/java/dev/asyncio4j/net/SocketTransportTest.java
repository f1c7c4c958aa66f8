package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SocketTransportTest {

    static byte[] bytes(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        return data;
    }

    /** A pair with small kernel buffers whose accepted side does not read: a writer fills up quickly. */
    private static Loopback starved() throws Exception {
        Loopback pair = Loopback.openSmallBuffers();
        pair.accepted.transport.pauseReading();
        return pair;
    }

    @Test
    void echoRoundTrip() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open(() -> {
                TestProtocol protocol = new TestProtocol();
                protocol.echo = true;
                return protocol;
            })) {
                pair.client.transport.write("hello, world".getBytes(UTF_8));
                assertEquals("hello, world", new String(pair.client.awaitBytes(12), UTF_8));
                assertEquals(List.of("made", "data"), pair.accepted.events);
            }
        }));
    }

    @Test
    void aSmallWriteIsSentAtOnceWithoutBuffering() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open()) {
                pair.client.transport.write(bytes(1000));
                assertEquals(0, pair.client.transport.getWriteBufferSize());
                assertArrayEquals(bytes(1000), pair.accepted.awaitBytes(1000));
            }
        }));
    }

    @Test
    void writeVariantsSendTheRightBytesInOrder() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open()) {
                Transport transport = pair.client.transport;
                transport.write("ab".getBytes(UTF_8));
                transport.write("xcdx".getBytes(UTF_8), 1, 2);
                transport.write(ByteBuffer.wrap("ef".getBytes(UTF_8)));
                ByteBuffer direct = ByteBuffer.allocateDirect(2).put("gh".getBytes(UTF_8)).flip();
                transport.write(direct);
                assertFalse(direct.hasRemaining());
                transport.writelines(List.of("i".getBytes(UTF_8), new byte[0], "jk".getBytes(UTF_8)));
                transport.write(new byte[0]);
                assertEquals("abcdefghijk", new String(pair.accepted.awaitBytes(11), UTF_8));
            }
        }));
    }

    @Test
    void writeAndWritelinesBufferWhatTheSocketRefusesAndDeliverItInOrder() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = starved()) {
                byte[] big = bytes(3 * 1024 * 1024);
                pair.client.transport.write(big, 0, 1024 * 1024);
                assertTrue(pair.client.transport.getWriteBufferSize() > 0, "the peer does not read");
                pair.client.transport.writelines(List.of(Arrays.copyOfRange(big, 1024 * 1024, 2 * 1024 * 1024),
                        Arrays.copyOfRange(big, 2 * 1024 * 1024, big.length)));
                pair.accepted.transport.resumeReading();
                assertArrayEquals(big, pair.accepted.awaitBytes(big.length));
                while (pair.client.transport.getWriteBufferSize() > 0) {
                    await(sleep(0));
                }
            }
        }));
    }

    @Test
    void writelinesGathersWhenTheSocketHasRoom() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open()) {
                List<byte[]> lines = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    lines.add(("line " + i + "\n").getBytes(UTF_8));
                }
                pair.client.transport.writelines(lines);
                assertEquals(0, pair.client.transport.getWriteBufferSize());
                String text = new String(pair.accepted.awaitBytes(690), UTF_8);
                assertTrue(text.startsWith("line 0\nline 1\n") && text.endsWith("line 99\n"), text);
            }
        }));
    }

    @Test
    void bufferedProtocolReceivesIntoItsOwnBuffer() throws Exception {
        Asyncio.run(async(() -> {
            Future<byte[]> got = new Future<>();
            ByteBuffer buffer = ByteBuffer.allocate(64);
            List<Integer> updates = new ArrayList<>();
            BufferedProtocol protocol = new BufferedProtocol() {
                @Override
                public ByteBuffer getBuffer(int sizeHint) {
                    assertEquals(-1, sizeHint);
                    return buffer;
                }

                @Override
                public void bufferUpdated(int nbytes) {
                    updates.add(nbytes);
                    if (buffer.position() >= 10) {
                        got.setResult(Arrays.copyOf(buffer.array(), buffer.position()));
                    }
                }
            };
            Server server = await(getRunningLoop().createServer(() -> protocol, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            var client = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port));
            client.transport().write("0123456789".getBytes(UTF_8));
            assertEquals("0123456789", new String(await(got), UTF_8));
            assertEquals(10, updates.stream().mapToInt(Integer::intValue).sum());
            client.transport().close();
            await(server.aclose());
        }));
    }

    @Test
    void anEmptyBufferFromGetBufferIsAFatalError() throws Exception {
        List<ExceptionContext> reported = new ArrayList<>();
        Asyncio.run(async(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            Future<Exception> lost = new Future<>();
            BufferedProtocol protocol = new BufferedProtocol() {
                @Override
                public ByteBuffer getBuffer(int sizeHint) {
                    return ByteBuffer.allocate(0);
                }

                @Override
                public void bufferUpdated(int nbytes) {}

                @Override
                public void connectionLost(Exception exc) {
                    lost.setResult(exc);
                }
            };
            Server server = await(getRunningLoop().createServer(() -> protocol, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            var client = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port));
            client.transport().write("x".getBytes(UTF_8));
            Exception exc = await(lost);
            assertInstanceOf(IllegalStateException.class, exc);
            assertEquals("get_buffer() returned an empty buffer", exc.getMessage());
            await(client.protocol().lost);
            await(server.aclose());
        }));
        assertEquals("Fatal error: protocol.get_buffer() call failed.", reported.get(0).message());
    }

    @Test
    void writeEofHalfClosesWhileThePeerCanStillWrite() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open(() -> {
                TestProtocol protocol = new TestProtocol();
                protocol.keepOpenOnEof = true;
                return protocol;
            })) {
                assertTrue(pair.client.transport.canWriteEof());
                pair.client.transport.write("request".getBytes(UTF_8));
                pair.client.transport.writeEof();
                await(pair.accepted.eof);
                assertEquals("request", pair.accepted.text());
                assertFalse(pair.accepted.transport.isClosing(), "eofReceived returned true: kept open");
                pair.accepted.transport.write("reply".getBytes(UTF_8));
                pair.accepted.transport.close();
                await(pair.client.eof);
                assertEquals("reply", pair.client.text());
                assertNull(await(pair.client.lost));
                assertNull(await(pair.accepted.lost));
                assertEquals(List.of("made", "data", "eof", "lost"), pair.client.events);
            }
        }));
    }

    @Test
    void writeEofWaitsForTheBufferedDataToGoFirst() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = starved()) {
                byte[] big = bytes(1024 * 1024);
                pair.client.transport.write(big);
                assertTrue(pair.client.transport.getWriteBufferSize() > 0);
                pair.client.transport.writeEof();
                assertFalse(pair.client.transport.isClosing(), "half-closed, not closing");
                pair.accepted.transport.resumeReading();
                await(pair.accepted.eof);
                assertArrayEquals(big, pair.accepted.received.toByteArray());
            }
        }));
    }

    @Test
    void anExceptionInEofReceivedIsReportedAndClosesTheTransport() throws Exception {
        List<ExceptionContext> reported = new ArrayList<>();
        Asyncio.run(async(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            try (Loopback pair = Loopback.open(() -> new TestProtocol() {
                @Override
                public boolean eofReceived() {
                    throw new UnsupportedOperationException("no half-close here");
                }
            })) {
                pair.client.transport.writeEof();
                assertInstanceOf(UnsupportedOperationException.class, await(pair.accepted.lost));
            }
        }));
        assertEquals("Fatal error: protocol.eof_received() call failed.", reported.get(0).message());
    }

    @Test
    void eofReceivedReturningFalseClosesTheTransport() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open()) {
                pair.client.transport.writeEof();
                await(pair.accepted.eof);
                assertTrue(pair.accepted.transport.isClosing());
                assertNull(await(pair.accepted.lost));
                assertEquals(List.of("made", "eof", "lost"), pair.accepted.events);
            }
        }));
    }

    @Test
    void writeAfterWriteEofIsAClearError() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open()) {
                pair.client.transport.writeEof();
                pair.client.transport.writeEof(); // twice does nothing
                IllegalStateException error = assertThrows(IllegalStateException.class,
                        () -> pair.client.transport.write("late".getBytes(UTF_8)));
                assertEquals("Cannot call write() after writeEof()", error.getMessage());
                error = assertThrows(IllegalStateException.class,
                        () -> pair.client.transport.writelines(List.of(new byte[1])));
                assertEquals("Cannot call writelines() after writeEof()", error.getMessage());
            }
        }));
    }

    @Test
    void closeFlushesBufferedDataBeforeConnectionLost() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = starved()) {
                byte[] big = bytes(2 * 1024 * 1024);
                pair.client.transport.write(big);
                assertTrue(pair.client.transport.getWriteBufferSize() > 0);
                pair.client.transport.close();
                assertTrue(pair.client.transport.isClosing());
                assertFalse(pair.client.transport.isReading());
                await(sleep(0));
                assertFalse(pair.client.lost.isDone(), "connectionLost waits for the buffer to drain");
                pair.accepted.transport.resumeReading();
                assertArrayEquals(big, pair.accepted.awaitBytes(big.length));
                assertNull(await(pair.client.lost));
                await(pair.accepted.eof);
            }
        }));
    }

    @Test
    void abortDropsBufferedDataAndClosesAtOnce() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = starved()) {
                pair.client.transport.write(bytes(2 * 1024 * 1024));
                assertTrue(pair.client.transport.getWriteBufferSize() > 0);
                pair.client.transport.abort();
                assertEquals(0, pair.client.transport.getWriteBufferSize());
                assertNull(await(pair.client.lost));
                pair.accepted.transport.resumeReading();
                await(pair.accepted.lost); // the peer sees EOF, or a reset
            }
        }));
    }

    @Test
    void writeAfterCloseIsAClearErrorAndLosesNothingSilently() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open()) {
                pair.client.transport.close();
                pair.client.transport.close(); // twice does nothing
                IllegalStateException error = assertThrows(IllegalStateException.class,
                        () -> pair.client.transport.write("late".getBytes(UTF_8)));
                assertEquals("Cannot call write() on a closed transport", error.getMessage());
                await(pair.client.lost);
                assertThrows(IllegalStateException.class, () -> pair.client.transport.write(new byte[1]));
                assertThrows(IllegalStateException.class, () -> pair.client.transport.write(ByteBuffer.allocateDirect(1)));
            }
        }));
    }

    @Test
    void pauseReadingHoldsDataUntilResumeReading() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open()) {
                Transport accepted = pair.accepted.transport;
                assertTrue(accepted.isReading());
                accepted.pauseReading();
                accepted.pauseReading(); // twice does nothing
                assertFalse(accepted.isReading());
                pair.client.transport.write("held".getBytes(UTF_8));
                for (int i = 0; i < 20; i++) {
                    await(sleep(0));
                }
                assertEquals(0, pair.accepted.received.size());
                accepted.resumeReading();
                assertTrue(accepted.isReading());
                assertEquals("held", new String(pair.accepted.awaitBytes(4), UTF_8));
            }
        }));
    }

    @Test
    void theWriteBufferStopsAtTheHighWaterMarkAndResumesAtTheLow() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = starved()) {
                Transport transport = pair.client.transport;
                assertEquals(new WriteBufferLimits(16 * 1024, 64 * 1024), transport.getWriteBufferLimits());
                // A producer that honours pauseWriting: it writes 4 KiB at a time until told to stop.
                byte[] chunk = bytes(4096);
                while (!pair.client.events.contains("pause")) {
                    transport.write(chunk);
                }
                int size = transport.getWriteBufferSize();
                assertTrue(size > 64 * 1024 && size <= 64 * 1024 + 4096, "buffered " + size);
                pair.accepted.transport.resumeReading();
                while (!pair.client.events.contains("resume")) {
                    await(sleep(0));
                }
                assertTrue(transport.getWriteBufferSize() <= 16 * 1024);
                assertEquals(List.of("made", "pause", "resume"), pair.client.events);
            }
        }));
    }

    @Test
    void setWriteBufferLimitsChecksAndAppliesAtOnce() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = starved()) {
                Transport transport = pair.client.transport;
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> transport.setWriteBufferLimits(1, 2));
                assertEquals("high (1) must be >= low (2) must be >= 0", error.getMessage());
                assertThrows(IllegalArgumentException.class, () -> transport.setWriteBufferLimits(1, -1));
                transport.setWriteBufferLimits(400);
                assertEquals(new WriteBufferLimits(100, 400), transport.getWriteBufferLimits());
                transport.setWriteBufferLimits();
                assertEquals(new WriteBufferLimits(16384, 65536), transport.getWriteBufferLimits());
                transport.setWriteBufferLimits(4 * 1024 * 1024, 0);
                transport.write(bytes(1024 * 1024));
                int size = transport.getWriteBufferSize();
                assertTrue(size > 65536, "buffered " + size);
                assertFalse(pair.client.events.contains("pause"));
                transport.setWriteBufferLimits(size, 0);
                assertFalse(pair.client.events.contains("pause"), "at the mark is not above it");
                transport.setWriteBufferLimits(size - 1, 0);
                assertEquals(List.of("made", "pause"), pair.client.events);
            }
        }));
    }

    @Test
    void extraInfoNamesTheSocketAndBothEnds() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open()) {
                Transport transport = pair.client.transport;
                InetSocketAddress peer = (InetSocketAddress) transport.getExtraInfo("peername");
                InetSocketAddress local = (InetSocketAddress) transport.getExtraInfo("sockname");
                assertEquals(pair.port, peer.getPort());
                assertEquals("127.0.0.1", peer.getAddress().getHostAddress());
                assertEquals(local, pair.accepted.transport.getExtraInfo("peername"));
                assertInstanceOf(SocketChannel.class, transport.getExtraInfo("socket"));
                assertTrue((Boolean) ((SocketChannel) transport.getExtraInfo("socket"))
                        .getOption(StandardSocketOptions.TCP_NODELAY));
                assertNull(transport.getExtraInfo("sslcontext"));
                assertEquals("fallback", transport.getExtraInfo("nothing", "fallback"));
                assertTrue(transport.toString().startsWith("SocketTransport[open, peer=127.0.0.1:" + pair.port),
                        transport.toString());
            }
        }));
    }

    @Test
    void setProtocolSwitchesWhoReceivesTheData() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open()) {
                TestProtocol replacement = new TestProtocol();
                pair.accepted.transport.setProtocol(replacement);
                assertSame(replacement, pair.accepted.transport.getProtocol());
                pair.client.transport.write("for the new one".getBytes(UTF_8));
                assertEquals("for the new one", new String(replacement.awaitBytes(15), UTF_8));
                assertEquals(0, pair.accepted.received.size());
                assertThrows(IllegalArgumentException.class,
                        () -> pair.accepted.transport.setProtocol(new BaseProtocol<Transport>() {}));
            }
        }));
    }

    @Test
    void aPeerResetWhileReadingEndsTheConnectionWithTheError() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open()) {
                pair.client.transport.write("partial message".getBytes(UTF_8));
                pair.accepted.awaitBytes(15);
                SocketChannel socket = (SocketChannel) pair.client.transport.getExtraInfo("socket");
                socket.setOption(StandardSocketOptions.SO_LINGER, 0);
                pair.client.transport.abort(); // close with linger 0: the peer gets a RST
                Exception exc = await(pair.accepted.lost);
                assertInstanceOf(IOException.class, exc);
                assertTrue(String.valueOf(exc.getMessage()).contains("reset"), String.valueOf(exc));
                assertEquals(List.of("made", "data", "lost"), pair.accepted.events);
            }
        }));
    }

    @Test
    void aPeerResetWhileWritingEndsTheConnectionAndLaterWritesSayWhy() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open()) {
                SocketChannel socket = (SocketChannel) pair.accepted.transport.getExtraInfo("socket");
                socket.setOption(StandardSocketOptions.SO_LINGER, 0);
                pair.accepted.transport.abort();
                await(pair.accepted.lost);
                Transport transport = pair.client.transport;
                byte[] chunk = bytes(64 * 1024);
                while (!transport.isClosing()) {
                    transport.write(chunk);
                    await(sleep(0));
                }
                Exception exc = await(pair.client.lost);
                assertInstanceOf(IOException.class, exc);
                IllegalStateException error = assertThrows(IllegalStateException.class, () -> transport.write(chunk));
                assertSame(exc, error.getCause());
                assertTrue(error.getMessage().startsWith("Cannot call write() on a closed transport (the connection was lost: "),
                        error.getMessage());
            }
        }));
    }

    @Test
    void anExceptionInDataReceivedIsReportedAndClosesTheTransport() throws Exception {
        List<ExceptionContext> reported = new ArrayList<>();
        Asyncio.run(async(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            try (Loopback pair = Loopback.open(() -> new TestProtocol() {
                @Override
                public void dataReceived(byte[] data) {
                    throw new ArithmeticException("boom");
                }
            })) {
                pair.client.transport.write("x".getBytes(UTF_8));
                Exception exc = await(pair.accepted.lost);
                assertInstanceOf(ArithmeticException.class, exc);
                await(pair.client.lost);
            }
        }));
        assertEquals(1, reported.size());
        assertEquals("Fatal error: protocol.data_received() call failed.", reported.get(0).message());
        assertInstanceOf(ArithmeticException.class, reported.get(0).exception());
        assertNotNull(reported.get(0).get("transport"));
        assertNotNull(reported.get(0).get("protocol"));
    }

    @Test
    void connectionLostIsCalledOnceAfterEverythingElse() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open()) {
                pair.client.transport.close();
                pair.client.transport.abort();
                assertNull(await(pair.client.lost));
                await(sleep(0));
                assertEquals(List.of("made", "lost"), pair.client.events);
            }
        }));
    }
}
