package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.openConnection;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.stream.StreamConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Thousands of connections, closed every way there is, leave no file descriptor behind. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FdLeakIT {

    private static final int ROUNDS = 500;

    @TempDir
    Path directory;

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /**
     * The open descriptors once the selector has released those of closed channels: the JDK
     * closes a registered channel's descriptor when the selector next deregisters it, so a few
     * real selects (1 ms sleeps) come first.
     */
    private static long settledDescriptors() throws Exception {
        for (int i = 0; i < 3; i++) {
            await(sleep(0.001));
        }
        return openDescriptors();
    }

    /** One round of every kind of connection: 7 sockets opened and closed, plus failures. */
    private void round(EventLoop loop, int port, Path unixPath, int refusedPort) throws Exception {
        // A protocol client, closed after an echo.
        var client = await(loop.createConnection(TestProtocol::new, "127.0.0.1", port));
        client.transport().write(new byte[] {1});
        client.protocol().awaitBytes(1);
        client.transport().close();
        await(client.protocol().lost);
        // A stream client that half-closes and reads to EOF.
        StreamConnection stream = await(openConnection("127.0.0.1", port));
        stream.writer().write(new byte[100]);
        stream.writer().writeEof();
        await(stream.reader().read());
        stream.writer().close();
        await(stream.writer().waitClosed());
        // An aborted client.
        var aborted = await(loop.createConnection(TestProtocol::new, "127.0.0.1", port));
        aborted.transport().abort();
        await(aborted.protocol().lost);
        // A Unix-domain client.
        var unix = await(loop.createUnixConnection(TestProtocol::new, unixPath));
        unix.transport().write(new byte[] {2});
        unix.protocol().awaitBytes(1);
        unix.transport().close();
        await(unix.protocol().lost);
        // A refused connection and a name that does not resolve.
        assertThrows(SocketException.class, () -> await(loop.createConnection(TestProtocol::new, "127.0.0.1", refusedPort)));
        assertThrows(IOException.class, () -> await(loop.createConnection(TestProtocol::new, "nowhere.invalid", port)));
        // A UDP endpoint.
        var udp = await(loop.createDatagramEndpoint(DatagramTest.Recorder::new,
                DatagramOptions.DEFAULT.withLocalAddress(new InetSocketAddress("127.0.0.1", 0))));
        udp.transport().close();
        await(udp.protocol().lost);
    }

    @Test
    void thousandsOfConnectionsLeaveNoDescriptorOpen() throws Exception {
        Path unixPath = directory.resolve("leak.sock");
        Asyncio.run(async(() -> {
            EventLoop loop = getRunningLoop();
            int refusedPort;
            try (var probe = java.nio.channels.ServerSocketChannel.open()) {
                probe.bind(new InetSocketAddress("127.0.0.1", 0));
                refusedPort = ((InetSocketAddress) probe.getLocalAddress()).getPort();
            }
            // Warm up: classes loaded, the default executor's threads and the loop's buffers made.
            Server warm = await(EchoServers.protocolStyle(0));
            Server warmUnix = await(loop.createUnixServer(EchoServers.EchoProtocol::new, unixPath));
            round(loop, ((InetSocketAddress) warm.addresses().get(0)).getPort(), unixPath, refusedPort);
            await(warm.aclose());
            await(warmUnix.aclose());
            long before = settledDescriptors();

            Server server = await(EchoServers.protocolStyle(0));
            Server unixServer = await(loop.createUnixServer(EchoServers.EchoProtocol::new, unixPath));
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            for (int i = 0; i < ROUNDS; i++) {
                round(loop, port, unixPath, refusedPort);
            }
            server.close();
            unixServer.close();
            await(server.waitClosed());
            await(unixServer.waitClosed());
            long after = settledDescriptors();
            assertEquals(before, after, "descriptors before and after " + ROUNDS * 7 + " sockets");
        }));
    }
}
