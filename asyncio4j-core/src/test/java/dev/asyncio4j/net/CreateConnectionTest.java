package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.ExceptionGroup;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** createConnection: resolution, several addresses, IPv6, local address, time limit and failures. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CreateConnectionTest {

    /** A port on 127.0.0.1 where nothing listens (bound, then closed, so nobody else takes it soon). */
    private static int closedPort() throws IOException {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    private static Server echoServer(String host) throws Exception {
        return await(getRunningLoop().createServer(() -> {
            TestProtocol protocol = new TestProtocol();
            protocol.echo = true;
            return protocol;
        }, host, 0));
    }

    private static int port(Server server) {
        return ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    @Test
    void connectsByNameResolvedOffTheLoopThread() throws Exception {
        Asyncio.run(async(() -> {
            Server server = echoServer("127.0.0.1");
            var endpoint = await(getRunningLoop().createConnection(TestProtocol::new, "four.test", port(server)));
            endpoint.transport().write("ping".getBytes(UTF_8));
            assertEquals("ping", new String(endpoint.protocol().awaitBytes(4), UTF_8));
            assertEquals(List.of("made", "data"), endpoint.protocol().events);
            endpoint.transport().close();
            await(server.aclose());
        }));
    }

    @Test
    void triesEachAddressInTurnUntilOneConnects() throws Exception {
        Asyncio.run(async(() -> {
            // twoaddrs.test is 127.0.0.2 (nothing listens there) and then 127.0.0.1.
            Server server = echoServer("127.0.0.1");
            var endpoint = await(getRunningLoop().createConnection(TestProtocol::new, "twoaddrs.test", port(server)));
            InetSocketAddress peer = (InetSocketAddress) endpoint.transport().getExtraInfo("peername");
            assertEquals("127.0.0.1", peer.getAddress().getHostAddress());
            endpoint.transport().close();
            await(server.aclose());
        }));
    }

    @Test
    void connectsOverIpv6() throws Exception {
        Asyncio.run(async(() -> {
            Server server = echoServer("::1");
            var endpoint = await(getRunningLoop().createConnection(TestProtocol::new, "::1", port(server)));
            assertInstanceOf(Inet6Address.class,
                    ((InetSocketAddress) endpoint.transport().getExtraInfo("peername")).getAddress());
            endpoint.transport().write("six".getBytes(UTF_8));
            assertEquals("six", new String(endpoint.protocol().awaitBytes(3), UTF_8));
            endpoint.transport().close();
            var byName = await(getRunningLoop().createConnection(TestProtocol::new, "six.test", port(server)));
            byName.transport().close();
            await(server.aclose());
        }));
    }

    @Test
    void theFamilyOptionPicksAmongTheAddresses() throws Exception {
        Asyncio.run(async(() -> {
            Server server = echoServer("::1");
            var endpoint = await(getRunningLoop().createConnection(TestProtocol::new, "localhost", port(server),
                    ConnectOptions.DEFAULT.withFamily(StandardProtocolFamily.INET6)));
            assertInstanceOf(Inet6Address.class,
                    ((InetSocketAddress) endpoint.transport().getExtraInfo("peername")).getAddress());
            endpoint.transport().close();
            UnknownHostException error = assertThrows(UnknownHostException.class,
                    () -> await(getRunningLoop().createConnection(TestProtocol::new, "four.test", port(server),
                            ConnectOptions.DEFAULT.withFamily(StandardProtocolFamily.INET6))));
            assertEquals("four.test: no address of family INET6", error.getMessage());
            await(server.aclose());
        }));
    }

    @Test
    void bindsTheLocalAddressFirst() throws Exception {
        Asyncio.run(async(() -> {
            Future<Transport> accepted = new Future<>();
            Server server = await(getRunningLoop().createServer(() -> new TestProtocol() {
                @Override
                public void connectionMade(Transport transport) {
                    super.connectionMade(transport);
                    accepted.setResult(transport);
                }
            }, "127.0.0.1", 0));
            var endpoint = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port(server),
                    ConnectOptions.DEFAULT.withLocalAddress(new InetSocketAddress("127.0.0.2", 0))));
            InetSocketAddress local = (InetSocketAddress) endpoint.transport().getExtraInfo("sockname");
            assertEquals("127.0.0.2", local.getAddress().getHostAddress());
            assertEquals(local, await(accepted).getExtraInfo("peername"));
            endpoint.transport().close();
            await(server.aclose());
        }));
    }

    @Test
    void aLocalAddressThatCannotBeBoundSaysWhich() throws Exception {
        Asyncio.run(async(() -> {
            Server server = echoServer("127.0.0.1");
            InetSocketAddress taken = (InetSocketAddress) server.addresses().get(0);
            BindException error = assertThrows(BindException.class,
                    () -> await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port(server),
                            ConnectOptions.DEFAULT.withLocalAddress(taken))));
            assertEquals("error while attempting to bind on address 127.0.0.1:" + taken.getPort()
                    + ": address already in use", error.getMessage());
            await(server.aclose());
        }));
    }

    @Test
    void aRefusedConnectionSaysWhere() throws Exception {
        int port = closedPort();
        Asyncio.run(async(() -> {
            ConnectException error = assertThrows(ConnectException.class,
                    () -> await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port)));
            assertTrue(error.getMessage().startsWith("Connect call failed 127.0.0.1:" + port + ": "), error.getMessage());
            assertInstanceOf(ConnectException.class, error.getCause());
        }));
    }

    @Test
    void whenEveryAddressFailsDifferentlyAllTheErrorsAreNamed() throws Exception {
        int port = closedPort();
        Asyncio.run(async(() -> {
            IOException error = assertThrows(IOException.class,
                    () -> await(getRunningLoop().createConnection(TestProtocol::new, "twoaddrs.test", port)));
            assertTrue(error.getMessage().startsWith("Multiple exceptions: Connect call failed 127.0.0.2:" + port),
                    error.getMessage());
            assertTrue(error.getMessage().contains(", Connect call failed 127.0.0.1:" + port), error.getMessage());
            assertEquals(2, error.getSuppressed().length);
        }));
    }

    @Test
    void allErrorsRaisesAnExceptionGroupOfEveryAttempt() throws Exception {
        int port = closedPort();
        Asyncio.run(async(() -> {
            ExceptionGroup group = assertThrows(ExceptionGroup.class,
                    () -> await(getRunningLoop().createConnection(TestProtocol::new, "twoaddrs.test", port,
                            ConnectOptions.DEFAULT.withAllErrors(true))));
            assertEquals("create_connection failed", group.message());
            assertEquals(2, group.exceptions().size());
            assertTrue(group.exceptions().get(0).getMessage().startsWith("Connect call failed 127.0.0.2:" + port));
            assertTrue(group.exceptions().get(1).getMessage().startsWith("Connect call failed 127.0.0.1:" + port));
        }));
    }

    @Test
    void aNameThatDoesNotResolveFailsWithUnknownHost() throws Exception {
        Asyncio.run(async(() -> {
            assertThrows(UnknownHostException.class,
                    () -> await(getRunningLoop().createConnection(TestProtocol::new, "no-such-host.invalid", 80)));
        }));
    }

    @Test
    void theTimeLimitCoversTheWholeConnect() throws Exception {
        Asyncio.run(async(() -> {
            // A listener whose accept queue is full and never drained: further SYNs go unanswered.
            try (ServerSocketChannel full = ServerSocketChannel.open()) {
                full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
                List<SocketChannel> fillers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    SocketChannel filler = SocketChannel.open();
                    filler.configureBlocking(false);
                    filler.connect(full.getLocalAddress());
                    fillers.add(filler);
                }
                TimeoutException error = assertThrows(TimeoutException.class,
                        () -> await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1",
                                ((InetSocketAddress) full.getLocalAddress()).getPort(),
                                ConnectOptions.DEFAULT.withTimeout(Duration.ofMillis(200)))));
                assertEquals("createConnection() timed out after 200 ms", error.getMessage());
                for (SocketChannel filler : fillers) {
                    filler.close();
                }
            }
        }));
    }

    @Test
    void cancellingTheConnectClosesTheSocket() throws Exception {
        Asyncio.run(async(() -> {
            Server server = echoServer("127.0.0.1");
            Task<?> connecting = createTask(getRunningLoop().createConnection(TestProtocol::new, "four.test", port(server)));
            await(Asyncio.sleep(0));
            connecting.cancel();
            assertThrows(CancelledException.class, () -> await(connecting));
            await(server.aclose());
        }));
    }

    @Test
    void hostAndSocketTogetherOrNeitherAreRejected() throws Exception {
        Asyncio.run(async(() -> {
            try (SocketChannel socket = SocketChannel.open()) {
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", 80,
                                ConnectOptions.DEFAULT.withSocket(socket))));
                assertEquals("host/port and sock can not be specified at the same time", error.getMessage());
            }
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> await(getRunningLoop().createConnection(TestProtocol::new, ConnectOptions.DEFAULT)));
            assertEquals("host and port was not specified and no sock specified", error.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", 70000)));
            assertThrows(IllegalArgumentException.class, () -> ConnectOptions.DEFAULT.withTimeout(Duration.ofSeconds(-1)));
        }));
    }

    @Test
    void aFailingProtocolFactoryFailsTheCallAndClosesTheSocket() throws Exception {
        Asyncio.run(async(() -> {
            Server server = echoServer("127.0.0.1");
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> await(getRunningLoop().createConnection(() -> {
                        throw new IllegalStateException("no protocol today");
                    }, "127.0.0.1", port(server))));
            assertEquals("no protocol today", error.getMessage());
            await(server.aclose());
        }));
    }

    @Test
    void aFailingConnectionMadeFailsTheCallAndClosesTheTransport() throws Exception {
        Asyncio.run(async(() -> {
            Server server = echoServer("127.0.0.1");
            List<Exception> lostWith = new ArrayList<>();
            ArithmeticException error = assertThrows(ArithmeticException.class,
                    () -> await(getRunningLoop().createConnection(() -> new TestProtocol() {
                        @Override
                        public void connectionMade(Transport transport) {
                            throw new ArithmeticException("refused to start");
                        }

                        @Override
                        public void connectionLost(Exception exc) {
                            lostWith.add(exc);
                        }
                    }, "127.0.0.1", port(server))));
            assertEquals("refused to start", error.getMessage());
            await(Asyncio.sleep(0));
            assertEquals(1, lostWith.size());
            assertInstanceOf(ArithmeticException.class, lostWith.get(0));
            await(server.aclose());
        }));
    }

    @Test
    void wrapsAnAlreadyConnectedSocket() throws Exception {
        Asyncio.run(async(() -> {
            Server server = echoServer("127.0.0.1");
            SocketChannel socket = SocketChannel.open();
            socket.configureBlocking(false);
            await(getRunningLoop().sockConnect(socket, server.addresses().get(0)));
            var endpoint = await(getRunningLoop().createConnection(TestProtocol::new,
                    ConnectOptions.DEFAULT.withSocket(socket)));
            assertEquals(socket, endpoint.transport().getExtraInfo("socket"));
            endpoint.transport().write("x".getBytes(UTF_8));
            endpoint.protocol().awaitBytes(1);
            endpoint.transport().close();
            await(endpoint.protocol().lost);
            assertTrue(!socket.isOpen());
            await(server.aclose());
        }));
    }
}
