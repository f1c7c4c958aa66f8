package dev.asyncio4j.examples.reddit;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.runCoroutineThreadsafe;
import static dev.asyncio4j.Asyncio.sleep;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.http.server.Application;
import dev.asyncio4j.http.server.HttpException;
import dev.asyncio4j.http.server.Response;
import dev.asyncio4j.http.server.StreamResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Reddit as it misbehaves, for the reader's tests: a {@link DemoServer} (python, java, compsci
 * and programming answer at once; other names are redirected to the search page) with a route
 * for each way an answer can fail, served by its own loop on its own thread so that the reader,
 * or a child JVM, can run against it. Use it with JUnit's {@code @AutoClose}. Each route's name says what it answers; {@link #REASONS}
 * is the line the reader prints for each. Thread-safe.
 */
public final class ScriptedReddit implements AutoCloseable {

    /** The body of r/python's listing, which r/cut sends half of. */
    private static final byte[] PYTHON = DemoServer.listing("python").getBytes(StandardCharsets.UTF_8);

    /** Each failing subreddit, and the reason its FAILED line gives (with --timeout 0.5). */
    public static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("missing", "no such subreddit (HTTP 404 Not Found)"),
            Map.entry("banned", "banned subreddit (HTTP 404 Not Found)"),
            Map.entry("private", "private subreddit (HTTP 403 Forbidden)"),
            Map.entry("blocked", "access refused (HTTP 403 Forbidden): a private subreddit, or a client the server blocks"),
            Map.entry("busy", "rate-limited (HTTP 429 Too Many Requests): retry in 42 s"),
            Map.entry("ratelimited", "rate-limited (HTTP 429 Too Many Requests): retry in 7.5 s"),
            Map.entry("overloaded", "server error (HTTP 503 Service Unavailable): retry in 30 s"),
            Map.entry("slow", "timed out after 0.5 s"),
            Map.entry("cut", "the answer was cut short or garbled: connection closed " + (PYTHON.length - PYTHON.length / 2)
                    + " of " + PYTHON.length + " body bytes missing"),
            Map.entry("garbled", "the answer is not JSON (Unexpected end-of-input: expected close marker for Array, "
                    + "at line 1 column 43)"),
            Map.entry("html", "the answer is an HTML page, not JSON"),
            Map.entry("shape", "the answer is JSON but not a listing (it has no data.children array)"),
            Map.entry("gone", "no such subreddit (the server redirected to its search page)"),
            Map.entry("loop", "too many redirects (10)"));

    /** A request the server received. */
    public record Received(String pathQs, String userAgent) {}

    private final EventLoop loop = new EventLoop();
    private final Thread loopThread = Thread.ofPlatform().daemon().name("scripted-reddit").start(loop::runForever);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final DemoServer server;

    private ScriptedReddit() throws Exception {
        // The tutorial's "event loop in its own thread": the tests' threads hand it coroutines.
        server = runCoroutineThreadsafe(DemoServer.start(application(), "127.0.0.1", 0), loop).get(20, TimeUnit.SECONDS);
    }

    /**
     * Starts the server on a loopback port the OS chooses.
     *
     * @throws IllegalStateException if it could not start
     */
    public static ScriptedReddit start() {
        try {
            return new ScriptedReddit();
        } catch (Exception e) {
            throw new IllegalStateException("the scripted Reddit did not start", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return server.url();
    }

    /** The requests received so far, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private Application application() {
        Application app = new Application();
        app.middlewares().add((request, handler) -> {
            received.add(new Received(request.pathQs(), request.header("User-Agent")));
            return handler.handle(request);
        });
        app.router().get("/r/missing/top.json", request -> answer(404, "{\"message\": \"Not Found\", \"error\": 404}"));
        app.router().get("/r/banned/top.json", request -> answer(404,
                "{\"reason\": \"banned\", \"message\": \"Not Found\", \"error\": 404}"));
        app.router().get("/r/private/top.json", request -> answer(403,
                "{\"reason\": \"private\", \"message\": \"Forbidden\", \"error\": 403}"));
        app.router().get("/r/blocked/top.json", request -> async(() -> {
            return Response.html("<!doctype html><title>Blocked</title><p>whoa there, pardner!").setStatus(403);
        }));
        app.router().get("/r/busy/top.json", request -> async(() -> {
            return Response.json(Map.of("message", "Too Many Requests", "error", 429)).setStatus(429)
                    .setHeader("Retry-After", "42");
        }));
        app.router().get("/r/ratelimited/top.json", request -> async(() -> {
            return Response.text("Too Many Requests").setStatus(429).setHeader("x-ratelimit-reset", "7.5")
                    .setHeader("x-ratelimit-remaining", "0");
        }));
        app.router().get("/r/overloaded/top.json", request -> async(() -> {
            return Response.text("upstream overloaded").setStatus(503).setHeader("Retry-After", "30");
        }));
        app.router().get("/r/slow/top.json", request -> async(() -> {
            await(sleep(Duration.ofHours(1)));   // until the client gives up, or the server stops
            return Response.status(204);
        }));
        app.router().get("/r/cut/top.json", request -> async(() -> {
            StreamResponse response = new StreamResponse().setContentType("application/json")
                    .setContentLength(PYTHON.length);
            await(response.prepare(request));
            await(response.write(PYTHON, 0, PYTHON.length / 2));
            await(response.drain());
            request.transport().abort();           // the connection drops with half the body sent
            return response;
        }));
        app.router().get("/r/garbled/top.json", request -> answer(200,
                "{\"kind\": \"Listing\", \"data\": {\"children\": ["));
        app.router().get("/r/html/top.json", request -> async(() ->
                Response.html("<!doctype html>\n<html><body>reddit is down</body></html>")));
        app.router().get("/r/shape/top.json", request -> answer(200,
                "{\"kind\": \"t5\", \"data\": {\"display_name\": \"shape\"}}"));
        app.router().get("/r/moved/top.json", request -> {
            throw HttpException.redirect(301, "/r/python/top.json?" + request.queryString());
        });
        app.router().get("/r/loop/top.json", request -> {
            throw HttpException.redirect(302, request.pathQs());
        });
        DemoServer.addRoutes(app.router(), Map.of());   // python, java ... at once; other names: the search page
        return app;
    }

    private static Coroutine<Response> answer(int status, String json) {
        return async(() -> Response.text(json, "application/json").setStatus(status));
    }

    @Override
    public void close() throws Exception {
        try {
            runCoroutineThreadsafe(server.aclose(), loop).get(30, TimeUnit.SECONDS);
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            loopThread.join(TimeUnit.SECONDS.toMillis(30));
            loop.close();
        }
    }
}
