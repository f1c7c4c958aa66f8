package dev.asyncio4j.internal.net;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.net.BaseProtocol;
import dev.asyncio4j.net.Server;
import dev.asyncio4j.net.ServerOptions;
import dev.asyncio4j.net.Transport;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The server side: asyncio's {@code create_server} and {@code create_unix_server}. Stateless; the
 * coroutines are loop-confined.
 */
public final class Servers {

    private static final System.Logger LOG = System.getLogger("dev.asyncio4j");
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private Servers() {}

    /**
     * asyncio's {@code create_server}: binds a listening socket for every address of every host
     * (all interfaces, with one dual-stack socket, when {@code hosts} is empty or holds only null
     * or ""), then starts serving unless told not to.
     */
    public static Coroutine<Server> createServer(EventLoop loop, Supplier<? extends BaseProtocol<Transport>> factory,
            List<String> hosts, int port, ServerOptions options) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        List<String> names = hosts == null ? List.of() : new ArrayList<>(hosts);
        return Asyncio.async("createServer", () -> {
            if (options.ssl() != null) {
                SslEngines.checkServer(options.ssl());
            }
            List<ServerSocketChannel> sockets = new ArrayList<>();
            try {
                if (options.socket() != null) {
                    if (!names.stream().allMatch(h -> h == null || h.isEmpty()) || port != 0) {
                        throw new IllegalArgumentException("host/port and sock can not be specified at the same time");
                    }
                    sockets.add(options.socket());
                } else {
                    Connections.checkPort(port);
                    for (BindTarget target : bindTargets(loop, names, port, options)) {
                        InetSocketAddress address = target.address();
                        ServerSocketChannel socket = target.dualStack()
                                ? ServerSocketChannel.open() : ServerSocketChannel.open(Resolver.familyOf(address.getAddress()));
                        sockets.add(socket);
                        configure(socket, options);
                        try {
                            socket.bind(address, options.backlog());
                        } catch (IOException e) {
                            throw NetErrors.bindFailed(e, address);
                        }
                    }
                }
            } catch (Throwable e) {
                if (options.socket() == null) {
                    sockets.forEach(NetErrors::closeQuietly);
                }
                throw e;
            }
            return start(loop, sockets, factory, options, null);
        });
    }

    /**
     * asyncio's {@code create_unix_server}: removes a stale socket file at {@code path}, binds, and
     * (with {@link ServerOptions#cleanupSocket()}) removes the file again when the server closes,
     * if it is still the one it made.
     */
    public static Coroutine<Server> createUnixServer(EventLoop loop, Supplier<? extends BaseProtocol<Transport>> factory,
            Path path, ServerOptions options) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        return Asyncio.async("createUnixServer", () -> {
            if (options.ssl() != null) {
                SslEngines.checkServer(options.ssl());
            }
            if (options.socket() != null) {
                if (path != null) {
                    throw new IllegalArgumentException("path and sock can not be specified at the same time");
                }
                return start(loop, List.of(options.socket()), factory, options, null);
            }
            if (path == null) {
                throw new IllegalArgumentException("path was not specified, and no sock specified");
            }
            removeStaleSocket(path);
            ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            Object fileKey;
            try {
                try {
                    socket.bind(UnixDomainSocketAddress.of(path), options.backlog());
                } catch (BindException e) {
                    BindException described = new BindException("Address '" + path + "' is already in use");
                    described.initCause(e);
                    throw described;
                }
                fileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            } catch (Throwable e) {
                NetErrors.closeQuietly(socket);
                throw e;
            }
            Runnable cleanup = options.cleanupSocket() ? () -> removeIfSame(path, fileKey) : null;
            return start(loop, List.of(socket), factory, options, cleanup);
        });
    }

    private static Server start(EventLoop loop, List<ServerSocketChannel> sockets,
            Supplier<? extends BaseProtocol<Transport>> factory, ServerOptions options, Runnable onClose)
            throws Exception {
        SocketServer server;
        try {
            server = new SocketServer(loop, sockets, factory, options.backlog(), options.keepAlive(), options.ssl(),
                    onClose);
        } catch (Throwable e) {
            sockets.forEach(NetErrors::closeQuietly);
            throw e;
        }
        if (options.startServing()) {
            server.startServingNow();
            // Skip one loop iteration, as asyncio does, so the registrations take effect.
            Asyncio.await(Asyncio.sleep(0));
        }
        return server;
    }

    /** Where to bind one listening socket; a dual-stack one takes IPv4 and IPv6 connections. */
    private record BindTarget(InetSocketAddress address, boolean dualStack) {}

    private static List<BindTarget> bindTargets(EventLoop loop, List<String> hosts, int port,
            ServerOptions options) throws Exception {
        Set<InetSocketAddress> addresses = new LinkedHashSet<>();
        boolean any = hosts.isEmpty();
        try (Deadline deadline = Deadline.start(loop, "createServer()", null)) {
            for (String host : hosts) {
                if (host == null || host.isEmpty()) {
                    any = true;
                    continue;
                }
                for (InetAddress address : Resolver.resolve(loop, host, options.family(), deadline)) {
                    addresses.add(new InetSocketAddress(address, port));
                }
            }
        }
        List<BindTarget> targets = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            targets.add(new BindTarget(address, false));
        }
        if (any) {
            // All interfaces: one dual-stack socket where IPv6 is available (the JDK cannot set
            // IPV6_V6ONLY, so asyncio's pair of sockets, 0.0.0.0 and ::, becomes one).
            if (options.family() == StandardProtocolFamily.INET) {
                targets.add(new BindTarget(new InetSocketAddress(InetAddress.getByAddress(new byte[4]), port), false));
            } else if (options.family() == StandardProtocolFamily.INET6) {
                targets.add(new BindTarget(new InetSocketAddress(InetAddress.getByAddress(new byte[16]), port), false));
            } else {
                targets.add(new BindTarget(new InetSocketAddress(port), true));
            }
        }
        return targets;
    }

    private static void configure(ServerSocketChannel socket, ServerOptions options) throws IOException {
        socket.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
        if (options.reusePort()) {
            if (!socket.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                throw new IllegalArgumentException("reusePort is not supported on this platform");
            }
            socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
    }

    private static void removeStaleSocket(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (mode instanceof Integer bits && (bits & S_IFMT) == S_IFSOCK) {
                Files.delete(path);
            }
        } catch (NoSuchFileException absent) {
            // Nothing stale to remove.
        } catch (IOException | UnsupportedOperationException e) {
            // The directory may only allow creating the socket: let bind say what is wrong.
            LOG.log(System.Logger.Level.ERROR, "Unable to check or remove stale UNIX socket " + path + ": " + e);
        }
    }

    private static void removeIfSame(Path path, Object fileKey) {
        try {
            Object current = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (Objects.equals(current, fileKey)) {
                Files.delete(path);
            }
        } catch (NoSuchFileException gone) {
            // Someone removed it already.
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "Unable to clean up listening UNIX socket " + path + ": " + e);
        }
    }
}
