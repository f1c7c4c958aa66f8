package dev.asyncio4j.stream;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.openConnection;
import static dev.asyncio4j.Asyncio.openUnixConnection;
import static dev.asyncio4j.Asyncio.sleep;
import static dev.asyncio4j.Asyncio.startServer;
import static dev.asyncio4j.Asyncio.startUnixServer;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.net.Server;
import dev.asyncio4j.net.ServerOptions;
import dev.asyncio4j.net.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Streams over real loopback sockets: CPython's test_streams.py network tests and the faults. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StreamsTest {

    @TempDir
    Path directory;

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    private static String s(byte[] data) {
        return new String(data, UTF_8);
    }

    private static int port(Server server) {
        return ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    /** CPython's MyServer.handle_client: echo one line, then close and wait. */
    private static void echoOneLine(StreamReader reader, StreamWriter writer) throws Exception {
        byte[] data = await(reader.readline());
        writer.write(data);
        await(writer.drain());
        writer.close();
        await(writer.waitClosed());
    }

    @Test
    void startServerAndOpenConnection() throws Exception {
        List<ExceptionContext> reported = new ArrayList<>();
        Asyncio.run(async(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            Server server = await(startServer(StreamsTest::echoOneLine, "127.0.0.1", 0));
            StreamConnection connection = await(openConnection("127.0.0.1", port(server)));
            connection.writer().write(b("hello world!\n"));
            assertEquals("hello world!\n", s(await(connection.reader().readline())));
            connection.writer().close();
            await(connection.writer().waitClosed());
            server.close();
            await(server.waitClosed());
        }));
        assertEquals(List.of(), reported);
    }

    @Test
    void unixStreams() throws Exception {
        Path path = directory.resolve("streams.sock");
        Asyncio.run(async(() -> {
            Server server = await(startUnixServer(StreamsTest::echoOneLine, path));
            StreamConnection connection = await(openUnixConnection(path));
            connection.writer().write(b("hello world!\n"));
            assertEquals("hello world!\n", s(await(connection.reader().readline())));
            connection.writer().close();
            await(connection.writer().waitClosed());
            await(server.aclose());
        }));
    }

    @Test
    void aWriterToAPeerThatNeverReadsStopsAtTheHighWaterMark() throws Exception {
        Asyncio.run(async(() -> {
            // Small kernel buffers, set before the connection exists, so they fill quickly.
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_RCVBUF, 8192);
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            Future<StreamReader> peer = new Future<>();
            Future<Void> release = new Future<>();
            Server server = await(Streams.startServer((reader, writer) -> {
                peer.setResult(reader);
                await(release); // reads nothing until released
                while (await(reader.read(65536)).length > 0) {
                    // drain everything
                }
                writer.close();
            }, null, 0, ServerOptions.DEFAULT.withSocket(listener)));
            StreamConnection connection = await(openConnection("127.0.0.1", port(server)));
            ((SocketChannel) connection.writer().getExtraInfo("socket")).setOption(StandardSocketOptions.SO_SNDBUF, 8192);
            StreamWriter writer = connection.writer();
            Transport transport = (Transport) writer.transport();
            byte[] chunk = new byte[16 * 1024];
            int total = 8 * 1024 * 1024;
            Task<Void> producer = createTask(async(() -> {
                for (int sent = 0; sent < total; sent += chunk.length) {
                    writer.write(chunk);
                    await(writer.drain());
                }
                writer.writeEof();
            }));
            while (transport.getWriteBufferSize() <= 64 * 1024) {
                await(sleep(0));
            }
            for (int i = 0; i < 50; i++) {
                await(sleep(0));
                assertFalse(producer.isDone(), "drain() waits while the peer does not read");
                assertTrue(transport.getWriteBufferSize() <= 64 * 1024 + chunk.length,
                        "the write buffer stays bounded: " + transport.getWriteBufferSize());
            }
            release.setResult(null);
            await(producer);
            assertTrue(await(peer).atEof() || !producer.isCancelled());
            assertEquals(0, await(connection.reader().read()).length);
            await(server.aclose());
        }));
    }

    @Test
    void drainRaisesOnceThePeerHasGone() throws Exception {
        // As CPython's test_drain_raises, the peer is not on the loop: a plain thread that accepts,
        // reads the first byte and resets the connection. The writer never has to wait in drain()
        // and must still see the failure.
        try (java.net.ServerSocket peer = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread closer = Thread.ofPlatform().start(() -> {
                try (java.net.Socket accepted = peer.accept()) {
                    accepted.getInputStream().read(); // the connection is up: our first write arrived
                    accepted.setSoLinger(true, 0);
                } catch (IOException ignored) {
                    // The test fails on its own if the connection never comes.
                }
            });
            Asyncio.run(async(() -> {
                StreamConnection connection = await(openConnection("127.0.0.1", peer.getLocalPort()));
                IOException error = assertThrows(IOException.class, () -> {
                    while (true) {
                        connection.writer().write(b("foo\n"));
                        await(connection.writer().drain());
                    }
                });
                assertInstanceOf(SocketException.class, error, String.valueOf(error));
            }));
            closer.join();
        }
    }

    @Test
    void writeAfterCloseIsAClearErrorAndDrainReportsTheLostConnection() throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(startServer(StreamsTest::echoOneLine, "127.0.0.1", 0));
            StreamConnection connection = await(openConnection("127.0.0.1", port(server)));
            StreamWriter writer = connection.writer();
            assertFalse(writer.isClosing());
            writer.close();
            assertTrue(writer.isClosing());
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> writer.write(b("data")));
            assertEquals("Cannot call write() on a closed transport", error.getMessage());
            SocketException lost = assertThrows(SocketException.class, () -> await(writer.drain()));
            assertEquals("Connection lost", lost.getMessage());
            await(writer.waitClosed());
            await(server.aclose());
        }));
    }

    @Test
    void closingTheWriterFeedsEofToTheReader() throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(startServer(StreamsTest::echoOneLine, "127.0.0.1", 0));
            StreamConnection connection = await(openConnection("127.0.0.1", port(server)));
            connection.writer().close();
            await(connection.writer().waitClosed());
            assertTrue(connection.reader().atEof());
            assertEquals(0, await(connection.reader().read()).length);
            assertEquals(0, await(connection.reader().read(10)).length, "reading past EOF stays empty");
            assertEquals(0, await(connection.reader().readline()).length);
            await(server.aclose());
        }));
    }

    @Test
    void halfCloseLetsTheServerAnswerAfterTheRequestEnds() throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(startServer((reader, writer) -> {
                byte[] request = await(reader.read()); // until EOF
                writer.write(b("got " + request.length + " bytes"));
                writer.close();
            }, "127.0.0.1", 0));
            StreamConnection connection = await(openConnection("127.0.0.1", port(server)));
            assertTrue(connection.writer().canWriteEof());
            connection.writer().write(b("0123456789"));
            connection.writer().writeEof();
            assertEquals("got 10 bytes", s(await(connection.reader().read())));
            // Both directions have ended, but closing is still this side's call (as in asyncio).
            assertFalse(connection.writer().isClosing());
            connection.writer().close();
            await(connection.writer().waitClosed());
            await(server.aclose());
        }));
    }

    @Test
    void readexactlyAtEofOverTheNetworkCarriesWhatArrived() throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(startServer((reader, writer) -> {
                writer.write(b("12345"));
                writer.close();
            }, "127.0.0.1", 0));
            StreamConnection connection = await(openConnection("127.0.0.1", port(server)));
            IncompleteReadException error = assertThrows(IncompleteReadException.class,
                    () -> await(connection.reader().readexactly(10)));
            assertEquals("12345", s(error.partial()));
            assertEquals(OptionalInt.of(10), error.expected());
            connection.writer().close();
            await(server.aclose());
        }));
    }

    @Test
    void aLineLongerThanTheLimitIsRejectedAndTheNextLineStillReads() throws Exception {
        Asyncio.run(async(() -> {
            Future<List<String>> outcome = new Future<>();
            Server server = await(Streams.startServer((reader, writer) -> {
                List<String> seen = new ArrayList<>();
                try {
                    await(reader.readline());
                } catch (IllegalArgumentException e) {
                    seen.add(e.getMessage());
                }
                seen.add(s(await(reader.readline())));
                outcome.setResult(seen);
                writer.close();
            }, "127.0.0.1", 0, ServerOptions.DEFAULT, 16));
            StreamConnection connection = await(openConnection("127.0.0.1", port(server)));
            connection.writer().write(b("x".repeat(100) + "\nshort\n"));
            assertEquals(List.of("Separator is found, but chunk is longer than limit", "short\n"), await(outcome));
            connection.writer().close();
            await(server.aclose());
        }));
    }

    @Test
    void aPeerResetWhileReadingFailsTheRead() throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(startServer((reader, writer) -> {
                writer.write(b("partial"));
                await(writer.drain());
                ((SocketChannel) writer.getExtraInfo("socket")).setOption(StandardSocketOptions.SO_LINGER, 0);
                writer.transport().abort();
            }, "127.0.0.1", 0));
            StreamConnection connection = await(openConnection("127.0.0.1", port(server)));
            assertEquals("partial", s(await(connection.reader().readexactly(7))));
            IOException error = assertThrows(IOException.class, () -> await(connection.reader().read(10)));
            assertTrue(String.valueOf(error.getMessage()).contains("reset"), String.valueOf(error));
            assertSame(error, connection.reader().exception());
            assertSame(error, assertThrows(IOException.class, () -> await(connection.writer().waitClosed())));
            assertSame(error, assertThrows(IOException.class, () -> await(connection.writer().drain())));
            await(server.aclose());
        }));
    }

    @Test
    void aFastPeerIsPausedAtTwiceTheLimitAndResumedAsTheReaderCatchesUp() throws Exception {
        Asyncio.run(async(() -> {
            byte[] payload = new byte[1024 * 1024];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) i;
            }
            Server server = await(startServer((reader, writer) -> {
                writer.write(payload);
                await(writer.drain());
                writer.close();
            }, "127.0.0.1", 0));
            StreamConnection connection = await(Streams.openConnection("127.0.0.1", port(server),
                    dev.asyncio4j.net.ConnectOptions.DEFAULT, 1024));
            StreamReader reader = connection.reader();
            while (!reader.toString().contains("paused")) {
                await(sleep(0));
            }
            assertFalse(((Transport) connection.writer().transport()).isReading());
            assertTrue(reader.buffered().length > 2 * 1024 && reader.buffered().length < payload.length);
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            while (got.size() < payload.length) {
                got.writeBytes(await(reader.read(1000)));
            }
            assertArrayEquals(payload, got.toByteArray());
            await(server.aclose());
        }));
    }

    @Test
    void anExceptionInTheClientCallbackIsReportedAndClosesTheConnection() throws Exception {
        List<ExceptionContext> reported = new ArrayList<>();
        Asyncio.run(async(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            Server server = await(startServer((reader, writer) -> {
                throw new IllegalStateException("handler bug");
            }, "127.0.0.1", 0));
            StreamConnection connection = await(openConnection("127.0.0.1", port(server)));
            assertEquals(0, await(connection.reader().read()).length, "the server closed the connection");
            await(server.aclose());
        }));
        assertEquals(1, reported.size());
        assertEquals("Unhandled exception in client_connected_cb", reported.get(0).message());
        assertEquals("handler bug", reported.get(0).exception().getMessage());
        assertInstanceOf(Transport.class, reported.get(0).get("transport"));
    }

    @Test
    void aCancelledClientTaskClosesItsConnection() throws Exception {
        Asyncio.run(async(() -> {
            Future<Task<?>> handler = new Future<>();
            Server server = await(startServer((reader, writer) -> {
                handler.setResult(Asyncio.currentTask());
                await(reader.read());
            }, "127.0.0.1", 0));
            StreamConnection connection = await(openConnection("127.0.0.1", port(server)));
            await(handler).cancel();
            assertEquals(0, await(connection.reader().read()).length);
            await(server.aclose());
        }));
    }

    @Test
    void writerExtrasAndLines() throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(startServer((reader, writer) -> {
                writer.writelines(List.of(b("a\n"), b("b\n"), b("c")));
                writer.close();
            }, "127.0.0.1", 0));
            StreamConnection connection = await(openConnection("127.0.0.1", port(server)));
            StreamWriter writer = connection.writer();
            assertEquals(port(server), ((InetSocketAddress) writer.getExtraInfo("peername")).getPort());
            assertEquals("none", writer.getExtraInfo("nothing", "none"));
            assertTrue(writer.toString().startsWith("StreamWriter[transport=SocketTransport["), writer.toString());
            List<String> lines = new ArrayList<>();
            for (byte[] line : connection.reader()) {
                lines.add(s(line));
            }
            assertEquals(List.of("a\n", "b\n", "c"), lines);
            writer.close();
            await(server.aclose());
        }));
    }
}
