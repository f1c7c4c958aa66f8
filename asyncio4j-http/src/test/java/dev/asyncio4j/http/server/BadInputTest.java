package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Future;
import dev.asyncio4j.http.Polling;
import dev.asyncio4j.sync.Event;
import dev.asyncio4j.testing.AsyncioTest;
import dev.asyncio4j.testing.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Timeout;

/**
 * Each kind of bad input the server must survive: it answers with the right status, closes the
 * connection (request-smuggling defences), leaks no connection, and goes on serving.
 */
@Timeout(30)
class BadInputTest {

    private static Application app() {
        Application app = new Application();
        app.router().get("/", r -> async(() -> Response.text("ok")));
        app.router().post("/read", r -> async(() -> Response.text("read " + await(r.read()).length)));
        app.router().post("/ignore", r -> async(() -> Response.text("ignored")));
        return app;
    }

    /** Sends {@code request} on a new connection; expects {@code status}, Connection: close, the close, no leak. */
    private static RawClient.Reply assertRejected(TestServer server, String request, int status) throws Exception {
        RawClient c = await(server.client());
        RawClient.Reply reply = await(c.send(request).reply());
        assertEquals(status, reply.status(), reply.text());
        assertEquals("close", reply.header("Connection"));
        assertTrue(await(c.closedByServer()), "nothing after the error response");
        await(assertNoConnections(server));
        assertServesAgain(server);
        return reply;
    }

    /**
     * Asserts the server has dropped every connection. It has no event for that, so this waits
     * for its count: after a close by the server the count is already zero when the client reads
     * the end (connectionLost runs before the socket closes), after a close by the client it
     * drops once the server has polled the end.
     */
    static dev.asyncio4j.Coroutine<Void> assertNoConnections(TestServer server) {
        return async(() -> {
            Polling.until(() -> server.runner.connectionCount() == 0);
            assertEquals(0, server.runner.connectionCount(), "connections left open");
        });
    }

