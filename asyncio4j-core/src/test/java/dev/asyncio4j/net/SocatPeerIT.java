package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.ChildProcess;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * socat, a program that knows nothing of asyncio, as the peer: it sends its standard input, then
 * half-closes, and prints what comes back until the other side closes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocatPeerIT {

    private static final String TEXT = "hello\nfrom socat\n" + "x".repeat(100_000) + "\nbye\n";

    @TempDir
    Path directory;

    /** Runs socat with {@code address}, feeds it TEXT and returns all it printed. */
    private static String exchange(String address) throws Exception {
        try (ChildProcess socat = ChildProcess.start(List.of("socat", "-t", "10", "-", address))) {
            socat.write(TEXT);
            socat.closeInput();
            String output = await(socat.outputDone());
            assertEquals(0, await(socat.process().onExit()).exitValue(), output);
            return output + "\n";
        }
    }

    @Test
    void tcpWithHalfClose() throws Exception {
        Asyncio.run(async(() -> {
            for (Server server : List.of(await(EchoServers.protocolStyle(0)), await(EchoServers.streamStyle(0)))) {
                int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
                assertEquals(TEXT, exchange("TCP:127.0.0.1:" + port));
                await(server.aclose());
            }
        }));
    }

    @Test
    void unixDomainSockets() throws Exception {
        Path path = directory.resolve("socat.sock");
        Asyncio.run(async(() -> {
            Server server = await(getRunningLoop().createUnixServer(EchoServers.EchoProtocol::new, path));
            assertEquals(TEXT, exchange("UNIX-CONNECT:" + path));
            await(server.aclose());
        }));
    }

    @Test
    void udp() throws Exception {
        Asyncio.run(async(() -> {
            var endpoint = await(getRunningLoop().createDatagramEndpoint(() -> {
                DatagramTest.Recorder recorder = new DatagramTest.Recorder();
                recorder.echo = true;
                return recorder;
            }, DatagramOptions.DEFAULT.withLocalAddress(new InetSocketAddress("127.0.0.1", 0))));
            int port = ((InetSocketAddress) endpoint.transport().getExtraInfo("sockname")).getPort();
            try (ChildProcess socat = ChildProcess.start(List.of("socat", "-", "UDP:127.0.0.1:" + port))) {
                socat.write("one datagram\n");
                // The echo comes back on socat's output: wait for it off the loop thread.
                assertEquals("one datagram", await(getRunningLoop().runInExecutor(null,
                        () -> socat.awaitLine(Duration.ofSeconds(20)))));
                assertEquals(List.of("one datagram\n"), endpoint.protocol().received);
            }
            endpoint.transport().close();
        }));
    }
}
