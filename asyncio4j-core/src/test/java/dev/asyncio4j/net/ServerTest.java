package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Task;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** createServer and Server: hosts, options, serving, closing with clients connected. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ServerTest {

    private static int port(SocketAddress address) {
        return ((InetSocketAddress) address).getPort();
    }

    /** A server whose accepted protocols are recorded in {@code accepted}, echoing. */
    private static Server echoServer(List<TestProtocol> accepted, List<String> hosts, int port, ServerOptions options)
            throws Exception {
        return await(getRunningLoop().createServer(() -> {
            TestProtocol protocol = new TestProtocol();
            protocol.echo = true;
            accepted.add(protocol);
            return protocol;
        }, hosts, port, options));
    }

    private static TestProtocol connect(SocketAddress address) throws Exception {
        InetSocketAddress inet = (InetSocketAddress) address;
        return await(getRunningLoop().createConnection(TestProtocol::new,
                inet.getAddress().getHostAddress(), inet.getPort())).protocol();
    }

    private static void roundTrip(TestProtocol client, String text) throws Exception {
        int before = client.received.size();
        client.transport.write(text.getBytes(UTF_8));
        byte[] all = client.awaitBytes(before + text.length());
        assertEquals(text, new String(all, before, text.length(), UTF_8));
    }

    @Test
    void listensOnEveryAddressOfEveryHost() throws Exception {
        Asyncio.run(async(() -> {
            List<TestProtocol> accepted = new ArrayList<>();
            Server server = echoServer(accepted, List.of("127.0.0.1", "::1"), 0, ServerOptions.DEFAULT);
            assertEquals(2, server.sockets().size());
            assertInstanceOf(Inet4Address.class, ((InetSocketAddress) server.addresses().get(0)).getAddress());
            assertInstanceOf(Inet6Address.class, ((InetSocketAddress) server.addresses().get(1)).getAddress());
            for (SocketAddress address : server.addresses()) {
                TestProtocol client = connect(address);
                roundTrip(client, "hello " + address);
                client.transport.close();
            }
            assertEquals(2, accepted.size());
            await(server.aclose());
        }));
    }

    @Test
    void anEmptyHostListensOnEveryInterfaceForBothFamilies() throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(getRunningLoop().createServer(() -> {
                TestProtocol protocol = new TestProtocol();
                protocol.echo = true;
                return protocol;
            }, "", 0));
            assertEquals(1, server.sockets().size());
            int port = port(server.addresses().get(0));
            for (String host : List.of("127.0.0.1", "::1")) {
                TestProtocol client = await(getRunningLoop().createConnection(TestProtocol::new, host, port)).protocol();
                roundTrip(client, "via " + host);
                client.transport.close();
            }
            await(server.aclose());
        }));
    }

    @Test
    void aServerMadeWithoutStartServingAcceptsOnlyOnceStarted() throws Exception {
        Asyncio.run(async(() -> {
            List<TestProtocol> accepted = new ArrayList<>();
            Server server = echoServer(accepted, List.of("127.0.0.1"), 0, ServerOptions.DEFAULT.withStartServing(false));
            assertFalse(server.isServing());
            // The kernel completes the handshake (the socket listens), but nobody accepts yet.
            TestProtocol client = connect(server.addresses().get(0));
            client.transport.write("early".getBytes(UTF_8));
            for (int i = 0; i < 10; i++) {
                await(sleep(0));
            }
            assertEquals(0, accepted.size());
            await(server.startServing());
            assertTrue(server.isServing());
            assertEquals("early", new String(client.awaitBytes(5), UTF_8));
            await(server.startServing()); // again: nothing changes
            client.transport.close();
            await(server.aclose());
            assertFalse(server.isServing());
        }));
    }

    @Test
    void serveForeverRunsUntilCancelledThenClosesTheServer() throws Exception {
        Asyncio.run(async(() -> {
            List<TestProtocol> accepted = new ArrayList<>();
            Server server = echoServer(accepted, List.of("127.0.0.1"), 0, ServerOptions.DEFAULT.withStartServing(false));
            Task<Void> serving = createTask(server.serveForever());
            await(sleep(0));
            assertTrue(server.isServing());
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> await(server.serveForever()));
            assertTrue(twice.getMessage().endsWith("is already being awaited on serveForever()"), twice.getMessage());
            TestProtocol client = connect(server.addresses().get(0));
            roundTrip(client, "served");
            client.transport.close();
            await(client.lost);
            serving.cancel();
            assertThrows(CancelledException.class, () -> await(serving));
            assertFalse(server.isServing());
            assertTrue(server.sockets().isEmpty());
            IllegalStateException closed = assertThrows(IllegalStateException.class, () -> await(server.serveForever()));
            assertTrue(closed.getMessage().endsWith("is closed"), closed.getMessage());
        }));
    }

    @Test
    void closingTheServerLeavesItsConnectionsOpenAndWaitClosedWaitsForThem() throws Exception {
        Asyncio.run(async(() -> {
            List<TestProtocol> accepted = new ArrayList<>();
            Server server = echoServer(accepted, List.of("127.0.0.1"), 0, ServerOptions.DEFAULT);
            SocketAddress address = server.addresses().get(0);
            TestProtocol first = connect(address);
            TestProtocol second = connect(address);
            roundTrip(first, "one");
            roundTrip(second, "two");
            Task<Void> waiting = createTask(server.waitClosed());
            server.close();
            server.close(); // twice does nothing
            assertTrue(server.addresses().isEmpty());
            // Refused (a real kernel) or reset (gVisor): either way, a SocketException.
            SocketException refused = assertThrows(SocketException.class, () -> connect(address));
            assertTrue(refused.getMessage().startsWith("Connect call failed "), refused.getMessage());
            roundTrip(first, "still served");
            first.transport.close();
            await(first.lost);
            await(sleep(0));
            assertFalse(waiting.isDone(), "one connection is still open");
            roundTrip(second, "also still served");
            second.transport.close();
            await(waiting);
            await(server.waitClosed()); // returns at once now
        }));
    }

    @Test
    void waitClosedWaitsUntilTheServerIsClosedAndHasNoClientsInEitherOrder() throws Exception {
        // CPython 3.13's test_server.test_wait_closed_basic: the 3.12.1 semantics.
        Asyncio.run(async(() -> {
            List<TestProtocol> accepted = new ArrayList<>();
            Server server = echoServer(accepted, List.of("127.0.0.1"), 0, ServerOptions.DEFAULT);
            // Open, no clients: waits (3.12.0 returned here).
            Task<Void> first = createTask(server.waitClosed());
            await(sleep(0));
            assertFalse(first.isDone());
            // Open, one client: waits.
            TestProtocol client = connect(server.addresses().get(0));
            roundTrip(client, "x");
            Task<Void> second = createTask(server.waitClosed());
            await(sleep(0));
            assertFalse(first.isDone());
            assertFalse(second.isDone());
            // Closed, one client: waits (3.11 returned here).
            server.close();
            await(sleep(0));
            Task<Void> third = createTask(server.waitClosed());
            await(sleep(0));
            assertFalse(first.isDone() || second.isDone() || third.isDone());
            // Closed, no clients: every waiter returns, and later ones at once.
            client.transport.close();
            await(first);
            await(second);
            await(third);
            await(server.waitClosed());
        }));
    }

    @Test
    void abortClientsEndsConnectionsWhoseWritesAreStuckAndWaitClosedReturns() throws Exception {
        // CPython 3.13's test_server.test_abort_clients: close_clients() would wait for a buffer
        // the peer never reads; abort_clients() drops it, so wait_closed() returns at once.
        Asyncio.run(async(() -> {
            List<TestProtocol> accepted = new ArrayList<>();
            Server server = echoServer(accepted, List.of("127.0.0.1"), 0, ServerOptions.DEFAULT);
            TestProtocol client = connect(server.addresses().get(0));
            client.transport.pauseReading();
            while (accepted.isEmpty() || accepted.get(0).transport == null) {
                await(sleep(0));
            }
            Transport stuck = accepted.get(0).transport;
            byte[] block = new byte[256 * 1024];
            while (stuck.getWriteBufferSize() == 0) {
                stuck.write(block);
            }
            Task<Void> waiting = createTask(server.waitClosed());
            await(sleep(0));
            assertFalse(waiting.isDone());
            server.close();
            server.closeClients();
            for (int i = 0; i < 3; i++) {
                await(sleep(0));
            }
            assertFalse(waiting.isDone(), "close() waits for the buffer the client does not read");
            assertTrue(stuck.isClosing());
            server.abortClients();
            await(sleep(0));
            await(sleep(0));
            assertTrue(waiting.isDone(), "abort_clients() lets wait_closed() return within two iterations");
            assertNull(await(accepted.get(0).lost));
            client.transport.abort();
        }));
    }

    @Test
    void closeClientsClosesAndAbortClientsAbortsEveryConnection() throws Exception {
        Asyncio.run(async(() -> {
            List<TestProtocol> accepted = new ArrayList<>();
            Server server = echoServer(accepted, List.of("127.0.0.1"), 0, ServerOptions.DEFAULT);
            SocketAddress address = server.addresses().get(0);
            TestProtocol first = connect(address);
            TestProtocol second = connect(address);
            roundTrip(first, "a");
            roundTrip(second, "b");
            server.close();
            server.closeClients();
            assertNull(await(first.lost), "the client read EOF");
            assertNull(await(second.lost));
            await(server.waitClosed());

            List<TestProtocol> acceptedAgain = new ArrayList<>();
            Server again = echoServer(acceptedAgain, List.of("127.0.0.1"), 0, ServerOptions.DEFAULT);
            TestProtocol third = connect(again.addresses().get(0));
            roundTrip(third, "c");
            again.abortClients();
            await(acceptedAgain.get(0).lost);
            await(third.lost);
            await(again.aclose());
        }));
    }

    @Test
    void reusePortLetsTwoServersShareAPort() throws Exception {
        Asyncio.run(async(() -> {
            List<TestProtocol> accepted = new ArrayList<>();
            ServerOptions options = ServerOptions.DEFAULT.withReusePort(true);
            Server first = echoServer(accepted, List.of("127.0.0.1"), 0, options);
            int port = port(first.addresses().get(0));
            Server second = echoServer(accepted, List.of("127.0.0.1"), port, options);
            assertEquals(port, port(second.addresses().get(0)));
            assertTrue(second.sockets().get(0).getOption(StandardSocketOptions.SO_REUSEPORT));
            BindException error = assertThrows(BindException.class,
                    () -> echoServer(accepted, List.of("127.0.0.1"), port, ServerOptions.DEFAULT));
            assertEquals("error while attempting to bind on address 127.0.0.1:" + port + ": address already in use",
                    error.getMessage());
            await(first.aclose());
            await(second.aclose());
        }));
    }

    @Test
    void optionsReachTheSockets() throws Exception {
        Asyncio.run(async(() -> {
            List<TestProtocol> accepted = new ArrayList<>();
            Server server = echoServer(accepted, List.of("127.0.0.1"), 0,
                    ServerOptions.DEFAULT.withReuseAddress(false).withKeepAlive(true).withBacklog(5));
            assertFalse(server.sockets().get(0).getOption(StandardSocketOptions.SO_REUSEADDR));
            TestProtocol client = connect(server.addresses().get(0));
            roundTrip(client, "k");
            var socket = (java.nio.channels.SocketChannel) accepted.get(0).transport.getExtraInfo("socket");
            assertTrue(socket.getOption(StandardSocketOptions.SO_KEEPALIVE));
            assertThrows(IllegalArgumentException.class, () -> ServerOptions.DEFAULT.withBacklog(0));
            client.transport.close();
            await(server.aclose());
        }));
    }

    @Test
    void servesAnAlreadyBoundSocket() throws Exception {
        Asyncio.run(async(() -> {
            ServerSocketChannel socket = ServerSocketChannel.open();
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            List<TestProtocol> accepted = new ArrayList<>();
            Server server = await(getRunningLoop().createServer(() -> {
                TestProtocol protocol = new TestProtocol();
                protocol.echo = true;
                accepted.add(protocol);
                return protocol;
            }, ServerOptions.DEFAULT.withSocket(socket)));
            assertSame(socket, server.sockets().get(0));
            TestProtocol client = connect(socket.getLocalAddress());
            roundTrip(client, "bound elsewhere");
            client.transport.close();
            await(server.aclose());
            assertFalse(socket.isOpen());
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> await(getRunningLoop().createServer(TestProtocol::new, "127.0.0.1", 1,
                            ServerOptions.DEFAULT.withSocket(ServerSocketChannel.open()))));
            assertEquals("host/port and sock can not be specified at the same time", error.getMessage());
        }));
    }

    @Test
    void aFailingProtocolFactoryIsReportedAndTheConnectionClosed() throws Exception {
        List<ExceptionContext> reported = new ArrayList<>();
        Asyncio.run(async(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            Server server = await(getRunningLoop().createServer(() -> {
                throw new IllegalStateException("no protocol");
            }, "127.0.0.1", 0));
            TestProtocol client = connect(server.addresses().get(0));
            assertNull(await(client.lost));
            await(server.aclose());
        }));
        assertEquals("Error on transport creation for incoming connection", reported.get(0).message());
        assertEquals("no protocol", reported.get(0).exception().getMessage());
    }

    @Test
    void aServerIsAnAsyncCloseable() throws Exception {
        Asyncio.run(async(() -> {
            List<TestProtocol> accepted = new ArrayList<>();
            Server server = echoServer(accepted, List.of("127.0.0.1"), 0, ServerOptions.DEFAULT);
            assertSame(getRunningLoop(), server.getLoop());
            assertTrue(server.toString().startsWith("Server[sockets=[127.0.0.1:"), server.toString());
            assertTrue(server.toString().endsWith(", serving, clients=0]"), server.toString());
            await(server.aclose());
            assertTrue(server.toString().endsWith(", closed, clients=0]") || server.toString().contains("sockets=[]"),
                    server.toString());
        }));
    }
}
