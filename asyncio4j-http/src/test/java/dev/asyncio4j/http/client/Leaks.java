package dev.asyncio4j.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncio4j.http.Polling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Counting file descriptors, to show a test left no socket behind. */
final class Leaks {
    private static boolean warm;

    /**
     * The JDK keeps descriptors it opens at the first use of sockets (a probe) and of TLS (its
     * random source): use both once, so that a baseline taken afterwards is stable. On a platform thread:
     * blocking calls in a task would wait for the very loop they block.
     */
    private static void warmUp() {
        if (warm) {
            return;
        }
        warm = true;
        Thread thread = Thread.ofPlatform().start(new WarmUp());
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class WarmUp implements Runnable {
        @Override
        public void run() {
            try (var server = java.nio.channels.ServerSocketChannel.open()) {
                server.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
                try (var client = java.nio.channels.SocketChannel.open(server.getLocalAddress());
                        var accepted = server.accept()) {
                    accepted.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
                    client.read(java.nio.ByteBuffer.allocate(1));
                }
                // TLS keeps /dev/random and /dev/urandom open once its random source is made.
                javax.net.ssl.SSLEngine engine = javax.net.ssl.SSLContext.getDefault().createSSLEngine();
                engine.setUseClientMode(true);
                engine.beginHandshake();
                new java.security.SecureRandom().nextBytes(new byte[16]);
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Leaks() {
    }

    static long openDescriptors() {
        warmUp();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts the descriptors are back to {@code baseline}. The JDK closes a registered
     * channel's descriptor only when its selector next polls, and nothing announces that, so
     * this waits for the count (in a task).
     */
    static void assertDescriptorsBackTo(long baseline) throws Exception {
        Polling.until(() -> openDescriptors() <= baseline);
        assertEquals(baseline, openDescriptors(), "file descriptors open after the test");
    }

    /** The session's pool holds nothing: every connection closed or back in the pool and closed with it. */
    static void assertPoolEmpty(ClientSession session) {
        ConnectorStatistics stats = session.connector().statistics();
        assertEquals(0, stats.acquired(), "connections still acquired: " + stats);
        assertEquals(0, stats.waiting(), "requests still waiting: " + stats);
    }
}
