package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reader and writer callbacks on real channels: asyncio's add_reader/add_writer tests in
 * test_events.py (test_reader_callback, test_writer_callback, test_remove_fds_after_closing).
 */
@Timeout(20)
class EventLoopIoTest {

    private final EventLoop loop = new EventLoop();
    private final Pipe pipe;

    EventLoopIoTest() throws IOException {
        pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        pipe.sink().configureBlocking(false);
    }

    @AfterEach
    void close() throws IOException {
        loop.close();
        pipe.source().close();
        pipe.sink().close();
    }

    private void write(String text) {
        try {
            pipe.sink().write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readAvailable() {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        try {
            int n = pipe.source().read(buffer);
            return n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aReaderRunsOnTheLoopWhenDataArrivesUntilRemoved() {
        // test_reader_callback: the reader collects everything, then removes itself.
        StringBuilder received = new StringBuilder();
        List<Thread> threads = new ArrayList<>();
        loop.addReader(pipe.source(), () -> {
            threads.add(Thread.currentThread());
            received.append(readAvailable());
            if (received.toString().endsWith("!")) {
                assertTrue(loop.removeReader(pipe.source()));
                loop.stop();
            }
        });
        loop.callSoon(() -> write("abc"));
        loop.callLater(java.time.Duration.ofMillis(5), () -> write("def!"));
        loop.runForever();
        assertEquals("abcdef!", received.toString());
        assertTrue(threads.stream().allMatch(t -> t == Thread.currentThread()));
        assertFalse(loop.removeReader(pipe.source()), "already removed");
    }

    @Test
    void aRemovedReaderIsNotCalledAgain() {
        List<String> calls = new ArrayList<>();
        loop.addReader(pipe.source(), () -> {
            calls.add(readAvailable());
            loop.removeReader(pipe.source());
        });
        write("one");
        loop.callLater(java.time.Duration.ofMillis(20), loop::stop);
        loop.callLater(java.time.Duration.ofMillis(5), () -> write("two"));
        loop.runForever();
        assertEquals(List.of("one"), calls);
    }

    @Test
    void addReaderReplacesThePreviousReader() {
        List<String> calls = new ArrayList<>();
        loop.addReader(pipe.source(), () -> calls.add("first"));
        loop.addReader(pipe.source(), () -> {
            calls.add("second " + readAvailable());
            loop.removeReader(pipe.source());
            loop.stop();
        });
        write("x");
        loop.runForever();
        assertEquals(List.of("second x"), calls);
    }

    @Test
    void aWriterRunsWhileTheChannelIsWritable() {
        // test_writer_callback
        List<String> calls = new ArrayList<>();
        loop.addWriter(pipe.sink(), () -> {
            calls.add("writable");
            if (calls.size() == 3) {
                assertTrue(loop.removeWriter(pipe.sink()));
                loop.stop();
            }
        });
        loop.runForever();
        assertEquals(3, calls.size());
        assertFalse(loop.removeWriter(pipe.sink()));
    }

    @Test
    void readerAndWriterOfOneSocketAreIndependent() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                    SocketChannel accepted = server.accept()) {
                client.configureBlocking(false);
                List<String> events = new ArrayList<>();
                ByteBuffer ping = ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII));
                loop.addWriter(client, () -> {
                    try {
                        client.write(ping);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (!ping.hasRemaining()) {
                        events.add("sent");
                        loop.removeWriter(client);
                    }
                });
                loop.addReader(client, () -> {
                    ByteBuffer in = ByteBuffer.allocate(16);
                    try {
                        client.read(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    events.add("received " + new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
                    loop.removeReader(client);
                    loop.stop();
                });
                // The peer answers in blocking mode once it has read the ping, off the loop.
                Thread peer = Thread.ofPlatform().start(() -> {
                    try {
                        ByteBuffer in = ByteBuffer.allocate(4);
                        while (in.hasRemaining()) {
                            accepted.read(in);
                        }
                        accepted.write(ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                loop.runForever();
                peer.join();
                assertEquals(List.of("sent", "received pong"), events);
            }
        }
    }

    @Test
    void aFailingReaderIsReportedAndTheLoopGoesOn() {
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reports.add(context));
        IllegalStateException error = new IllegalStateException("reader failed");
        loop.addReader(pipe.source(), () -> {
            readAvailable();
            loop.removeReader(pipe.source());
            loop.callSoon(loop::stop);
            throw error;
        });
        write("x");
        loop.runForever();
        assertEquals(1, reports.size());
        assertEquals(error, reports.get(0).exception());
        assertTrue(reports.get(0).message().startsWith("Exception in callback"), reports.get(0).message());
    }

    @Test
    void aPreStoppedLoopStillPollsForIoOnce() {
        // test_run_forever_pre_stopped: the one iteration polls the selector (select(0)), so a
        // reader whose data is already there runs, however recently the loop last polled.
        List<String> calls = new ArrayList<>();
        loop.addReader(pipe.source(), () -> calls.add(readAvailable()));
        for (int i = 0; i < 1000; i++) {
            loop.stop();
            loop.runForever(); // polls, finding nothing
            write("" + (i % 10));
            loop.stop();
            loop.runForever(); // must poll again at once
            assertEquals(i + 1, calls.size(), "iteration " + i);
        }
    }

    @Test
    void watchingAChannelNeedsAnOpenLoop() {
        loop.close();
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> loop.addReader(pipe.source(), () -> {}));
        assertEquals("Event loop is closed", error.getMessage());
        assertThrows(IllegalStateException.class, () -> loop.addWriter(pipe.sink(), () -> {}));
    }

    @Test
    void channelsCanBeRemovedAfterTheLoopIsClosed() {
        // test_remove_fds_after_closing
        loop.addReader(pipe.source(), () -> {});
        loop.addWriter(pipe.sink(), () -> {});
        loop.close();
        assertFalse(loop.removeReader(pipe.source()));
        assertFalse(loop.removeWriter(pipe.sink()));
    }

    @Test
    void aClosedChannelCanBeRemovedWithoutError() throws IOException {
        loop.addReader(pipe.source(), () -> {});
        loop.addWriter(pipe.sink(), () -> {});
        pipe.source().close();
        pipe.sink().close();
        assertFalse(loop.removeReader(pipe.source()));
        assertFalse(loop.removeWriter(pipe.sink()));
    }
}
