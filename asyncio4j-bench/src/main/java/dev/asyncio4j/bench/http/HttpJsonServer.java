package dev.asyncio4j.bench.http;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.http.server.AppRunner;
import dev.asyncio4j.http.server.Application;
import dev.asyncio4j.http.server.Response;
import dev.asyncio4j.http.server.RunnerOptions;
import dev.asyncio4j.http.server.TcpSite;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * asyncio4j's server in the http-server benchmark: {@code GET /json} answers
 * {@code {"message":"Hello, World!"}}, serialised with Jackson per request, as a user's handler
 * would. Default runner options (access log on, through a logger that is not enabled for INFO,
 * as aiohttp's access logger is when logging is not configured). Listens on 127.0.0.1 on a port
 * the OS chooses, prints {@code port N} and runs until killed. Peers:
 * {@code python/aiohttp_server.py} (aiohttp on uvloop), {@link NettyHttpServer} and nginx serving
 * the same bytes as a file.
 */
public final class HttpJsonServer {
    // Held so the level set below stays (JUL keeps loggers weakly).
    private static final Logger ACCESS = Logger.getLogger(RunnerOptions.ACCESS_LOGGER_NAME);

    private HttpJsonServer() {
    }

    /** The benchmark's application. */
    static Application app() {
        Application app = new Application();
        app.router().get("/json", request -> async(() -> Response.json(JsonPayload.MESSAGE)));
        return app;
    }

    public static void main(String[] args) throws Exception {
        ACCESS.setLevel(Level.WARNING);
        Asyncio.run(async(() -> {
            AppRunner runner = new AppRunner(app(), RunnerOptions.DEFAULT.withBacklog(4096));
            await(runner.setup());
            TcpSite site = new TcpSite(runner, JsonPayload.HOST, 0);
            await(site.start());
            JsonPayload.announce(site.port());
            await(Asyncio.getRunningLoop().createFuture());  // until killed
        }));
    }
}
