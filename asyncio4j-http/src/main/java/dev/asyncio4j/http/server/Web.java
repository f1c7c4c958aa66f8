package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Signal;
import java.util.function.Consumer;

/**
 * aiohttp's {@code web} module functions: {@link #runApp} serves an application until Ctrl-C.
 *
 * <pre>{@code
 * public static void main(String[] args) throws Exception {
 *     Application app = new Application();
 *     app.router().get("/", request -> async(() -> Response.text("Hello, world")));
 *     Web.runApp(app, "127.0.0.1", 8080);
 *     // ======== Running on http://127.0.0.1:8080 ========
 *     // (Press CTRL+C to quit)
 * }
 * }</pre>
 *
 * <p>Thread-safe: each call runs its own loop on the calling thread.
 */
public final class Web {
    private Web() {
    }

    /**
     * Serves {@code app} on {@code host:port} with {@link RunnerOptions#DEFAULT}; see {@link
     * #runApp(Application, String, int, RunnerOptions, Consumer)}.
     * In aiohttp: {@code web.run_app(app, host=..., port=...)}.
     *
     * @param app the application to serve
     * @param host the host name or IP address
     * @param port the port (0: one the OS chooses, for a server)
     * @throws Exception what setting up or cleaning up threw (an on_startup hook, a taken port)
     */
    public static void runApp(Application app, String host, int port) throws Exception {
        runApp(app, host, port, RunnerOptions.DEFAULT, System.out::println);
    }

    /**
     * Serves {@code app} until SIGINT or SIGTERM: aiohttp's {@code web.run_app()}. Runs a new
     * event loop on this thread ({@code Asyncio.run}), sets the runner up, starts a
     * {@link TcpSite}, prints {@code ======== Running on http://host:port ========} and
     * {@code (Press CTRL+C to quit)} with {@code print}, waits for the signal, then cleans up
     * gracefully (see {@link AppRunner}) and returns.
     *
     * @param app the application to serve
     * @param host the host name or IP address
     * @param port the port, or 0 for one the OS chooses (the printed line says which)
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     * @param print where the "Running on" lines go
     * @throws Exception what setting up or cleaning up threw (an on_startup hook, a taken port)
     */
    public static void runApp(Application app, String host, int port, RunnerOptions options,
                              Consumer<String> print) throws Exception {
        Asyncio.run(async(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            AppRunner runner = new AppRunner(app, options);
            await(runner.setup());
            try {
                TcpSite site = new TcpSite(runner, host, port);
                await(site.start());
                Future<Signal> stop = loop.createFuture();
                for (Signal signal : new Signal[] {Signal.SIGINT, Signal.SIGTERM}) {
                    loop.addSignalHandler(signal, () -> {
                        if (!stop.isDone()) {
                            stop.setResult(signal);
                        }
                    });
                }
                print.accept("======== Running on " + site.name() + " ========\n(Press CTRL+C to quit)");
                System.out.flush();
                try {
                    await(stop);
                } finally {
                    loop.removeSignalHandler(Signal.SIGINT);
                    loop.removeSignalHandler(Signal.SIGTERM);
                }
            } finally {
                await(runner.cleanup());
            }
        }));
    }
}
