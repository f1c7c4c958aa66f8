package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** createDatagramEndpoint: UDP endpoints, connected and not, errors and options. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DatagramTest {

    /** Records datagrams and errors; echoes each datagram back when {@code echo} is set. */
    static class Recorder implements DatagramProtocol {
        final List<String> received = new ArrayList<>();
        final List<SocketAddress> senders = new ArrayList<>();
        final List<IOException> errors = new ArrayList<>();
        final Future<DatagramTransport> made = new Future<>();
        final Future<Exception> lost = new Future<>();
        DatagramTransport transport;
        boolean echo;
        private Future<Void> waiter;

        @Override
        public void connectionMade(DatagramTransport transport) {
            this.transport = transport;
            made.setResult(transport);
        }

        @Override
        public void datagramReceived(byte[] data, SocketAddress address) {
            received.add(new String(data, UTF_8));
            senders.add(address);
            if (echo) {
                transport.sendto(data, address);
            }
            wake();
        }

        @Override
        public void errorReceived(IOException exc) {
            errors.add(exc);
            wake();
        }

        @Override
        public void connectionLost(Exception exc) {
            lost.setResult(exc);
        }

        private void wake() {
            if (waiter != null) {
                waiter.setResult(null);
                waiter = null;
            }
        }

        /** Waits until {@code count} datagrams and errors in all have arrived. */
        void awaitEvents(int count) throws Exception {
            while (received.size() + errors.size() < count) {
                waiter = new Future<>();
                await(waiter);
            }
        }
    }

    private static Endpoint<DatagramTransport, Recorder> endpoint(DatagramOptions options, boolean echo)
            throws Exception {
        return await(getRunningLoop().createDatagramEndpoint(() -> {
            Recorder recorder = new Recorder();
            recorder.echo = echo;
            return recorder;
        }, options));
    }

    private static final DatagramOptions LOCAL = DatagramOptions.DEFAULT.withLocalAddress(new InetSocketAddress("127.0.0.1", 0));

    @Test
    void datagramsGoBothWays() throws Exception {
        Asyncio.run(async(() -> {
            var server = endpoint(LOCAL, true);
            SocketAddress serverAddress = (SocketAddress) server.transport().getExtraInfo("sockname");
            var client = endpoint(LOCAL, false);
            client.transport().sendto("one".getBytes(UTF_8), serverAddress);
            client.transport().sendto("two".getBytes(UTF_8), serverAddress);
            client.protocol().awaitEvents(2);
            assertEquals(List.of("one", "two"), client.protocol().received);
            assertEquals(List.of(serverAddress, serverAddress), client.protocol().senders);
            assertEquals(client.transport().getExtraInfo("sockname"), server.protocol().senders.get(0));
            assertNull(client.transport().getExtraInfo("peername"));
            assertInstanceOf(DatagramChannel.class, client.transport().getExtraInfo("socket"));
            assertEquals(0, client.transport().getWriteBufferSize());
            client.transport().close();
            assertTrue(client.transport().isClosing());
            assertNull(await(client.protocol().lost));
            server.transport().abort();
            assertNull(await(server.protocol().lost));
        }));
    }

    @Test
    void aConnectedEndpointTalksToItsPeerOnly() throws Exception {
        Asyncio.run(async(() -> {
            var server = endpoint(LOCAL, true);
            InetSocketAddress serverAddress = (InetSocketAddress) server.transport().getExtraInfo("sockname");
            var client = endpoint(DatagramOptions.DEFAULT.withRemoteAddress(
                    InetSocketAddress.createUnresolved("four.test", serverAddress.getPort())), false);
            assertEquals(serverAddress, client.transport().getExtraInfo("peername"));
            client.transport().sendto("hi".getBytes(UTF_8));
            client.transport().sendto("there".getBytes(UTF_8), serverAddress);
            client.protocol().awaitEvents(2);
            assertEquals(List.of("hi", "there"), client.protocol().received);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> client.transport().sendto("x".getBytes(UTF_8), new InetSocketAddress("127.0.0.1", 9)));
            assertTrue(error.getMessage().startsWith("Invalid address: must be null or "), error.getMessage());
            client.transport().close();
            server.transport().close();
            await(client.protocol().lost);
        }));
    }

    @Test
    void anUnreachablePeerComesBackAsErrorReceived() throws Exception {
        Asyncio.run(async(() -> {
            // A port with nothing listening: the kernel answers with ICMP port unreachable.
            int port;
            try (DatagramChannel probe = DatagramChannel.open()) {
                probe.bind(new InetSocketAddress("127.0.0.1", 0));
                port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
            }
            var client = endpoint(DatagramOptions.DEFAULT.withRemoteAddress(new InetSocketAddress("127.0.0.1", port)), false);
            client.transport().sendto("anyone?".getBytes(UTF_8));
            client.transport().sendto("anyone?".getBytes(UTF_8));
            client.protocol().awaitEvents(1);
            assertInstanceOf(PortUnreachableException.class, client.protocol().errors.get(0));
            assertTrue(!client.transport().isClosing(), "the endpoint stays open");
            client.transport().close();
        }));
    }

    @Test
    void badArgumentsGetClearErrors() throws Exception {
        Asyncio.run(async(() -> {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> endpoint(DatagramOptions.DEFAULT, false));
            assertEquals("unexpected address family", error.getMessage());
            try (DatagramChannel socket = DatagramChannel.open()) {
                error = assertThrows(IllegalArgumentException.class,
                        () -> endpoint(LOCAL.withSocket(socket).withReusePort(true), false));
                assertTrue(error.getMessage().startsWith("socket modifier keyword arguments can not be used when sock "
                        + "is specified. (localAddress=/127.0.0.1:0, reusePort=true)"), error.getMessage());
            }
            var unconnected = endpoint(LOCAL, false);
            error = assertThrows(IllegalArgumentException.class, () -> unconnected.transport().sendto(new byte[1]));
            assertEquals("an address is required: the endpoint is not connected", error.getMessage());
            unconnected.transport().close();
            IllegalStateException closed = assertThrows(IllegalStateException.class,
                    () -> unconnected.transport().sendto(new byte[1], new InetSocketAddress("127.0.0.1", 9)));
            assertEquals("Cannot call sendto() on a closed transport", closed.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> endpoint(DatagramOptions.DEFAULT.withFamily(StandardProtocolFamily.UNIX), false));
        }));
    }

    @Test
    void usesAnExistingChannelAndOptions() throws Exception {
        Asyncio.run(async(() -> {
            DatagramChannel socket = DatagramChannel.open();
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            var server = endpoint(DatagramOptions.DEFAULT.withSocket(socket), true);
            assertSame(socket, server.transport().getExtraInfo("socket"));
            var client = endpoint(LOCAL.withReusePort(true).withAllowBroadcast(true), false);
            client.transport().sendto("via existing".getBytes(UTF_8), socket.getLocalAddress());
            client.protocol().awaitEvents(1);
            assertEquals(List.of("via existing"), client.protocol().received);
            client.transport().setWriteBufferLimits(10, 5);
            assertEquals(new WriteBufferLimits(5, 10), client.transport().getWriteBufferLimits());
            assertTrue(client.transport().toString().startsWith("DatagramSocketTransport[open, local=127.0.0.1:"));
            Recorder replacement = new Recorder();
            server.transport().setProtocol(replacement);
            assertSame(replacement, server.transport().getProtocol());
            client.transport().close();
            server.transport().close();
            await(replacement.lost);
        }));
    }
}
