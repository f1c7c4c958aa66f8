package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The TCP ping over real loopback sockets. */
@Timeout(20)
class PingLocalIT {

    @Test
    void pingsALoopbackPortItOpensItself() throws Exception {
        Output out = new Output();

        PingLocal.run(out.stream());

        List<String> lines = out.lines();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches("127\\.0\\.0\\.1 answered in \\d+\\.\\d{3} ms"), lines.get(0));
    }

    @Test
    void pingsAListeningServer() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            Duration roundTrip = Asyncio.run(PingLocal.pingServer("127.0.0.1", server.socket().getLocalPort()));

            assertTrue(!roundTrip.isNegative() && roundTrip.compareTo(Duration.ofSeconds(10)) < 0, roundTrip::toString);
        }
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int closedPort;
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            closedPort = server.socket().getLocalPort();
        }

        ConnectException error = assertThrows(ConnectException.class,
                () -> Asyncio.run(PingLocal.pingServer("127.0.0.1", closedPort)));

        assertEquals("Connect call failed 127.0.0.1:" + closedPort + ": Connection refused", error.getMessage());
    }
}
