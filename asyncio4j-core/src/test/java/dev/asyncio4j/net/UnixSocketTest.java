package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** createUnixServer and createUnixConnection. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UnixSocketTest {

    @TempDir
    Path directory;

    private static Server echoServer(Path path) throws Exception {
        return await(getRunningLoop().createUnixServer(() -> {
            TestProtocol protocol = new TestProtocol();
            protocol.echo = true;
            return protocol;
        }, path));
    }

    @Test
    void aRoundTripOverAUnixSocket() throws Exception {
        Path path = directory.resolve("echo.sock");
        Asyncio.run(async(() -> {
            Server server = echoServer(path);
            assertEquals(UnixDomainSocketAddress.of(path), server.addresses().get(0));
            var client = await(getRunningLoop().createUnixConnection(TestProtocol::new, path));
            client.transport().write("over unix".getBytes(UTF_8));
            assertEquals("over unix", new String(client.protocol().awaitBytes(9), UTF_8));
            assertInstanceOf(UnixDomainSocketAddress.class, client.transport().getExtraInfo("peername"));
            assertEquals(UnixDomainSocketAddress.of(path), client.transport().getExtraInfo("peername"));
            client.transport().writeEof();
            await(client.protocol().lost);
            assertTrue(Files.exists(path));
            await(server.aclose());
            assertFalse(Files.exists(path), "the server removes its socket file when it closes");
        }));
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path path = directory.resolve("stale.sock");
        try (ServerSocketChannel previous = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            previous.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path), "a dead server left its socket file");
        Asyncio.run(async(() -> {
            Server server = echoServer(path);
            var client = await(getRunningLoop().createUnixConnection(TestProtocol::new, path));
            client.transport().write("fresh".getBytes(UTF_8));
            client.protocol().awaitBytes(5);
            client.transport().close();
            await(server.aclose());
        }));
    }

    @Test
    void aPathThatIsNotASocketIsNotTouched() throws Exception {
        Path path = directory.resolve("regular-file");
        Files.writeString(path, "keep me");
        Asyncio.run(async(() -> {
            BindException error = assertThrows(BindException.class, () -> echoServer(path));
            assertEquals("Address '" + path + "' is already in use", error.getMessage());
        }));
        assertEquals("keep me", Files.readString(path));
    }

    @Test
    void cleanupCanBeTurnedOffAndMissingPathsFailClearly() throws Exception {
        Path path = directory.resolve("kept.sock");
        Asyncio.run(async(() -> {
            Server server = await(getRunningLoop().createUnixServer(TestProtocol::new, path,
                    ServerOptions.DEFAULT.withCleanupSocket(false)));
            await(server.aclose());
            assertTrue(Files.exists(path));
            Files.delete(path);
            assertThrows(IOException.class,
                    () -> await(getRunningLoop().createUnixConnection(TestProtocol::new, path)));
            assertThrows(IllegalArgumentException.class,
                    () -> await(getRunningLoop().createUnixConnection(TestProtocol::new, null)));
        }));
    }
}
