package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.net.SocketTransportTest.bytes;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.asyncio4j.Asyncio;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SslTransportTest {

    @Test
    void echoRoundTrip() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls(() -> {
                TestProtocol protocol = new TestProtocol();
                protocol.echo = true;
                return protocol;
            }, SslOptions.of(Certs.server()), Certs.clientOptions())) {
                pair.client.transport.write("hello, world".getBytes(UTF_8));
                assertEquals("hello, world", new String(pair.client.awaitBytes(12), UTF_8));
                byte[] big = bytes(3 * 1024 * 1024);
                pair.client.transport.write(big);
                assertArrayEquals(big, java.util.Arrays.copyOfRange(pair.client.awaitBytes(12 + big.length), 12, 12 + big.length));
                assertEquals(List.of("made", "data"), pair.accepted.events);
            }
        }));
    }

    @Test
    void closeExchangesCloseNotify() throws Exception {
        Asyncio.run(async(() -> {
            Loopback pair = Loopback.openTls();
            pair.client.transport.write("bye".getBytes(UTF_8));
            pair.client.transport.close();
            assertNull(await(pair.accepted.lost));
            assertNull(await(pair.client.lost));
            assertEquals("bye", pair.accepted.text());
            assertEquals(List.of("made", "data", "eof", "lost"), pair.accepted.events);
            assertEquals(List.of("made", "eof", "lost"), pair.client.events);
            pair.server.close();
            await(pair.server.waitClosed());
        }));
    }
}