    private static void assertServesAgain(TestServer server) throws Exception {
        RawClient c = await(server.client());
        assertEquals("ok", await(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").reply()).text());
        c.close();
    }

    @AsyncioTest
    void malformedRequestLinesAre400() throws Exception {
        TestServer server = await(TestServer.start(app()));
        assertRejected(server, "GET /\r\n\r\n", 400);
        assertRejected(server, "GE(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        assertRejected(server, "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        assertRejected(server, "GET / HTTQ/1.1\r\nHost: x\r\n\r\n", 400);
        assertRejected(server, "GET /a\u0001b HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        assertRejected(server, "GET / HTTP/1.1\r\n\r\n", 400);   // no Host
        assertRejected(server, "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n\r\n", 400);  // TLS to a plain port
        RawClient.Reply reply = assertRejected(server, "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505);
        assertTrue(reply.text().startsWith("505: HTTP Version Not Supported"), reply.text());
        assertRejected(server, "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
        await(server.stop());
    }

    @AsyncioTest
    void headerSectionOverTheLimitIs431() throws Exception {
        TestServer server = await(TestServer.start(app(),
                RunnerOptions.DEFAULT.withAccessLog(null).withHeadLimits(8190, 8190, 4096, 20)));
        assertRejected(server, "GET / HTTP/1.1\r\nHost: x\r\n" + "X-Big: " + "v".repeat(1000) + "\r\n"
                + ("X-More: " + "w".repeat(1000) + "\r\n").repeat(4) + "\r\n", 431);
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 21; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        assertRejected(server, many + "\r\n", 431);
        assertRejected(server, "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + "v".repeat(9000) + "\r\n\r\n", 431);
        await(server.stop());
    }

    @AsyncioTest
    void bodyOverTheLimitIs413(TestLoop loop) throws Exception {
        Application app = app().setClientMaxSize(10);
        TestServer server = await(TestServer.start(app, RunnerOptions.DEFAULT.withAccessLog(null)
                .withLingeringTime(Duration.ofSeconds(10))));
        // Announced too large: answered before the body is read. The rest of the body is then
        // dropped as it comes, as aiohttp does for a body its handler left unread, and the
        // connection serves on.
        RawClient kept = await(server.client());
        RawClient.Reply declared = await(kept.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n0123456789")
                .reply());
        assertEquals(413, declared.status());
        assertEquals("Maximum request body size 10 exceeded, actual body size 20", declared.text());
        assertEquals(null, declared.header("Connection"));
        kept.send("abcdefghij");
        assertEquals("ok", await(kept.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").reply()).text());
        kept.close();
        // A client that never sends the rest is closed after the lingering time.
        RawClient stalled = await(server.client());
        assertEquals(413, await(stalled.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n012").reply())
                .status());
        double start = loop.time();
        assertTrue(await(stalled.closedByServer()));
        assertEquals(10.0, loop.time() - start, 0.01);
        await(assertNoConnections(server));
        // The same with 100-continue: the client was not told to send the body, so the
        // connection closes after the answer (and the server waits for the client to close).
        RawClient expecting = await(server.client());
        RawClient.Reply refused = await(expecting.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n"
                + "Expect: 100-continue\r\n\r\n").reply());
        assertEquals(413, refused.status());
        assertEquals("close", refused.header("Connection"));
        assertTrue(expecting.interim().isEmpty(), "no 100 Continue for a body refused unread");
        assertTrue(await(expecting.closedByServer()));
        await(assertNoConnections(server));
        // Received whole (here chunked): 413, and the connection stays usable.
        RawClient c = await(server.client());
        RawClient.Reply chunked = await(c.send("POST /read HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "6\r\n012345\r\n6\r\n678901\r\n0\r\n\r\n").reply());
        assertEquals(413, chunked.status());
        assertEquals("Maximum request body size 10 exceeded", chunked.text());
        assertEquals("read 3", await(c.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc").reply()).text());
        c.close();
        await(server.stop());
    }

    @AsyncioTest
    void framingAttacksAre400AndClose() throws Exception {
        TestServer server = await(TestServer.start(app()));
        // Content-Length together with Transfer-Encoding (CL.TE / TE.CL smuggling).
        assertRejected(server, "POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
        // Differing duplicate Content-Length.
        assertRejected(server, "POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde", 400);
        assertRejected(server, "POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 4, 5\r\n\r\nabcde", 400);
        assertRejected(server, "POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: +4\r\n\r\nabcd", 400);
        // obs-fold.
        assertRejected(server, "GET / HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n", 400);
        // Bare LF and bare CR.
        assertRejected(server, "GET / HTTP/1.1\nHost: x\r\n\r\n", 400);
        assertRejected(server, "GET / HTTP/1.1\r\nHost: x\nX: y\r\n\r\n", 400);
        assertRejected(server, "GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n", 400);
        // Whitespace before the colon; an unsupported transfer coding.
        assertRejected(server, "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400);
        assertRejected(server, "POST /ignore HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501);
        await(server.stop());
    }

    @AsyncioTest
    void invalidChunkSizeIs400AndCloses() throws Exception {
        TestServer server = await(TestServer.start(app()));
        // The handler reads the body and meets the error: it becomes its 400.
        RawClient.Reply reply = assertRejected(server, "POST /read HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\nabc\r\n0\r\n\r\n", 400);
        assertTrue(reply.text().contains("chunk size"), reply.text());
        assertRejected(server, "POST /read HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "ffffffffffffffffff\r\n", 400);
        assertRejected(server, "POST /read HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabcX\r\n0\r\n\r\n", 400);
        // A handler that ignores the body still answers, and the connection closes after it.
        RawClient c = await(server.client());
        RawClient.Reply ignored = await(c.send("POST /ignore HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "-1\r\n").reply());
        assertEquals(200, ignored.status());
        assertEquals("close", ignored.header("Connection"));
        assertTrue(await(c.closedByServer()));
        await(assertNoConnections(server));
        await(server.stop());
    }

    @AsyncioTest
    void pipelinedGarbageAfterAGoodRequestIsAnswered400() throws Exception {
        TestServer server = await(TestServer.start(app()));
        RawClient c = await(server.client());
        c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\nBAD REQUEST\r\n\r\n");
        assertEquals("ok", await(c.reply()).text());
        RawClient.Reply bad = await(c.reply());
        assertEquals(400, bad.status());
        assertTrue(await(c.closedByServer()));
        await(server.stop());
    }

    @AsyncioTest
    void slowlorisTimesOutOnVirtualTime(TestLoop loop) throws Exception {
        TestServer server = await(TestServer.start(app(), RunnerOptions.DEFAULT.withAccessLog(null)
                .withHeaderTimeout(Duration.ofSeconds(10)).withKeepaliveTimeout(Duration.ofSeconds(30))));
        // A head trickling in, a byte every 4 seconds: the bound is from its first byte, not extended.
        double start = loop.time();
        RawClient slow = await(server.client());
        String head = "GET / HTTP/1.1\r\nHost: x\r\n";
        for (int i = 0; i < 3; i++) {
            slow.send(head.substring(i, i + 1));
            if (i < 2) {
                await(sleep(4));
            }
        }
        RawClient.Reply reply = await(slow.reply());
        assertEquals(408, reply.status());
        assertTrue(await(slow.closedByServer()));
        assertEquals(10.0, loop.time() - start, 0.01);

        // A connection that never sends anything is dropped silently after the same bound.
        start = loop.time();
        RawClient silent = await(server.client());
        assertEquals("", await(silent.readToEof()));
        assertEquals(10.0, loop.time() - start, 0.01);

        // An idle keep-alive connection is closed after the keep-alive timeout.
        RawClient idle = await(server.client());
        assertEquals("ok", await(idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").reply()).text());
        start = loop.time();
        assertTrue(await(idle.closedByServer()));
        assertEquals(30.0, loop.time() - start, 0.01);
        await(assertNoConnections(server));
        await(server.stop());
    }

    @AsyncioTest
    void clientResettingMidBodyLeaksNothing() throws Exception {
        Application app = new Application();
        List<Throwable> errors = new ArrayList<>();
        Event reading = new Event();
        Future<Throwable> failed = getRunningLoop().createFuture();
        app.router().get("/", r -> async(() -> Response.text("ok")));
        app.router().post("/upload", r -> async(() -> {
            reading.set();
            try {
                await(r.read());
            } catch (Exception e) {
                errors.add(e);
                failed.setResult(e);
                throw e;
            }
            return Response.text("complete");
        }));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());
        c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(5000));
        await(reading.waitAsync());   // resumes once the handler waits for the rest of the body
        c.reset();
        Throwable error = await(failed);
        assertTrue(error instanceof java.net.SocketException, error.toString());
        await(assertNoConnections(server));
        assertServesAgain(server);
        assertEquals(List.of(error), errors, "the handler failed once");
        await(server.stop());
    }

    @AsyncioTest
    void handlerThatThrowsGets500LoggedAndTheServerGoesOn() throws Exception {
        List<LogRecord> records = new ArrayList<>();
        Logger logger = Logger.getLogger("dev.asyncio4j.http.server");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        boolean parent = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        try {
            Application app = app();
            app.router().get("/boom", r -> async(() -> {
                throw new IllegalStateException("boom");
            }));
            app.router().get("/null", r -> async(() -> null));
            app.router().get("/no-coroutine", r -> null);
            TestServer server = await(TestServer.start(app));
            RawClient c = await(server.client());
            for (String path : List.of("/boom", "/null", "/no-coroutine")) {
                RawClient.Reply reply = await(c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").reply());
                assertEquals(500, reply.status());
                assertEquals("500 Internal Server Error\n\nServer got itself in trouble", reply.text());
                assertEquals("ok", await(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").reply()).text());
            }
            assertEquals(3, records.size());
            assertEquals(java.util.logging.Level.SEVERE, records.get(0).getLevel());
            assertTrue(records.get(0).getMessage().startsWith("Error handling request Request[GET /boom]"));
            assertEquals("boom", records.get(0).getThrown().getMessage());
            assertEquals(1, server.runner.connectionCount());
            await(server.stop());
        } finally {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(parent);
        }
    }

    @AsyncioTest
    void truncatedRequestsAndEarlyCloseLeakNothing() throws Exception {
        TestServer server = await(TestServer.start(app()));
        RawClient partialHead = await(server.client());
        RawClient partialBody = await(server.client());
        // The server has accepted both before they close, or no count could show a leak.
        Polling.until(() -> server.runner.connectionCount() == 2);
        assertEquals(2, server.runner.connectionCount());
        partialHead.send("GET / HT");
        partialHead.close();
        partialBody.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
        partialBody.close();
        await(assertNoConnections(server));
        assertServesAgain(server);
        await(server.stop());
    }
}
