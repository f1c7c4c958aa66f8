package dev.asyncio4j.bench.net;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Heap held per idle TCP connection by one server loop: asyncio4j in both styles (the
 * {@link ProtocolEchoServer} and {@link StreamsEchoServer}) or Netty 4.2 (the
 * {@link NettyEchoServer}, one NIO event-loop thread). The client side is another process,
 * {@code netload idle} (see {@code c/netload.c}), so this JVM's heap holds the server side only.
 *
 * <p>Steps: start the server; warm it up over connections of its own, closed again (the accept
 * and read paths are loaded and compiled before the baseline); measure the live heap (after full
 * GCs); print {@code port N}; wait until {@code connections} more connections are accepted
 * and the loop has gone idle; measure again and print one JSON object with the difference per
 * connection. Then exit without closing them (the script kills the client). Not a JMH benchmark:
 * it measures bytes, not time.
 *
 * <p>Usage: {@code IdleConnectionsMemory asyncio4j-protocol|asyncio4j-streams|netty connections
 * [timeout-seconds]}. Run with {@code -Xmx1g}: 100,000 connections fitting there is the target.
 */
public final class IdleConnectionsMemory {

    private static final int WARMUP_CONNECTIONS = 256;
    private static final int WARMUP_ECHOES = 64;

    private final AtomicInteger accepted = new AtomicInteger();

    private IdleConnectionsMemory() {}

    /**
     * The server under test, started on its own thread.
     *
     * @param roundTrip returns once everything its loop was given before the call has run
     */
    private record Contender(int port, Callable<?> roundTrip) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: IdleConnectionsMemory asyncio4j-protocol|asyncio4j-streams|netty "
                    + "connections [timeout-seconds]");
            System.exit(2);
        }
        String server = args[0];
        int connections = Integer.parseInt(args[1]);
        long timeoutSeconds = args.length > 2 ? Long.parseLong(args[2]) : 600;
        try {
            new IdleConnectionsMemory().run(server, connections, timeoutSeconds);
        } catch (Exception e) {
            e.printStackTrace();
            // The server's threads (Netty's are not daemons) must not keep a failed run alive.
            Runtime.getRuntime().halt(1);
        }
    }

    private void run(String name, int connections, long timeoutSeconds) throws Exception {
        Contender server = switch (name) {
            case "asyncio4j-protocol" -> asyncio4j(true);
            case "asyncio4j-streams" -> asyncio4j(false);
            case "netty" -> netty();
            default -> throw new IllegalArgumentException("unknown server: " + name);
        };
        warmUp(server.port());
        waitForAccepted(server, WARMUP_CONNECTIONS, timeoutSeconds);
        // Let the server see the warm-up connections close and drop them.
        Thread.sleep(200);
        server.roundTrip().call();
        server.roundTrip().call();
        long before = liveHeap();

        EchoServers.announce(server.port());
        long start = System.nanoTime();
        waitForAccepted(server, WARMUP_CONNECTIONS + connections, timeoutSeconds);
        double acceptSeconds = (System.nanoTime() - start) / 1e9;
        long after = liveHeap();
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "{\"server\": \"%s\", \"connections\": %d, \"heap_before\": %d, "
                + "\"heap_after\": %d, \"max_heap\": %d, \"bytes_per_connection\": %.1f, "
                + "\"accept_seconds\": %.3f}%n", name, connections, before, after, maxHeap,
                (double) (after - before) / connections, acceptSeconds);
        System.out.flush();
        // The connections are not closed one by one: the process just ends.
        Runtime.getRuntime().halt(0);
    }

    private Contender asyncio4j(boolean protocolStyle) throws Exception {
        EventLoop loop = new EventLoop();
        Thread.ofPlatform().name("asyncio4j-loop").daemon().start(loop::runForever);
        var started = protocolStyle
                ? Asyncio.runCoroutineThreadsafe(ProtocolEchoServer.start(() -> {
                    accepted.incrementAndGet();
                    return new EchoProtocol();
                }), loop)
                : Asyncio.runCoroutineThreadsafe(StreamsEchoServer.start((reader, writer) -> {
                    accepted.incrementAndGet();
                    StreamsEchoServer.echo(reader, writer);
                }), loop);
        int port = ((InetSocketAddress) started.get(60, TimeUnit.SECONDS).addresses().getFirst()).getPort();
        return new Contender(port, () -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            loop.callSoonThreadsafe(() -> done.complete(null));
            return done.get(60, TimeUnit.SECONDS);
        });
    }

    private Contender netty() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        int port = ((InetSocketAddress) NettyEchoServer.start(group, accepted::incrementAndGet).localAddress())
                .getPort();
        return new Contender(port, () -> group.submit(() -> {}).get(60, TimeUnit.SECONDS));
    }

    /**
     * Opens {@link #WARMUP_CONNECTIONS} connections one after the other, echoes
     * {@link #WARMUP_ECHOES} bytes one at a time over each, and closes them: enough for the JIT
     * to compile the accept path and a connection's first read, so the frames a streams task is
     * parked in are compiled ones, as in a server that has been running for a while.
     */
    private static void warmUp(int port) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(1);
        ByteBuffer reply = ByteBuffer.allocate(1);
        for (int i = 0; i < WARMUP_CONNECTIONS; i++) {
            try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(EchoServers.HOST, port))) {
                for (int j = 0; j < WARMUP_ECHOES; j++) {
                    request.clear().put((byte) j).flip();
                    channel.write(request);
                    reply.clear();
                    while (reply.hasRemaining()) {
                        if (channel.read(reply) < 0) {
                            throw new IOException("the server closed a warm-up connection");
                        }
                    }
                }
            }
        }
    }

    private void waitForAccepted(Contender server, int count, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (accepted.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + accepted.get() + " of " + count
                        + " connections were accepted in " + timeoutSeconds + " s");
            }
            Thread.sleep(50);
        }
        // What the loop scheduled for the last connections (connectionMade, the first step of a
        // streams task) has run once two round trips are through.
        server.roundTrip().call();
        server.roundTrip().call();
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
