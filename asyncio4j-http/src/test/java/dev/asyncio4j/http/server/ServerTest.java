package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncio4j.Future;
import dev.asyncio4j.http.HttpMethod;
import dev.asyncio4j.http.internal.DateCache;
import dev.asyncio4j.sync.Event;
import dev.asyncio4j.testing.AsyncioTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/** The server end to end over loopback sockets, on virtual time: routing, requests, responses, HTTP/1.1 features. */
@Timeout(30)
class ServerTest {

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n";
    }

    @AsyncioTest
    void textJsonAndBytesResponses() throws Exception {
        Application app = new Application();
        app.router().get("/text", r -> async(() -> Response.text("héllo")));
        app.router().get("/json", r -> async(() -> Response.json(Map.of("message", "Hello, World!"))));
        app.router().get("/bytes", r -> async(() -> Response.bytes(new byte[] {1, 2, 3}, "image/x-test")
                .setStatus(201).setHeader("X-Extra", "yes")));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());

        RawClient.Reply text = await(c.send(get("/text")).reply());
        assertEquals(200, text.status());
        assertEquals("OK", text.reason());
        assertEquals("héllo", text.text());
        assertEquals("text/plain; charset=utf-8", text.header("Content-Type"));
        assertEquals("6", text.header("Content-Length"));
        assertEquals("asyncio4j", text.header("Server"));
        assertNotNull(text.header("Date"));
        assertNull(text.header("Connection"));

        RawClient.Reply json = await(c.send(get("/json")).reply());
        assertEquals("{\"message\":\"Hello, World!\"}", json.text());
        assertEquals("application/json; charset=utf-8", json.header("Content-Type"));

        RawClient.Reply bytes = await(c.send(get("/bytes")).reply());
        assertEquals(201, bytes.status());
        assertEquals("Created", bytes.reason());
        assertArrayEquals(new byte[] {1, 2, 3}, bytes.body());
        assertEquals("image/x-test", bytes.header("Content-Type"));
        assertEquals("yes", bytes.header("X-Extra"));
        assertEquals(1, server.runner.connectionCount(), "one keep-alive connection served all three");
        await(server.stop());
    }

    @AsyncioTest
    void dateHeaderIsAnImfFixdate() throws Exception {
        Application app = new Application();
        app.router().get("/", r -> async(() -> Response.text("x")));
        TestServer server = await(TestServer.start(app));
        RawClient.Reply reply = await(await(server.client()).send(get("/")).reply());
        String date = reply.header("Date");
        assertTrue(date.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), date);
        assertEquals(DateCache.format(System.currentTimeMillis() / 1000).substring(0, 16), date.substring(0, 16));
        await(server.stop());
    }

    @AsyncioTest
    void pathParametersRegexesAndOrder() throws Exception {
        Application app = new Application();
        app.router().get("/users/{id:\\d+}", r -> async(() -> Response.text("id " + r.matchInfo().get("id"))));
        app.router().get("/users/{name}", r -> async(() -> Response.text("name " + r.matchInfo().get("name"))));
        app.router().get("/users/me", r -> async(() -> Response.text("never: {name} was added first")));
        app.router().get("/files/{path:.+}", r -> async(() -> Response.text("file " + r.matchInfo().get("path"))));
        app.router().get("/a b/{x}/{y_2}", r -> async(() -> Response.text(r.matchInfo().toString())));
        app.router().get("/plain", r -> async(() -> Response.text("plain " + r.route().path())));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        assertEquals("id 42", await(c.send(get("/users/42")).reply()).text());
        assertEquals("name ada", await(c.send(get("/users/ada")).reply()).text());
        assertEquals("name me", await(c.send(get("/users/me")).reply()).text());
        assertEquals("file a/b/c.txt", await(c.send(get("/files/a/b/c.txt")).reply()).text());
        assertEquals("name a/b", await(c.send(get("/users/a%2Fb")).reply()).text(), "values are decoded");
        assertEquals("{x=1, y_2=é}", await(c.send(get("/a%20b/1/%C3%A9")).reply()).text());
        assertEquals("plain /plain", await(c.send(get("/plain")).reply()).text());
        await(server.stop());
    }

    @AsyncioTest
    void notFoundAndMethodNotAllowedWithAllow() throws Exception {
        Application app = new Application();
        app.router().get("/thing", r -> async(() -> Response.text("got")));
        app.router().post("/thing", r -> async(() -> Response.text("posted")));
        app.router().delete("/thing", r -> async(() -> Response.text("deleted")));
        app.router().route("*", "/any", r -> async(() -> Response.text("any " + r.method())));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        RawClient.Reply missing = await(c.send(get("/nothing")).reply());
        assertEquals(404, missing.status());
        assertEquals("404: Not Found", missing.text());
        RawClient.Reply notAllowed = await(c.send("PUT /thing HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").reply());
        assertEquals(405, notAllowed.status());
        assertEquals("DELETE,GET,HEAD,POST", notAllowed.header("Allow"));
        assertEquals("deleted", await(c.send("DELETE /thing HTTP/1.1\r\nHost: x\r\n\r\n").reply()).text());
        assertEquals("any PATCH", await(c.send("PATCH /any HTTP/1.1\r\nHost: x\r\n\r\n").reply()).text());
        assertEquals("any BREW", await(c.send("BREW /any HTTP/1.1\r\nHost: x\r\n\r\n").reply()).text());
        await(server.stop());
    }

    @AsyncioTest
    void routesCannotChangeOnceStartedAndDuplicatesAreRefused() throws Exception {
        Application app = new Application();
        app.router().get("/", r -> async(() -> Response.text("x")));
        assertThrows(IllegalArgumentException.class, () -> app.router().get("/", r -> async(() -> Response.text("y"))));
        assertThrows(IllegalArgumentException.class, () -> app.router().get("no-slash", r -> null));
        assertThrows(IllegalArgumentException.class, () -> app.router().get("/{a}/{a}", r -> null));
        assertThrows(IllegalArgumentException.class, () -> app.router().get("/{x:(}", r -> null));
        assertThrows(IllegalArgumentException.class, () -> app.router().route("BAD METHOD", "/", r -> null));
        TestServer server = await(TestServer.start(app));
        assertThrows(IllegalStateException.class, () -> app.router().get("/late", r -> null));
        assertThrows(IllegalStateException.class, () -> app.onStartup(a -> async(() -> { })));
        assertTrue(app.isFrozen());
        await(server.stop());
    }

    @AsyncioTest
    void queryHeadersCookiesAndRequestInfo() throws Exception {
        Application app = new Application();
        app.router().get("/info", r -> async(() -> Response.json(Map.of(
                "method", r.method(), "path", r.path(), "rawPath", r.rawPath(), "qs", r.queryString(),
                "q", r.query().getAll("q"), "page", r.query().get("page", "1"), "agent", r.header("user-agent"),
                "cookies", r.cookies(), "remote", r.remote(), "host", r.host()))));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        RawClient.Reply reply = await(c.send("GET /info?q=a+b&q=%C3%A9 HTTP/1.1\r\nHost: example.test\r\n"
                + "User-Agent: test/1\r\nCookie: session=abc; theme=\"dark\"\r\n\r\n").reply());
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.body());
        assertEquals("GET", json.get("method").asText());
        assertEquals("/info", json.get("path").asText());
        assertEquals("q=a+b&q=%C3%A9", json.get("qs").asText());
        assertEquals("[\"a b\",\"é\"]", json.get("q").toString());
        assertEquals("1", json.get("page").asText());
        assertEquals("test/1", json.get("agent").asText());
        assertEquals("{\"session\":\"abc\",\"theme\":\"dark\"}", json.get("cookies").toString());
        assertEquals("127.0.0.1", json.get("remote").asText());
        assertEquals("example.test", json.get("host").asText());
        await(server.stop());
    }

    @AsyncioTest
    void setCookieAndDelCookie() throws Exception {
        Application app = new Application();
        app.router().get("/", r -> async(() -> Response.text("x")
                .setCookie("session", "abc", CookieOptions.DEFAULT.withHttpOnly(true).withMaxAge(Duration.ofHours(1)))
                .setCookie("theme", "dark mode")
                .delCookie("old")));
        TestServer server = await(TestServer.start(app));
        RawClient.Reply reply = await(await(server.client()).send(get("/")).reply());
        assertEquals(List.of("session=abc; HttpOnly; Max-Age=3600; Path=/", "theme=\"dark mode\"; Path=/",
                "old=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/"),
                reply.headers().getAll("Set-Cookie"));
        await(server.stop());
    }

    @AsyncioTest
    void requestBodiesReadTextJsonForms() throws Exception {
        Application app = new Application();
        app.router().post("/read", r -> async(() -> Response.bytes(await(r.read()))));
        app.router().post("/text", r -> async(() -> Response.text("[" + await(r.text()) + "]")));
        app.router().post("/json", r -> async(() -> Response.json(Map.of("got", await(r.json()).get("a").asInt()))));
        app.router().post("/bad-json", r -> async(() -> Response.json(await(r.json()))));
        app.router().post("/form", r -> async(() -> {
            Form form = await(r.post());
            FileField file = form.file("upload");
            return Response.text(form.fields() + " " + (file == null ? "-" : file.filename() + ":"
                    + file.contentType() + ":" + new String(file.content(), StandardCharsets.UTF_8)));
        }));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        assertEquals("hello", await(c.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello").reply()).text());
        assertEquals("[é]", await(c.send("POST /text HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                + "Content-Length: 1\r\n\r\n\u00e9").reply()).text());
        assertEquals("{\"got\":7}", await(c.send("POST /json HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\n{\"a\":7}").reply()).text());
        RawClient.Reply badJson = await(c.send("POST /bad-json HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n{no").reply());
        assertEquals(400, badJson.status());
        assertTrue(badJson.text().startsWith("invalid JSON body"), badJson.text());
        assertEquals("MultiDict[a: 1, b: x y] -", await(c.send("POST /form HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\na=1&b=x+y").reply()).text());
        String multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nMy file\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nfile body\r\n--XyZ--\r\n";
        assertEquals("MultiDict[title: My file] a.txt:text/plain:file body", await(c.send("POST /form HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: " + multipart.length()
                + "\r\n\r\n" + multipart).reply()).text());
        await(server.stop());
    }

    @AsyncioTest
    void chunkedRequestBodyAndStreamedContent() throws Exception {
        Application app = new Application();
        Event firstLineRead = new Event();
        app.router().post("/lines", r -> async(() -> {
            List<String> lines = new ArrayList<>();
            for (byte[] line : r.content()) {
                lines.add(new String(line, StandardCharsets.UTF_8).strip());
                firstLineRead.set();
            }
            return Response.text(String.join("|", lines));
        }));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        c.send("POST /lines HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\none\n\r\n");
        // The handler streams: it has the first line before the rest of the body is sent.
        await(firstLineRead.waitAsync());
        c.send("8;ext=1\r\ntwo\nthre\r\n3\r\ne\n\n\r\n0\r\nTrailer: t\r\n\r\n");
        assertEquals("one|two|three|", await(c.reply()).text());
        await(server.stop());
    }

    @AsyncioTest
    void streamResponseIsChunkedOnHttp11AndClosesOnHttp10() throws Exception {
        Application app = new Application();
        app.router().get("/stream", r -> async(() -> {
            StreamResponse response = new StreamResponse();
            response.setContentType("text/plain");
            await(response.prepare(r));
            for (int i = 0; i < 3; i++) {
                await(response.write("part" + i + ";"));
                await(sleep(0.01));
            }
            await(response.writeEof());
            return response;
        }));
        app.router().get("/sized", r -> async(() -> {
            StreamResponse response = new StreamResponse().setContentLength(4);
            await(response.prepare(r));
            await(response.write("ab"));
            await(response.write("cd"));
            return response;   // the server ends it
        }));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        RawClient.Reply chunked = await(c.send(get("/stream")).reply());
        assertEquals("chunked", chunked.header("Transfer-Encoding"));
        assertEquals("part0;part1;part2;", chunked.text());
        RawClient.Reply sized = await(c.send(get("/sized")).reply());
        assertEquals("4", sized.header("Content-Length"));
        assertEquals("abcd", sized.text());

        RawClient old = await(server.client());
        old.send("GET /stream HTTP/1.0\r\n\r\n");
        String raw = await(old.readToEof());
        assertTrue(raw.startsWith("HTTP/1.0 200 OK\r\n"), raw);
        assertTrue(raw.contains("Connection: close\r\n"), raw);
        assertFalse(raw.contains("Transfer-Encoding"), raw);
        assertTrue(raw.endsWith("\r\n\r\npart0;part1;part2;"), raw);
        await(server.stop());
    }

    @AsyncioTest
    void headAnswersGetRoutesWithoutABody() throws Exception {
        Application app = new Application();
        app.router().get("/", r -> async(() -> Response.text("twelve bytes")));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        RawClient.Reply head = await(c.expectMethod(HttpMethod.HEAD).send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").reply());
        assertEquals(200, head.status());
        assertEquals("12", head.header("Content-Length"));
        assertEquals(0, head.body().length);
        c.expectMethod(HttpMethod.GET);
        assertEquals("twelve bytes", await(c.send(get("/")).reply()).text(), "the connection is still in sync");
        await(server.stop());
    }

    @AsyncioTest
    void keepAliveAndConnectionClose() throws Exception {
        Application app = new Application();
        app.router().get("/", r -> async(() -> Response.text("x")));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        for (int i = 0; i < 3; i++) {
            assertNull(await(c.send(get("/")).reply()).header("Connection"));
        }
        RawClient.Reply last = await(c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").reply());
        assertEquals("close", last.header("Connection"));
        assertTrue(await(c.closedByServer()));

        RawClient http10 = await(server.client());
        RawClient.Reply kept = await(http10.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").reply());
        assertEquals("keep-alive", kept.header("Connection"));
        RawClient.Reply closed = await(http10.send("GET / HTTP/1.0\r\n\r\n").reply());
        assertEquals("close", closed.header("Connection"));
        assertTrue(await(http10.closedByServer()));
        await(server.stop());
    }

    @AsyncioTest
    void pipelinedResponsesComeInRequestOrder() throws Exception {
        Application app = new Application();
        app.router().get("/slow", r -> async(() -> {
            await(sleep(1));
            return Response.text("slow");
        }));
        app.router().get("/fast", r -> async(() -> Response.text("fast")));
        app.router().post("/echo", r -> async(() -> Response.bytes(await(r.read()))));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        c.send(get("/slow") + get("/fast") + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                + get("/fast") + get("/slow"));
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(await(c.reply()).text());
        }
        assertEquals(List.of("slow", "fast", "abc", "fast", "slow"), got);
        assertEquals(1, server.runner.connectionCount());
        await(server.stop());
    }

    @AsyncioTest
    void expectContinueIsAnsweredWhenTheBodyIsRead() throws Exception {
        Application app = new Application();
        app.router().post("/upload", r -> async(() -> Response.text("got " + await(r.read()).length)));
        app.router().post("/reject", r -> async(() -> Response.status(403).forceClose()));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        c.send("POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
        assertEquals(100, await(c.interimReply()).status());
        c.send("data");
        assertEquals("got 4", await(c.reply()).text());

        RawClient refused = await(server.client());
        refused.send("POST /reject HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
        RawClient.Reply reply = await(refused.reply());
        assertEquals(403, reply.status());
        assertTrue(refused.interim().isEmpty(), "no 100 Continue when the body is never read");
        assertTrue(await(refused.closedByServer()));
        await(server.stop());
    }

    @AsyncioTest
    void middlewaresWrapHandlersAndUnmatchedRoutesInOrder() throws Exception {
        Application app = new Application();
        List<String> calls = new ArrayList<>();
        app.middlewares().add((request, handler) -> async(() -> {
            calls.add("outer in");
            StreamResponse response;
            try {
                response = await(handler.handle(request));
            } catch (HttpException e) {
                response = Response.text("custom " + e.status()).setStatus(e.status());
            }
            calls.add("outer out");
            response.headers().add("X-Outer", "1");
            return response;
        }));
        app.middlewares().add((request, handler) -> async(() -> {
            calls.add("inner " + request.path());
            request.state().put("user", "ada");
            return await(handler.handle(request));
        }));
        app.router().get("/", r -> async(() -> {
            calls.add("handler");
            return Response.text("hi " + r.state().get("user"));
        }));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        RawClient.Reply ok = await(c.send(get("/")).reply());
        assertEquals("hi ada", ok.text());
        assertEquals("1", ok.header("X-Outer"));
        assertEquals(List.of("outer in", "inner /", "handler", "outer out"), calls);
        RawClient.Reply missing = await(c.send(get("/missing")).reply());
        assertEquals(404, missing.status());
        assertEquals("custom 404", missing.text());
        assertEquals("1", missing.header("X-Outer"));
        await(server.stop());
    }

    @AsyncioTest
    void httpExceptionsBecomeResponses() throws Exception {
        Application app = new Application();
        app.router().get("/redirect", r -> async(() -> {
            throw HttpException.redirect(302, "/elsewhere");
        }));
        app.router().get("/conflict", r -> async(() -> {
            throw new HttpException(409, "already there").withHeader("X-Why", "dup");
        }));
        app.router().get("/empty", r -> async(() -> {
            throw new HttpException(204);
        }));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        RawClient.Reply redirect = await(c.send(get("/redirect")).reply());
        assertEquals(302, redirect.status());
        assertEquals("/elsewhere", redirect.header("Location"));
        assertEquals("302: Found", redirect.text());
        RawClient.Reply conflict = await(c.send(get("/conflict")).reply());
        assertEquals(409, conflict.status());
        assertEquals("already there", conflict.text());
        assertEquals("dup", conflict.header("X-Why"));
        RawClient.Reply empty = await(c.send(get("/empty")).reply());
        assertEquals(204, empty.status());
        assertNull(empty.header("Content-Length"));
        await(server.stop());
    }

    @AsyncioTest
    void lifecycleHooksRunInAiohttpsOrder() throws Exception {
        Application app = new Application();
        List<String> events = new ArrayList<>();
        app.router().get("/", r -> async(() -> Response.text(String.valueOf(r.app().state().get("db")))));
        app.onStartup(a -> async(() -> {
            events.add("startup");
            a.state().put("db", "connected");
        }));
        app.onShutdown(a -> async(() -> {
            events.add("shutdown");
        }));
        app.onCleanup(a -> async(() -> {
            events.add("cleanup");
        }));
        TestServer server = await(TestServer.start(app));
        assertEquals(List.of("startup"), events);
        assertEquals("connected", await(await(server.client()).send(get("/")).reply()).text());
        await(server.stop());
        assertEquals(List.of("startup", "shutdown", "cleanup"), events);
        assertEquals(0, server.runner.connectionCount());
    }

    @AsyncioTest
    void aFailingStartupHookFailsSetup() throws Exception {
        Application app = new Application();
        app.onStartup(a -> async(() -> {
            throw new IllegalStateException("no database");
        }));
        AppRunner runner = new AppRunner(app);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(runner.setup()));
        assertEquals("no database", e.getMessage());
    }

    @AsyncioTest
    void unixSite() throws Exception {
        Application app = new Application();
        app.router().get("/", r -> async(() -> Response.text("over unix")));
        AppRunner runner = new AppRunner(app, RunnerOptions.DEFAULT.withAccessLog(null));
        await(runner.setup());
        java.nio.file.Path path = java.nio.file.Files.createTempDirectory("httpserver").resolve("s.sock");
        UnixSite site = new UnixSite(runner, path);
        await(site.start());
        assertEquals("http://unix:" + path + ":", site.name());
        var connection = await(dev.asyncio4j.stream.Streams.openUnixConnection(path));
        connection.writer().write(get("/").getBytes(StandardCharsets.US_ASCII));
        byte[] response = await(connection.reader().read(65536));
        assertTrue(new String(response, StandardCharsets.US_ASCII).endsWith("\r\n\r\nover unix"));
        connection.writer().close();
        await(runner.cleanup());
    }

    @AsyncioTest
    void handlerThatSuspendsOnAFutureIsAnsweredWhenItCompletes() throws Exception {
        Application app = new Application();
        Future<Future<String>> handlerWaits = getRunningLoop().createFuture();
        app.router().get("/wait", r -> async(() -> {
            Future<String> f = r.loop().createFuture();
            handlerWaits.setResult(f);
            return Response.text(await(f));
        }));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        c.send(get("/wait"));
        await(handlerWaits).setResult("done later");
        assertEquals("done later", await(c.reply()).text());
        await(server.stop());
    }

    @AsyncioTest
    void aHeaderValueWithANewlineIsRefusedNotSent() throws Exception {
        Application app = new Application();
        app.router().get("/inject", r -> async(() -> Response.text("x").setHeader("X-Evil", "a\r\nSet-Cookie: owned=1")));
        app.router().get("/", r -> async(() -> Response.text("fine")));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.asyncio4j.http.server");
        java.util.logging.Level level = logger.getLevel();
        logger.setLevel(java.util.logging.Level.OFF);
        try {
            RawClient.Reply reply = await(c.send(get("/inject")).reply());
            assertEquals(500, reply.status());
            assertNull(reply.header("Set-Cookie"));
            assertEquals("fine", await(c.send(get("/")).reply()).text());
        } finally {
            logger.setLevel(level);
        }
        await(server.stop());
    }

    @AsyncioTest
    void writesWaitForASlowReaderThroughDrain() throws Exception {
        int piece = 64 * 1024;
        int pieces = 512;   // 32 MiB: more than the kernel's socket buffers hold
        int[] written = {0};
        Event writing = new Event();
        Application app = new Application();
        app.router().get("/big", r -> async(() -> {
            StreamResponse response = new StreamResponse().setContentLength((long) piece * pieces);
            await(response.prepare(r));
            byte[] data = new byte[piece];
            writing.set();   // the test runs when this task first suspends: in a write, held back
            for (int i = 0; i < pieces; i++) {
                await(response.write(data));
                written[0]++;
            }
            return response;
        }));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        c.send(get("/big"));
        await(writing.waitAsync());
        assertTrue(written[0] < pieces, "the handler is held back while the client does not read: " + written[0]);
        await(sleep(5));   // five virtual seconds of a client that does not read
        assertTrue(written[0] < pieces, "the handler is still held back: " + written[0]);
        assertEquals((long) piece * pieces, await(c.reply()).body().length);
        assertEquals(pieces, written[0]);
        await(server.stop());
    }

    @AsyncioTest
    void aLongPipelinedBurstBehindASlowRequestIsAnsweredInOrder() throws Exception {
        Application app = new Application();
        app.router().get("/slow", r -> async(() -> {
            await(sleep(1));
            return Response.text("slow");
        }));
        app.router().get("/n", r -> async(() -> Response.text(r.query().get("i"))));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        StringBuilder burst = new StringBuilder(get("/slow"));
        int count = 3000;   // about 120 KiB of requests: reading pauses while /slow is answered
        for (int i = 0; i < count; i++) {
            burst.append(get("/n?i=" + i));
        }
        c.send(burst.toString());
        assertEquals("slow", await(c.reply()).text());
        for (int i = 0; i < count; i++) {
            assertEquals(String.valueOf(i), await(c.reply()).text());
        }
        await(server.stop());
    }
}
