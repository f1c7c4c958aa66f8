package dev.asyncio4j.examples;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Locale;

/**
 * Awaiting a coroutine from a coroutine: {@code ping_local()} returns what {@code ping_server()}
 * returns.
 *
 * <pre>{@code
 * async def ping_server(ip):
 *     # ping code here...
 *
 * async def ping_local():
 *     return await ping_server('192.168.1.1')
 * }</pre>
 *
 * <p>The ping here is real and needs no network: a TCP ping, whose round trip is the TCP
 * handshake (as {@code tcping} measures it), of a port that {@code ping_local} first opens on the
 * loopback interface. The connect does not block the loop: the socket is non-blocking and
 * {@code loop.sockConnect} ({@code loop.sock_connect()}) suspends the task until the loop sees the
 * handshake done.
 *
 * <p>Thread confinement: the coroutines run on the loop's thread; {@link #run} may be called on
 * any thread with no running loop.
 */
public final class PingLocal {

    private static final String LOOPBACK = "127.0.0.1";

    private PingLocal() {}

    /**
     * {@code async def ping_server(ip)}: connects to {@code ip:port} over TCP and returns how long
     * the handshake took.
     *
     * @throws java.net.ConnectException (when awaited) if nothing listens there ("Connect call
     *     failed 127.0.0.1:port: Connection refused")
     */
    // tutorial:begin ping
    // async def ping_server(ip): how long a TCP handshake with ip:port takes
    static Coroutine<Duration> pingServer(String ip, int port) {
        return async("ping_server", () -> {
            long start = System.nanoTime();
            try (SocketChannel socket = SocketChannel.open()) {
                socket.configureBlocking(false);
                await(getRunningLoop().sockConnect(socket, new InetSocketAddress(ip, port)));
            }
            return Duration.ofNanos(System.nanoTime() - start);
        });
    }

    // async def ping_local(): pings a loopback port it listens on while it pings
    static Coroutine<Duration> pingLocal() {
        return async("ping_local", () -> {
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress(LOOPBACK, 0));   // a port chosen by the OS
                return await(pingServer(LOOPBACK, listener.socket().getLocalPort()));
            }
        });
    }
    // tutorial:end

    /**
     * Runs the program, printing to {@code out}: {@code asyncio.run(ping_local())}.
     *
     * @param out where to print
     * @throws Exception whatever the example throws
     */
    public static void run(PrintStream out) throws Exception {
        Duration roundTrip = Asyncio.run(pingLocal());
        out.println(String.format(Locale.ROOT, "%s answered in %.3f ms", LOOPBACK, roundTrip.toNanos() / 1e6));
    }

    /**
     * Runs the program on standard output.
     *
     * @param args the command line
     * @throws Exception whatever the example throws
     */
    public static void main(String[] args) throws Exception {
        run(System.out);
    }
}
