package dev.asyncio4j.examples.cli;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.examples.reddit.DemoServer;
import dev.asyncio4j.http.server.AppRunner;
import dev.asyncio4j.http.server.Application;
import dev.asyncio4j.http.server.Response;
import dev.asyncio4j.http.server.TcpSite;
import java.io.PrintStream;
import picocli.CommandLine.Command;

/**
 * {@code asyncio4j http-server}: a small JSON server for trying asyncio4j's {@code aiohttp.web}
 * and client: a few JSON endpoints, and the {@link DemoServer}'s Reddit listings, so that
 * {@code asyncio4j reddit --base-url} can be pointed at it. Prints {@code serving on <url>}, logs
 * each request (aiohttp's access log) on standard error, and stops gracefully on Ctrl-C or
 * SIGTERM. Confined to the command line's thread.
 */
@Command(name = "http-server", mixinStandardHelpOptions = true,
        description = {
            "A small JSON server (asyncio4j's aiohttp.web) for trying the server and the client:",
            "  GET  /                      what it serves",
            "  GET  /hello/{name}          {\"message\": \"Hello, <name>!\"}",
            "  POST /echo                  the JSON body it was sent, back",
            "  GET  /r/{name}/top.json     Reddit's listings, as the demo serves them "
                    + "(try: asyncio4j reddit --base-url <its url>)",
            "Stops on Ctrl-C, finishing the requests in flight.",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {ServerCommand.STOPPED, ServerCommand.CANNOT_LISTEN, ServerCommand.USAGE})
final class HttpServerCommand extends ServerCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    HttpServerCommand() {
        super(8080);
    }

    /** Serves until SIGINT or SIGTERM, then cleans up gracefully: aiohttp's {@code run_app}, with its own banner. */
    @Override
    Coroutine<Void> serve(String host, int port, PrintStream out) {
        return async("http-server", () -> {
            AppRunner runner = new AppRunner(application());
            await(runner.setup());
            try {
                TcpSite site = new TcpSite(runner, host, port);
                await(site.start());
                out.println("serving on " + site.name() + "; try: curl " + site.name() + "/hello/asyncio "
                        + "(Ctrl-C to stop)");
                await(StopSignals.sigintOrSigterm());
            } finally {
                await(runner.cleanup());
            }
            out.println("http server stopped");
        });
    }

    /** The routes listed in the command's description. */
    static Application application() {
        Application app = new Application();
        app.router().get("/", request -> async(() -> {
            ObjectNode index = JSON.createObjectNode().put("server", "asyncio4j http-server");
            index.putObject("endpoints")
                    .put("GET /", "this list")
                    .put("GET /hello/{name}", "a greeting")
                    .put("POST /echo", "the JSON body it was sent, back")
                    .put("GET /r/{name}/top.json", "Reddit's listings of " + String.join(", ", DemoServer.subreddits()));
            return Response.json(index);
        }));
        app.router().get("/hello/{name}", request -> async(() ->
                Response.json(JSON.createObjectNode().put("message", "Hello, " + request.matchInfo().get("name") + "!"))));
        app.router().post("/echo", request -> async(() -> {
            String body = await(request.text());
            if (body.isBlank()) {
                return Response.json(JSON.createObjectNode().put("error", "the body is empty; send JSON")).setStatus(400);
            }
            try {
                ObjectNode echo = JSON.createObjectNode();
                echo.set("received", JSON.readTree(body));
                return Response.json(echo);
            } catch (JsonProcessingException e) {
                return Response.json(JSON.createObjectNode().put("error", "the body is not JSON: "
                        + e.getOriginalMessage())).setStatus(400);
            }
        }));
        DemoServer.addRoutes(app.router(), DemoServer.DELAYS);
        return app;
    }
}
