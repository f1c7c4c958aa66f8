package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.net.Server;
import java.net.SocketAddress;
import java.util.List;

/** What the two sites share: one listening {@link Server} feeding the runner's connections. Loop-confined. */
abstract sealed class ListeningSite implements Site permits TcpSite, UnixSite {
    final AppRunner runner;
    Server server;

    ListeningSite(AppRunner runner) {
        this.runner = java.util.Objects.requireNonNull(runner, "runner");
    }

    /** Opens the listening socket for {@code web}'s connections. */
    abstract Coroutine<Server> listen(WebServer web);

    @Override
    public final Coroutine<Void> start() {
        return async(() -> {
            if (server != null) {
                throw new IllegalStateException("site already started: " + this);
            }
            server = await(listen(runner.server()));
            runner.register(this);
        });
    }

    @Override
    public final Coroutine<Void> stop() {
        return async(() -> {
            stopListening();
            runner.unregister(this);
        });
    }

    @Override
    public final void stopListening() {
        Server s = server;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public final List<SocketAddress> addresses() {
        Server s = server;
        return s == null ? List.of() : s.addresses();
    }
}
