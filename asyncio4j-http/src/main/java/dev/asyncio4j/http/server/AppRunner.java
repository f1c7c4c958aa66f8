package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs an {@link Application} on the current loop, for its {@link Site sites} to serve: aiohttp's
 * {@code web.AppRunner}. The way to embed a server in a larger program (or a test):
 *
 * <pre>{@code
 * AppRunner runner = new AppRunner(app);
 * await(runner.setup());                        // freezes the app, runs on_startup
 * TcpSite site = new TcpSite(runner, "127.0.0.1", 0);
 * await(site.start());                          // listening; site.port() is the port the OS chose
 * ...
 * await(runner.cleanup());                      // graceful: stop listening, on_shutdown, finish requests, on_cleanup
 * }</pre>
 *
 * <p>Cleanup stops every site from accepting, runs the on_shutdown hooks, lets each connection
 * finish the requests it has received (each answered with {@code Connection: close}) for up to
 * the {@link RunnerOptions#shutdownTimeout() shutdown timeout}, then cancels the handlers still
 * running and drops their connections, and last runs the on_cleanup hooks. Loop-confined.
 */
public final class AppRunner {
    private enum State { NEW, SET_UP, CLEANED_UP }

    private final Application app;
    private final RunnerOptions options;
    private final List<Site> sites = new ArrayList<>();
    private WebServer server;
    private State state = State.NEW;

    /**
     * A runner with {@link RunnerOptions#DEFAULT}. In aiohttp: {@code web.AppRunner(app)}.
     *
     * @param app the application
     */
    public AppRunner(Application app) {
        this(app, RunnerOptions.DEFAULT);
    }

    /**
     * A runner with the given options.
     *
     * @param app the application
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     */
    public AppRunner(Application app, RunnerOptions options) {
        this.app = java.util.Objects.requireNonNull(app, "app");
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    /**
     * The application. In aiohttp: {@code runner.app}.
     *
     * @return the application
     */
    public Application app() {
        return app;
    }

    /**
     * The options.
     *
     * @return the options
     */
    public RunnerOptions options() {
        return options;
    }

    /**
     * Freezes the application and runs its on_startup hooks: aiohttp's {@code setup()}.
     *
     * @return a coroutine to await
     * @throws IllegalStateException (when awaited) if already set up
     */
    public Coroutine<Void> setup() {
        return async(() -> {
            if (state != State.NEW) {
                throw new IllegalStateException("AppRunner is already " + state.name().toLowerCase(java.util.Locale.ROOT));
            }
            app.freeze();
            server = new WebServer(Asyncio.getRunningLoop(), app, options);
            state = State.SET_UP;
            await(app.startup());
        });
    }

    /**
     * Stops the sites and shuts down gracefully, as the class describes: aiohttp's {@code
     * cleanup()}.
     *
     * @return a coroutine to await
     */
    public Coroutine<Void> cleanup() {
        return async(() -> {
            if (state != State.SET_UP) {
                return;
            }
            state = State.CLEANED_UP;
            for (Site site : List.copyOf(sites)) {
                site.stopListening();
            }
            try {
                await(app.shutdown());
            } finally {
                try {
                    await(server.shutdown(options.shutdownTimeout()));
                } finally {
                    sites.clear();
                    await(app.cleanup());
                }
            }
        });
    }

    /**
     * The started sites. In aiohttp: {@code runner.sites}.
     *
     * @return the started sites
     */
    public List<Site> sites() {
        return Collections.unmodifiableList(sites);
    }

    /**
     * The addresses the sites listen on: aiohttp's {@code addresses}.
     *
     * @return the addresses the sites listen on
     */
    public List<SocketAddress> addresses() {
        List<SocketAddress> all = new ArrayList<>();
        for (Site site : sites) {
            all.addAll(site.addresses());
        }
        return all;
    }

    /**
     * Connections open now.
     *
     * @return how many connections are open now
     */
    public int connectionCount() {
        return server == null ? 0 : server.connectionCount();
    }

    WebServer server() {
        if (state != State.SET_UP) {
            throw new IllegalStateException("Call runner.setup() before making a site" + (state == State.CLEANED_UP
                    ? " (this runner was cleaned up)" : ""));
        }
        return server;
    }

    void register(Site site) {
        sites.add(site);
    }

    void unregister(Site site) {
        sites.remove(site);
    }

    @Override
    public String toString() {
        return "AppRunner[" + state.name().toLowerCase(java.util.Locale.ROOT) + ", sites=" + sites.size()
                + (server != null ? ", connections=" + server.connectionCount() : "") + "]";
    }
}
