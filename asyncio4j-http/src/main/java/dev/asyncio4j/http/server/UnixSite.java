package dev.asyncio4j.http.server;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.net.Server;
import dev.asyncio4j.net.ServerOptions;
import java.nio.file.Path;

/**
 * A Unix-domain socket for an {@link AppRunner}: aiohttp's {@code web.UnixSite}
 * ({@code curl --unix-socket path http://localhost/}). The socket file is removed when the site
 * closes. Loop-confined.
 */
public final class UnixSite extends ListeningSite {
    private final Path path;

    /**
     * A site for {@code runner} at {@code path}; start it with {@link #start()}.
     * In aiohttp: {@code web.UnixSite(runner, path)}.
     *
     * @param runner the runner, set up
     * @param path the Unix-domain socket's path
     */
    public UnixSite(AppRunner runner, Path path) {
        super(runner);
        this.path = path;
    }

    @Override
    Coroutine<Server> listen(WebServer web) {
        return Asyncio.getRunningLoop().createUnixServer(web::newConnection, path,
                ServerOptions.DEFAULT.withBacklog(runner.options().backlog()));
    }

    /**
     * The socket file.
     *
     * @return the socket file
     */
    public Path path() {
        return path;
    }

    @Override
    public String name() {
        return "http://unix:" + path + ":";
    }

    @Override
    public String toString() {
        return "UnixSite[" + path + (server == null ? ", not started" : "") + "]";
    }
}
