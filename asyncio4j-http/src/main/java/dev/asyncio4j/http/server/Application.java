package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Coroutine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A web application: aiohttp's {@code web.Application}. Routes, middlewares, lifecycle hooks and
 * shared state; served by an {@link AppRunner} and its sites, or by {@link Web#runApp}.
 *
 * <pre>{@code
 * Application app = new Application();
 * app.router().get("/", request -> async(() -> Response.text("Hello, world")));
 * app.middlewares().add(logging);
 * app.onStartup(a -> async(() -> { a.state().put("db", await(connect())); }));
 * app.onCleanup(a -> async(() -> { await(((Db) a.state().get("db")).close()); }));
 * Web.runApp(app, "127.0.0.1", 8080);
 * }</pre>
 *
 * <p>An application is frozen when its runner is set up: routes and middlewares cannot change
 * after that. Loop-confined once running.
 */
public final class Application {

    /** A lifecycle hook: aiohttp's {@code async def on_startup(app)} signal receivers. */
    @FunctionalInterface
    public interface Hook {
        /**
         * Runs the hook for {@code app}.
         *
         * @param app the application
         * @return a coroutine to await for the result
         * @throws Exception anything: it fails the runner's setup or cleanup
         */
        Coroutine<?> run(Application app) throws Exception;
    }

    private final Router router = new Router();
    private final List<Middleware> middlewares = new ArrayList<>();
    private final List<Hook> onStartup = new ArrayList<>();
    private final List<Hook> onShutdown = new ArrayList<>();
    private final List<Hook> onCleanup = new ArrayList<>();
    private final Map<String, Object> state = new HashMap<>();
    private long clientMaxSize = 1024 * 1024;
    private boolean frozen;

    /** An application with no routes, a client max size of 1 MiB. In aiohttp: {@code web.Application()}. */
    public Application() {
    }

    /**
     * The router: aiohttp's {@code app.router}.
     *
     * @return the router
     */
    public Router router() {
        return router;
    }

    /**
     * The middlewares, outermost first: aiohttp's {@code middlewares=[...]}. Add to it before the
     * application starts; the list is unmodifiable after that.
     *
     * @return the middlewares, outermost first
     */
    public List<Middleware> middlewares() {
        return frozen ? Collections.unmodifiableList(middlewares) : middlewares;
    }

    /**
     * Adds a hook run, in order, when the runner is set up: aiohttp's {@code on_startup}.
     *
     * @param hook the hook
     * @return this application
     */
    public Application onStartup(Hook hook) {
        checkNotFrozen("add an on_startup hook");
        onStartup.add(hook);
        return this;
    }

    /**
     * Adds a hook run, in order, when the runner is cleaned up, before connections close:
     * aiohttp's {@code on_shutdown}.
     *
     * @param hook the hook
     * @return this application
     */
    public Application onShutdown(Hook hook) {
        checkNotFrozen("add an on_shutdown hook");
        onShutdown.add(hook);
        return this;
    }

    /**
     * Adds a hook run, in order, after the connections are closed: aiohttp's {@code on_cleanup}.
     *
     * @param hook the hook
     * @return this application
     */
    public Application onCleanup(Hook hook) {
        checkNotFrozen("add an on_cleanup hook");
        onCleanup.add(hook);
        return this;
    }

    /**
     * Application-wide values for handlers and hooks (aiohttp's {@code app[key]}).
     *
     * @return the application's values, mutable
     */
    public Map<String, Object> state() {
        return state;
    }

    /**
     * The largest body {@link Request#read()} and friends accept: aiohttp's {@code
     * client_max_size}.
     *
     * @return the largest body {@link Request#read()} and friends accept
     */
    public long clientMaxSize() {
        return clientMaxSize;
    }

    /**
     * Sets {@link #clientMaxSize()}; returns this. In aiohttp: {@code web.Application(client_max_size=...)}.
     *
     * @param bytes the limit in bytes
     * @return this application
     */
    public Application setClientMaxSize(long bytes) {
        checkNotFrozen("change client_max_size");
        if (bytes < 0) {
            throw new IllegalArgumentException("negative client_max_size " + bytes);
        }
        clientMaxSize = bytes;
        return this;
    }

    /**
     * Whether the application has started and its routes are fixed: aiohttp's {@code frozen}.
     *
     * @return whether the application has started and its routes are fixed
     */
    public boolean isFrozen() {
        return frozen;
    }

    /**
     * Freezes routes and middlewares (the runner does this in setup); again does nothing. In
     * aiohttp: {@code app.freeze()}.
     */
    public void freeze() {
        if (frozen) {
            return;
        }
        frozen = true;
        router.freeze(middlewares.toArray(Middleware[]::new));
    }

    private void checkNotFrozen(String what) {
        if (frozen) {
            throw new IllegalStateException("Cannot " + what + " after the application has started");
        }
    }

    /** Runs the on_startup hooks. */
    Coroutine<Void> startup() {
        return runHooks(onStartup);
    }

    /** Runs the on_shutdown hooks. */
    Coroutine<Void> shutdown() {
        return runHooks(onShutdown);
    }

    /** Runs the on_cleanup hooks; each runs even if an earlier one failed, the first failure is rethrown. */
    Coroutine<Void> cleanup() {
        return async(() -> {
            Exception first = null;
            for (Hook hook : List.copyOf(onCleanup)) {
                try {
                    await(hook.run(this));
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        });
    }

    private Coroutine<Void> runHooks(List<Hook> hooks) {
        return async(() -> {
            for (Hook hook : List.copyOf(hooks)) {
                await(hook.run(this));
            }
        });
    }

    /** {@code handler} inside {@code middlewares}, the first outermost. */
    static Handler wrap(Handler handler, Middleware[] middlewares) {
        Handler h = handler;
        for (int i = middlewares.length - 1; i >= 0; i--) {
            Middleware m = middlewares[i];
            Handler inner = h;
            h = request -> m.handle(request, inner);
        }
        return h;
    }

    @Override
    public String toString() {
        return "Application[" + router.routes().size() + " routes, " + middlewares.size() + " middlewares"
                + (frozen ? ", frozen" : "") + "]";
    }
}
