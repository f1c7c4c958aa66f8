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
import dev.asyncio4j.sync.Event;
import dev.asyncio4j.testing.AsyncioTest;
import dev.asyncio4j.testing.TestLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Graceful shutdown: stop accepting, answer what was received, then close; abort after the timeout.
 * The tests wait for the server's own signals (a handler has started, a connection is closed),
 * never for time to pass; the handlers' sleeps are the virtual durations the assertions measure.
 */
@Timeout(30)
class ShutdownTest {

    /** The app, with what its handlers tell the test. Loop-confined. */
    private record Observed(Application app, List<String> log, Event handlerStarted) {}

    private static Observed app() {
        Application app = new Application();
        List<String> log = new ArrayList<>();
        Event handlerStarted = new Event();
        app.router().get("/", r -> async(() -> Response.text("ok")));
        app.router().get("/slow", r -> async(() -> {
            handlerStarted.set();
            await(sleep(5));
            log.add("slow finished");
            return Response.text("slow done");
        }));
        app.router().get("/forever", r -> async(() -> {
            handlerStarted.set();
            try {
                await(sleep(3600));
            } finally {
                log.add("forever cancelled");
            }
            return Response.text("never");
        }));
        return new Observed(app, log, handlerStarted);
    }

    @AsyncioTest
    void inFlightAndReceivedRequestsAreAnsweredIdleConnectionsClosedNewOnesRefused(TestLoop loop) throws Exception {
        Observed observed = app();
        TestServer server = await(TestServer.start(observed.app(), RunnerOptions.DEFAULT.withAccessLog(null)
                .withShutdownTimeout(Duration.ofSeconds(60))));
        int port = server.port();
        RawClient idle = await(server.client());
        assertEquals("ok", await(idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").reply()).text());
        RawClient busy = await(server.client());
        busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
        await(observed.handlerStarted().waitAsync());
        await(sleep(1));   // one second into the five the slow request takes

        double start = loop.time();
        Task<Void> cleanup = createTask(server.stop());
        // The server closes the idle connection only in the shutdown, after it stopped listening.
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
        Observed observed = app();
        TestServer server = await(TestServer.start(observed.app(), RunnerOptions.DEFAULT.withAccessLog(null)
                .withShutdownTimeout(Duration.ofSeconds(2))));
        RawClient stuck = await(server.client());
        stuck.send("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
        await(observed.handlerStarted().waitAsync());
        double start = loop.time();
        await(server.stop());
        assertEquals(2.0, loop.time() - start, 0.01);
        assertEquals(List.of("forever cancelled"), observed.log());
        assertEquals("", await(stuck.readToEof()));
        assertEquals(0, server.runner.connectionCount());
    }

    @AsyncioTest
    void aHeadArrivingDuringShutdownIsStillAnswered() throws Exception {
        Observed observed = app();
        TestServer server = await(TestServer.start(observed.app()));
        RawClient partial = await(server.client());
        partial.send("GET / HTTP/1.1\r\n");
        // Nothing tells when the server has read part of a head. A request answered on a second
        // connection, opened after it was sent, does: the server has polled its sockets since.
        RawClient idle = await(server.client());
        assertEquals("ok", await(idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").reply()).text());
        Task<Void> cleanup = createTask(server.stop());
        // The shutdown looks at every connection in the same pass and closes the idle ones: once
        // it has closed this one, it has kept the one with half a head.
        assertTrue(await(idle.closedByServer()));
        partial.send("Host: x\r\n\r\n");
        RawClient.Reply reply = await(partial.reply());
        assertEquals("ok", reply.text());
        assertEquals("close", reply.header("Connection"));
        await(cleanup);
    }
}
