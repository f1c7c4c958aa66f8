package dev.asyncio4j.http.server;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.net.Server;
import dev.asyncio4j.net.ServerOptions;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A TCP listening socket for an {@link AppRunner}: aiohttp's {@code web.TCPSite}.
 *
 * <pre>{@code
 * TcpSite site = new TcpSite(runner, "127.0.0.1", 0);   // 0: the OS chooses the port
 * await(site.start());
 * System.out.println("serving on " + site.name());      // http://127.0.0.1:40121
 * }</pre>
 *
 * <p>A null host listens on every interface. Loop-confined.
 */
public final class TcpSite extends ListeningSite {
    private final String host;
    private final int port;

    /**
     * A site for {@code runner} on {@code host:port}; start it with {@link #start()}.
     * In aiohttp: {@code web.TCPSite(runner, host, port)}.
     *
     * @param runner the runner, set up
     * @param host the host name or IP address
     * @param port the port (0: one the OS chooses, for a server)
     */
    public TcpSite(AppRunner runner, String host, int port) {
        super(runner);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.host = host;
        this.port = port;
    }

    /**
     * The port listened on (the one the OS chose for 0), or -1 before start.
     *
     * @return the port listened on (the one the OS chose for 0), or -1 before start
     */
    public int port() {
        Server s = server;
        if (s != null) {
            for (SocketAddress a : s.addresses()) {
                if (a instanceof InetSocketAddress inet) {
                    return inet.getPort();
                }
            }
        }
        return -1;
    }

    @Override
    Coroutine<Server> listen(WebServer web) {
        RunnerOptions o = runner.options();
        return Asyncio.getRunningLoop().createServer(web::newConnection, host, port,
                ServerOptions.DEFAULT.withBacklog(o.backlog()).withReusePort(o.reusePort()));
    }

    @Override
    public String name() {
        String h = host == null ? "0.0.0.0" : host;
        if (h.indexOf(':') >= 0) {
            h = "[" + h + "]";
        }
        int p = port();
        return "http://" + h + ":" + (p >= 0 ? p : port);
    }

    @Override
    public String toString() {
        return "TcpSite[" + name() + (server == null ? ", not started" : "") + "]";
    }
}
