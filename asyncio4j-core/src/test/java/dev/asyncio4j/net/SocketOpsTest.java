package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** sockConnect, sockAccept, sockRecv, sockRecvInto, sockSendall on non-blocking channels. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SocketOpsTest {

    private static ServerSocketChannel listener() throws Exception {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        listener.configureBlocking(false);
        return listener;
    }

    @Test
    void connectAcceptSendAndReceive() throws Exception {
        Asyncio.run(async(() -> {
            EventLoop loop = getRunningLoop();
            try (ServerSocketChannel listener = listener(); SocketChannel client = SocketChannel.open()) {
                client.configureBlocking(false);
                Task<SocketChannel> accepting = createTask(loop.sockAccept(listener));
                InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
                await(loop.sockConnect(client, InetSocketAddress.createUnresolved("four.test", address.getPort())));
                try (SocketChannel server = await(accepting)) {
                    assertFalse(server.isBlocking());
                    Task<byte[]> receiving = createTask(loop.sockRecv(server, 100));
                    await(Asyncio.sleep(0));
                    await(loop.sockSendall(client, "hello".getBytes(UTF_8)));
                    assertEquals("hello", new String(await(receiving), UTF_8));

                    byte[] big = new byte[4 * 1024 * 1024];
                    for (int i = 0; i < big.length; i++) {
                        big[i] = (byte) i;
                    }
                    Task<Void> sending = createTask(loop.sockSendall(server, big));
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    ByteBuffer buffer = ByteBuffer.allocate(70_000);
                    while (got.size() < big.length) {
                        buffer.clear();
                        int n = await(loop.sockRecvInto(client, buffer));
                        got.write(buffer.array(), 0, n);
                    }
                    await(sending);
                    assertArrayEquals(big, got.toByteArray());
                    assertEquals(0, await(loop.sockRecvInto(client, ByteBuffer.allocate(0))));

                    server.shutdownOutput();
                    assertEquals(0, await(loop.sockRecv(client, 10)).length, "EOF reads as empty");
                    assertEquals(0, await(loop.sockRecvInto(client, ByteBuffer.allocate(10))), "EOF reads as 0");
                    assertEquals(0, await(loop.sockRecv(client, 0)).length);
                }
            }
        }));
    }

    @Test
    void aCancelledReceiveStopsWatchingTheSocket() throws Exception {
        Asyncio.run(async(() -> {
            EventLoop loop = getRunningLoop();
            try (ServerSocketChannel listener = listener(); SocketChannel client = SocketChannel.open()) {
                client.configureBlocking(false);
                Task<SocketChannel> accepting = createTask(loop.sockAccept(listener));
                await(loop.sockConnect(client, listener.getLocalAddress()));
                try (SocketChannel server = await(accepting)) {
                    Task<byte[]> receiving = createTask(loop.sockRecv(server, 10));
                    await(Asyncio.sleep(0));
                    receiving.cancel();
                    assertThrows(CancelledException.class, () -> await(receiving));
                    assertFalse(loop.removeReader(server), "no reader is left behind");
                    await(loop.sockSendall(client, ByteBuffer.wrap("after".getBytes(UTF_8))));
                    assertEquals("after", new String(await(loop.sockRecv(server, 10)), UTF_8));
                }
            }
        }));
    }

    @Test
    void failuresAndBlockingSocketsGetClearErrors() throws Exception {
        Asyncio.run(async(() -> {
            EventLoop loop = getRunningLoop();
            int port;
            try (ServerSocketChannel probe = listener()) {
                port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
            }
            try (SocketChannel client = SocketChannel.open()) {
                client.configureBlocking(false);
                ConnectException error = assertThrows(ConnectException.class,
                        () -> await(loop.sockConnect(client, new InetSocketAddress("127.0.0.1", port))));
                assertTrue(error.getMessage().startsWith("Connect call failed 127.0.0.1:" + port), error.getMessage());
            }
            try (SocketChannel blocking = SocketChannel.open()) {
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> await(loop.sockRecv(blocking, 1)));
                assertEquals("the socket must be non-blocking", error.getMessage());
            }
            assertThrows(IllegalArgumentException.class, () -> loop.sockRecv(SocketChannel.open(), -1));
        }));
    }
}
