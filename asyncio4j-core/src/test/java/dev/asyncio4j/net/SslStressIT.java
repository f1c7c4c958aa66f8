package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Task;
import dev.asyncio4j.stream.StreamConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS at volume: hundreds of connections closed and failed every way leave no descriptor
 * behind, and 100 MB pass through a TLS echo in reasonable time. A sanity check, not a benchmark.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SslStressIT {

    private static final int ROUNDS = 150;

    private static long settledDescriptors() throws Exception {
        for (int i = 0; i < 3; i++) {
            await(sleep(0.001));
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static int portOf(Server server) {
        return ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    /** One of each: a good exchange, a refused certificate, garbage, an abort, a cancelled handshake. */
    private static void round(EventLoop loop, int good, int untrusted, int silent) throws Exception {
        var client = await(loop.createConnection(TestProtocol::new, "127.0.0.1", good,
                ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
        client.transport().write(new byte[] {1});
        client.protocol().awaitBytes(1);
        client.transport().close();
        await(client.protocol().lost);

        assertThrows(SSLException.class, () -> await(loop.createConnection(TestProtocol::new, "127.0.0.1", untrusted,
                ConnectOptions.DEFAULT.withSsl(Certs.clientOptions()))));

        var garbage = await(loop.createConnection(TestProtocol::new, "127.0.0.1", good));
        garbage.transport().write("GET / HTTP/1.0\r\n\r\n".getBytes());
        await(garbage.protocol().lost);

        var aborted = await(loop.createConnection(TestProtocol::new, "127.0.0.1", good,
                ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
        aborted.transport().abort();
        await(aborted.protocol().lost);

        Task<?> handshaking = Asyncio.createTask(loop.createConnection(TestProtocol::new, "127.0.0.1", silent,
                ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
        await(sleep(0.001));
        handshaking.cancel();
        await(Asyncio.gather(true, handshaking));
    }

    @Test
    void hundredsOfTlsConnectionsLeaveNoDescriptorOpen() throws Exception {
        Asyncio.run(async(() -> {
            EventLoop loop = getRunningLoop();
            List<ExceptionContext> reported = new ArrayList<>();
            loop.setExceptionHandler((l, context) -> reported.add(context));
            ServerOptions tls = ServerOptions.DEFAULT.withSsl(Certs.server());
            Server warm = await(EchoServers.protocolStyle(0, tls));
            Server warmUntrusted = await(EchoServers.protocolStyle(0, ServerOptions.DEFAULT.withSsl(Certs.server("untrusted"))));
            Server warmSilent = await(loop.createServer(TestProtocol::new, "127.0.0.1", 0));
            round(loop, portOf(warm), portOf(warmUntrusted), portOf(warmSilent));
            for (Server server : List.of(warm, warmUntrusted, warmSilent)) {
                server.close();
                server.closeClients();
                await(server.waitClosed());
            }
            long before = settledDescriptors();

            Server good = await(EchoServers.protocolStyle(0, tls));
            Server untrusted = await(EchoServers.protocolStyle(0, ServerOptions.DEFAULT.withSsl(Certs.server("untrusted"))));
            Server silent = await(loop.createServer(TestProtocol::new, "127.0.0.1", 0));
            for (int i = 0; i < ROUNDS; i++) {
                round(loop, portOf(good), portOf(untrusted), portOf(silent));
            }
            for (Server server : List.of(good, untrusted, silent)) {
                server.close();
                server.closeClients();
                await(server.waitClosed());
            }
            assertEquals(before, settledDescriptors(), "descriptors before and after " + ROUNDS + " rounds");
            assertEquals(List.of(), reported);
            assertEquals(1, Asyncio.allTasks().size(), "no task left behind: " + Asyncio.allTasks());
        }));
    }

    @Test
    void a100MegabyteEchoOverTls() throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(EchoServers.streamStyle(0, ServerOptions.DEFAULT.withSsl(Certs.server())));
            StreamConnection connection = await(Asyncio.openConnection("127.0.0.1", portOf(server),
                    ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
            long total = 100L * 1024 * 1024;
            byte[] chunk = SocketTransportTest.bytes(64 * 1024);
            CRC32 sent = new CRC32();
            long start = System.nanoTime();
            Task<long[]> reader = Asyncio.createTask(async(() -> {
                CRC32 received = new CRC32();
                long count = 0;
                while (count < total) {
                    byte[] data = await(connection.reader().read(256 * 1024));
                    if (data.length == 0) {
                        break;
                    }
                    received.update(data);
                    count += data.length;
                }
                return new long[] {count, received.getValue()};
            }));
            for (long written = 0; written < total; written += chunk.length) {
                connection.writer().write(chunk);
                sent.update(chunk);
                await(connection.writer().drain());
            }
            long[] outcome = await(reader);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(total, outcome[0]);
            assertEquals(sent.getValue(), outcome[1]);
            assertTrue(seconds < 60, "100 MB took " + seconds + " s");
            connection.writer().close();
            await(connection.writer().waitClosed());
            await(server.aclose());
        }));
    }
}
