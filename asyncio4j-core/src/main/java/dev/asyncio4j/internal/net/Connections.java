package dev.asyncio4j.internal.net;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionGroup;
import dev.asyncio4j.Future;
import dev.asyncio4j.internal.IoReady;
import dev.asyncio4j.internal.LoopInternals;
import dev.asyncio4j.net.BaseProtocol;
import dev.asyncio4j.net.BaseTransport;
import dev.asyncio4j.net.ConnectOptions;
import dev.asyncio4j.net.Endpoint;
import dev.asyncio4j.net.SslOptions;
import dev.asyncio4j.net.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The client side: asyncio's {@code create_connection}, {@code create_unix_connection} and
 * {@code connect_accepted_socket}. Stateless; the coroutines are loop-confined.
 */
public final class Connections {

    private Connections() {}

    /**
     * asyncio's {@code create_connection}: resolves {@code host} off the loop thread, tries its
     * addresses in turn until one connects, and wraps the socket in a transport.
     */
    public static <P extends BaseProtocol<Transport>> Coroutine<Endpoint<Transport, P>> createConnection(
            EventLoop loop, Supplier<? extends P> factory, String host, int port, ConnectOptions options) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        return Asyncio.async("createConnection", () -> {
            String serverHostname = options.ssl() == null ? null : SslEngines.clientHostname(options.ssl(), host);
            try (Deadline deadline = Deadline.start(loop, "createConnection()", options.timeout())) {
                SocketChannel channel;
                if (options.socket() != null) {
                    if (host != null || port != 0) {
                        throw new IllegalArgumentException("host/port and sock can not be specified at the same time");
                    }
                    channel = options.socket();
                } else {
                    if (host == null && port == 0) {
                        throw new IllegalArgumentException("host and port was not specified and no sock specified");
                    }
                    checkPort(port);
                    channel = connectAny(loop, host, port, options, deadline);
                }
                return makeTransport(loop, channel, factory, deadline, options.ssl(), false, serverHostname);
            }
        });
    }

    /** asyncio's {@code create_unix_connection}: connects to the Unix-domain socket at {@code path}. */
    public static <P extends BaseProtocol<Transport>> Coroutine<Endpoint<Transport, P>> createUnixConnection(
            EventLoop loop, Supplier<? extends P> factory, Path path, ConnectOptions options) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        return Asyncio.async("createUnixConnection", () -> {
            String serverHostname = options.ssl() == null ? null : SslEngines.clientHostname(options.ssl(), null);
            try (Deadline deadline = Deadline.start(loop, "createUnixConnection()", options.timeout())) {
                SocketChannel channel;
                if (options.socket() != null) {
                    if (path != null) {
                        throw new IllegalArgumentException("path and sock can not be specified at the same time");
                    }
                    channel = options.socket();
                } else {
                    if (path == null) {
                        throw new IllegalArgumentException("no path and sock were specified");
                    }
                    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
                    channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                    try {
                        connect(loop, channel, address, deadline);
                    } catch (Throwable e) {
                        NetErrors.closeQuietly(channel);
                        throw e;
                    }
                }
                return makeTransport(loop, channel, factory, deadline, options.ssl(), false, serverHostname);
            }
        });
    }

    /**
     * asyncio's {@code connect_accepted_socket}: wraps a channel accepted elsewhere (by a blocking
     * {@code accept()}, say) in a transport; with {@code ssl} (null for none), the server side of
     * a TLS connection, returned once the handshake has succeeded.
     */
    public static <P extends BaseProtocol<Transport>> Coroutine<Endpoint<Transport, P>> connectAcceptedSocket(
            EventLoop loop, Supplier<? extends P> factory, SocketChannel channel, SslOptions ssl) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(channel, "sock");
        return Asyncio.async("connectAcceptedSocket", () -> {
            if (ssl != null) {
                SslEngines.checkServer(ssl);
            }
            try (Deadline deadline = Deadline.start(loop, "connectAcceptedSocket()", null)) {
                return makeTransport(loop, channel, factory, deadline, ssl, true, null);
            }
        });
    }

    static void checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    private static SocketChannel connectAny(EventLoop loop, String host, int port, ConnectOptions options,
            Deadline deadline) throws Exception {
        List<InetAddress> addresses = Resolver.resolve(loop, host, options.family(), deadline);
        List<InetSocketAddress> locals = null;
        if (options.localAddress() != null) {
            InetSocketAddress local = options.localAddress();
            locals = new ArrayList<>();
            for (InetAddress address : Resolver.resolve(loop, local.getHostString(), options.family(), deadline)) {
                locals.add(new InetSocketAddress(address, local.getPort()));
            }
        }
        List<IOException> errors = new ArrayList<>();
        for (InetAddress address : addresses) {
            try {
                return connectOne(loop, new InetSocketAddress(address, port), locals, deadline, errors);
            } catch (IOException e) {
                // Recorded in errors; try the next address.
            }
        }
        if (options.allErrors()) {
            throw new ExceptionGroup("create_connection failed", errors);
        }
        throw NetErrors.combine(errors);
    }

    /** asyncio's {@code _connect_sock}: one attempt, with its own bind and connect errors recorded. */
    private static SocketChannel connectOne(EventLoop loop, InetSocketAddress address, List<InetSocketAddress> locals,
            Deadline deadline, List<IOException> errors) throws Exception {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(Resolver.familyOf(address.getAddress()));
            if (locals != null) {
                bindLocal(channel, address, locals, errors);
            }
            connect(loop, channel, address, deadline);
            return channel;
        } catch (IOException e) {
            NetErrors.closeQuietly(channel);
            if (!errors.contains(e)) {
                errors.add(e);
            }
            throw e;
        } catch (Throwable e) {
            NetErrors.closeQuietly(channel);
            throw e;
        }
    }

    private static void bindLocal(SocketChannel channel, InetSocketAddress address, List<InetSocketAddress> locals,
            List<IOException> errors) throws IOException {
        IOException last = null;
        for (InetSocketAddress local : locals) {
            if (Resolver.familyOf(local.getAddress()) != Resolver.familyOf(address.getAddress())) {
                continue;
            }
            try {
                channel.bind(local);
                return;
            } catch (IOException e) {
                last = NetErrors.bindFailed(e, local);
                errors.add(last);
            }
        }
        if (last != null) {
            throw last;
        }
        throw new IOException("no matching local address with family="
                + Resolver.familyOf(address.getAddress()) + " found");
    }

    /**
     * Connects a channel, waiting for the handshake without blocking the loop: asyncio's
     * {@code sock_connect}.
     */
    static void connect(EventLoop loop, SocketChannel channel, SocketAddress address, Deadline deadline)
            throws Exception {
        channel.configureBlocking(false);
        try {
            if (channel.connect(address)) {
                return;
            }
            ConnectWaiter waiter = new ConnectWaiter(loop, channel);
            deadline.await(waiter.done);
        } catch (IOException e) {
            throw NetErrors.connectFailed(e, address);
        }
    }

    /**
     * Wraps a connected channel in a socket transport for the factory's protocol, or, with
     * {@code ssl}, in a socket transport whose protocol is the TLS layer that the factory's
     * protocol sits on (asyncio's {@code _make_ssl_transport}); then waits for connectionMade
     * (after the handshake, for TLS).
     */
    private static <P extends BaseProtocol<Transport>> Endpoint<Transport, P> makeTransport(EventLoop loop,
            SocketChannel channel, Supplier<? extends P> factory, Deadline deadline, SslOptions ssl,
            boolean serverSide, String serverHostname) throws Exception {
        channel.configureBlocking(false);
        if (ssl == null) {
            return endpoint(loop, channel, factory, deadline,
                    (protocol, waiter) -> SocketTransport.open(loop, channel, protocol, null, waiter));
        }
        return endpoint(loop, channel, factory, deadline, (protocol, waiter) -> {
            SslProtocol layer;
            try {
                layer = SslEngines.layer(loop, protocol, ssl, serverSide, serverHostname, channel.getRemoteAddress(),
                        waiter, true);
            } catch (Throwable e) {
                NetErrors.closeQuietly(channel);
                throw e;
            }
            SocketTransport.open(loop, channel, layer, null, null);
            return layer.appTransport();
        });
    }

    /** Makes a transport for a protocol that will be told it is connected once {@code waiter} is done. */
    @FunctionalInterface
    interface TransportMaker<T extends BaseTransport, P> {
        /** Makes the transport, closing the channel if that fails. */
        T make(P protocol, Future<Void> waiter) throws IOException;
    }

    /**
     * asyncio's waiter dance: makes the protocol, then its transport, then waits until the
     * protocol's connectionMade has run; closes the channel (or the transport) if any step fails.
     */
    static <T extends BaseTransport, P> Endpoint<T, P> endpoint(EventLoop loop, Channel channel,
            Supplier<? extends P> factory, Deadline deadline, TransportMaker<T, P> maker) throws Exception {
        P protocol;
        try {
            protocol = Objects.requireNonNull(factory.get(), "the protocol factory returned null");
        } catch (Throwable e) {
            NetErrors.closeQuietly(channel);
            throw e;
        }
        Future<Void> waiter = loop.createFuture();
        T transport = maker.make(protocol, waiter);
        try {
            deadline.await(waiter);
        } catch (Throwable e) {
            transport.close();
            throw e;
        }
        return new Endpoint<>(transport, protocol);
    }

    /** Waits for a non-blocking connect to finish: the selector reports OP_CONNECT. */
    private static final class ConnectWaiter extends IoReady {
        private final SocketChannel channel;
        private final SelectionKey key;
        final Future<Void> done;

        ConnectWaiter(EventLoop loop, SocketChannel channel) throws IOException {
            this.channel = channel;
            this.done = loop.createFuture();
            this.key = LoopInternals.get().register(loop, channel, SelectionKey.OP_CONNECT, this);
        }

        @Override
        protected void ioReady(int readyOps) {
            if (done.isDone()) {
                return;
            }
            try {
                if (channel.finishConnect()) {
                    key.interestOps(0);
                    done.setResult(null);
                }
            } catch (IOException e) {
                done.setException(e);
            }
        }

        @Override
        public String toString() {
            return "ConnectWaiter[" + channel + "]";
        }
    }
}
