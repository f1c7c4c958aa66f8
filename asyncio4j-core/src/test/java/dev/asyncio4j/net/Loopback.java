package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;

import dev.asyncio4j.Future;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Supplier;

/** A server and a client connected to it over 127.0.0.1, for tests; made inside a running loop. */
final class Loopback implements AutoCloseable {

    final Server server;
    final TestProtocol client;
    final TestProtocol accepted;
    final int port;

    private Loopback(Server server, TestProtocol client, TestProtocol accepted, int port) {
        this.server = server;
        this.client = client;
        this.accepted = accepted;
        this.port = port;
    }

    /** Connects a fresh client to a fresh server; {@code serverSide} makes the accepted side's protocol. */
    static Loopback open(Supplier<TestProtocol> serverSide) throws Exception {
        return open(serverSide, false, ServerOptions.DEFAULT, ConnectOptions.DEFAULT);
    }

    /** A TLS pair: the test server certificate, and a client trusting the test CA and checking "localhost". */
    static Loopback openTls() throws Exception {
        return openTls(TestProtocol::new, SslOptions.of(Certs.server()), Certs.clientOptions());
    }

    /** {@link #openSmallBuffers()} over TLS, as {@link #openTls()}. */
    static Loopback openTlsSmallBuffers() throws Exception {
        return open(TestProtocol::new, true, ServerOptions.DEFAULT.withSsl(Certs.server()),
                ConnectOptions.DEFAULT.withSsl(Certs.clientOptions()));
    }

    /** A TLS pair with the given TLS options on each side; made once both handshakes are done. */
    static Loopback openTls(Supplier<TestProtocol> serverSide, SslOptions serverSsl, SslOptions clientSsl)
            throws Exception {
        return open(serverSide, false, ServerOptions.DEFAULT.withSsl(serverSsl), ConnectOptions.DEFAULT.withSsl(clientSsl));
    }

    /**
     * A pair whose kernel buffers are small (8 KiB sent, 8 KiB received), so a writer to a peer that
     * does not read fills them, and its own write buffer, quickly. The buffers are set before the
     * connection exists: shrinking them on a live connection can stall it.
     */
    static Loopback openSmallBuffers() throws Exception {
        return open(TestProtocol::new, true, ServerOptions.DEFAULT, ConnectOptions.DEFAULT);
    }

    private static Loopback open(Supplier<TestProtocol> serverSide, boolean smallBuffers, ServerOptions serverOptions,
            ConnectOptions connectOptions) throws Exception {
        Future<TestProtocol> acceptedOne = new Future<>();
        Supplier<TestProtocol> factory = () -> {
            TestProtocol protocol = serverSide.get();
            if (!acceptedOne.isDone()) {
                acceptedOne.setResult(protocol);
            }
            return protocol;
        };
        Server server;
        Endpoint<Transport, TestProtocol> endpoint;
        if (smallBuffers) {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_RCVBUF, 8192);
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            server = await(getRunningLoop().createServer(factory, serverOptions.withSocket(listener)));
            SocketChannel socket = SocketChannel.open();
            socket.setOption(StandardSocketOptions.SO_SNDBUF, 8192);
            socket.configureBlocking(false);
            await(getRunningLoop().sockConnect(socket, server.addresses().get(0)));
            endpoint = await(getRunningLoop().createConnection(TestProtocol::new, connectOptions.withSocket(socket)));
        } else {
            server = await(getRunningLoop().createServer(factory, "127.0.0.1", 0, serverOptions));
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            endpoint = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port, connectOptions));
        }
        int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
        TestProtocol accepted = await(acceptedOne);
        await(accepted.made);
        return new Loopback(server, endpoint.protocol(), accepted, port);
    }

    static Loopback open() throws Exception {
        return open(TestProtocol::new);
    }

    /** Closes both ends and the server, and waits until the server is closed. */
    @Override
    public void close() throws Exception {
        client.transport.close();
        server.close();
        server.closeClients();
        await(server.waitClosed());
    }
}
