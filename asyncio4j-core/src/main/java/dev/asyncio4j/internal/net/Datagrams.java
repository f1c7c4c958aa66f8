package dev.asyncio4j.internal.net;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.net.DatagramOptions;
import dev.asyncio4j.net.DatagramProtocol;
import dev.asyncio4j.net.DatagramTransport;
import dev.asyncio4j.net.Endpoint;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** asyncio's {@code create_datagram_endpoint}. Stateless; the coroutine is loop-confined. */
public final class Datagrams {

    private Datagrams() {}

    /** Makes a UDP endpoint as {@code options} say; see {@link DatagramOptions}. */
    public static <P extends DatagramProtocol> Coroutine<Endpoint<DatagramTransport, P>> createDatagramEndpoint(
            EventLoop loop, Supplier<? extends P> factory, DatagramOptions options) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        return Asyncio.async("createDatagramEndpoint", () -> {
            DatagramChannel channel;
            SocketAddress remote;
            if (options.socket() != null) {
                checkNoModifiers(options);
                channel = options.socket();
                channel.configureBlocking(false);
                remote = channel.getRemoteAddress();
            } else {
                if (options.family() == StandardProtocolFamily.UNIX) {
                    throw new IllegalArgumentException("Unix-domain datagram endpoints are not supported by the JDK");
                }
                if (options.localAddress() == null && options.remoteAddress() == null && options.family() == null) {
                    throw new IllegalArgumentException("unexpected address family");
                }
                InetSocketAddress local;
                InetSocketAddress target;
                ProtocolFamily family;
                try (Deadline deadline = Deadline.start(loop, "createDatagramEndpoint()", null)) {
                    local = options.localAddress() == null ? null
                            : Resolver.resolve(loop, options.localAddress(), options.family(), deadline);
                    family = options.family() != null ? options.family()
                            : local != null ? Resolver.familyOf(local.getAddress()) : null;
                    target = options.remoteAddress() == null ? null
                            : Resolver.resolve(loop, options.remoteAddress(), family, deadline);
                }
                if (family == null) {
                    family = Resolver.familyOf(target.getAddress());
                }
                channel = DatagramChannel.open(family);
                try {
                    channel.configureBlocking(false);
                    if (options.reusePort()) {
                        if (!channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                            throw new IllegalArgumentException("reusePort is not supported on this platform");
                        }
                        channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                    }
                    if (options.allowBroadcast()) {
                        channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
                    }
                    if (local != null) {
                        try {
                            channel.bind(local);
                        } catch (java.io.IOException e) {
                            throw NetErrors.bindFailed(e, local);
                        }
                    }
                    if (target != null) {
                        channel.connect(target);
                    }
                } catch (Throwable e) {
                    NetErrors.closeQuietly(channel);
                    throw e;
                }
                remote = target;
            }
            SocketAddress connectedTo = remote;
            try (Deadline deadline = Deadline.start(loop, "createDatagramEndpoint()", null)) {
                return Connections.<DatagramTransport, P>endpoint(loop, channel, factory, deadline,
                        (protocol, waiter) -> DatagramSocketTransport.open(loop, channel, protocol, connectedTo, waiter));
            }
        });
    }

    private static void checkNoModifiers(DatagramOptions options) {
        List<String> problems = new ArrayList<>();
        if (options.localAddress() != null) {
            problems.add("localAddress=" + options.localAddress());
        }
        if (options.remoteAddress() != null) {
            problems.add("remoteAddress=" + options.remoteAddress());
        }
        if (options.family() != null) {
            problems.add("family=" + options.family());
        }
        if (options.reusePort()) {
            problems.add("reusePort=true");
        }
        if (options.allowBroadcast()) {
            problems.add("allowBroadcast=true");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("socket modifier keyword arguments can not be used when sock is specified. ("
                    + String.join(", ", problems) + ")");
        }
    }
}
