package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Task;
import dev.asyncio4j.stream.Streams;
import dev.asyncio4j.testing.AsyncioTest;
import dev.asyncio4j.testing.TestLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/** Graceful shutdown: stop accepting, answer what was received, then close; abort after the timeout. */
@Timeout(30)
class ShutdownTest {

    private static Application app(List<String> log) {
        Application app = new Application();
        app.router().get("/", r -> async(() -> Response.text("ok")));
        app.router().get("/slow", r -> async(() -> {
            await(sleep(5));
            log.add("slow finished");
            return Response.text("slow done");
        }));
        app.router().get("/forever", r -> async(() -> {
            try {
                await(sleep(3600));
            } finally {
                log.add("forever cancelled");
            }
            return Response.text("never");
        }));
        return app;
    }

    @AsyncioTest
    void inFlightAndReceivedRequestsAreAnsweredIdleConnectionsClosedNewOnesRefused(TestLoop loop) throws Exception {
        List<String> log = new ArrayList<>();
        TestServer server = await(TestServer.start(app(log), RunnerOptions.DEFAULT.withAccessLog(null)
                .withShutdownTimeout(Duration.ofSeconds(60))));
        int port = server.port();
        RawClient idle = await(server.client());
        assertEquals("ok", await(idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").reply()).text());
        RawClient busy = await(server.client());
        busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
        await(sleep(1));

        double start = loop.time();
        Task<Void> cleanup = createTask(server.stop());
        await(sleep(0.5));
        assertTrue(await(idle.closedByServer()), "the idle keep-alive connection is closed at once");
        assertThrows(IOException.class, () -> await(Streams.openConnection("127.0.0.1", port)));

        RawClient.Reply slow = await(busy.reply());
        assertEquals("slow done", slow.text());
        assertEquals(null, slow.header("Connection"), "more requests are buffered: keep-alive still");
        RawClient.Reply pipelined = await(busy.reply());
        assertEquals("ok", pipelined.text());
        assertEquals("close", pipelined.header("Connection"));
        assertTrue(await(busy.closedByServer()));
        await(cleanup);
        assertEquals(4.0, loop.time() - start, 0.01, "cleanup waits for the in-flight request only");
        assertEquals(0, server.runner.connectionCount());
    }

    @AsyncioTest
    void handlersStillRunningAtTheTimeoutAreCancelledAndTheirConnectionsDropped(TestLoop loop) throws Exception {
        List<String> log = new ArrayList<>();
        TestServer server = await(TestServer.start(app(log), RunnerOptions.DEFAULT.withAccessLog(null)
                .withShutdownTimeout(Duration.ofSeconds(2))));
        RawClient stuck = await(server.client());
        stuck.send("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
        await(sleep(0.1));
        double start = loop.time();
        await(server.stop());
        assertEquals(2.0, loop.time() - start, 0.01);
        assertEquals(List.of("forever cancelled"), log);
        assertEquals("", await(stuck.readToEof()));
        assertEquals(0, server.runner.connectionCount());
    }

    @AsyncioTest
    void aHeadArrivingDuringShutdownIsStillAnswered() throws Exception {
        List<String> log = new ArrayList<>();
        TestServer server = await(TestServer.start(app(log)));
        RawClient partial = await(server.client());
        partial.send("GET / HTTP/1.1\r\n");
        await(sleep(0.1));
        Task<Void> cleanup = createTask(server.stop());
        await(sleep(0.5));
        partial.send("Host: x\r\n\r\n");
        RawClient.Reply reply = await(partial.reply());
        assertEquals("ok", reply.text());
        assertEquals("close", reply.header("Connection"));
        await(cleanup);
    }
}
