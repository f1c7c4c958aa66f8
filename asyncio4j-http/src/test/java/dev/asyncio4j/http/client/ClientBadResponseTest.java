package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Future;
import dev.asyncio4j.testing.AsyncioTest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;

/**
 * Servers that break HTTP, or the connection, or never answer: each fault is a clear exception
 * of the request or of reading its body, the loop carries on, and no connection or descriptor
 * is left behind (see {@link Scenario}).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientBadResponseTest {

    /** A server that answers every request with {@code raw}, as is. */
    private static ScriptedServer.Script raw(String raw) {
        return (c, r) -> c.write(raw);
    }

    /** A server that sends {@code raw} and closes. */
    private static ScriptedServer.Script rawThenClose(String raw) {
        return (c, r) -> {
            c.write(raw);
            c.close();
        };
    }

    private static ClientResponseException badHead(String raw) throws Exception {
        ClientResponseException[] caught = new ClientResponseException[1];
        Scenario.run(raw(raw), (server, session) ->
                caught[0] = assertThrows(ClientResponseException.class, () -> await(session.get(server.url("/")))));
        return caught[0];
    }

    @AsyncioTest
    void malformedStatusLine() throws Exception {
        ClientResponseException e = badHead("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n");
        assertEquals(400, e.status());
        assertTrue(e.message().contains("status code"), e.message());
        e = badHead("ICY 200 OK\r\n\r\n");
        assertEquals("status line too short", e.message());
    }

    @AsyncioTest
    void malformedHeader() throws Exception {
        ClientResponseException e = badHead("HTTP/1.1 200 OK\r\nBad Header: x\r\nContent-Length: 0\r\n\r\n");
        assertEquals(400, e.status());
        assertEquals("header field without a colon", e.message());
        e = badHead("HTTP/1.1 200 OK\r\nX-Folded: a\r\n b\r\nContent-Length: 0\r\n\r\n");
        assertTrue(e.message().contains("obs-fold"), e.message());
    }

    @AsyncioTest
    void headerSectionAndLinesOverTheLimits() throws Exception {
        SessionOptions small = SessionOptions.DEFAULT.withLimits(100, 400, Long.MAX_VALUE);
        String many = "X-Filler: " + "f".repeat(80) + "\r\n";
        Scenario.run(raw("HTTP/1.1 200 OK\r\n" + many.repeat(10) + "Content-Length: 0\r\n\r\n"), small, (server, session) -> {
            ClientResponseException e = assertThrows(ClientResponseException.class, () -> await(session.get(server.url("/"))));
            assertEquals(431, e.status());
            assertTrue(e.message().contains("header section larger than 400 bytes"), e.message());
        });
        Scenario.run(raw("HTTP/1.1 200 OK\r\nX-Long: " + "l".repeat(200) + "\r\n\r\n"), small, (server, session) -> {
            ClientResponseException e = assertThrows(ClientResponseException.class, () -> await(session.get(server.url("/"))));
            assertTrue(e.message().contains("longer than 100 bytes"), e.message());
        });
    }

    @AsyncioTest
    void bodyOverTheLimit() throws Exception {
        SessionOptions small = SessionOptions.DEFAULT.withLimits(8190, 64 * 1024, 100);
        Scenario.run((c, r) -> {
            if (r.target().equals("/sized")) {
                c.respond(200, "OK", "x".repeat(1000));
            } else {
                c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + "y".repeat(64) + "\r\n40\r\n"
                        + "y".repeat(64) + "\r\n0\r\n\r\n");
            }
        }, small, (server, session) -> {
            ClientPayloadException e = assertThrows(ClientPayloadException.class, () -> await(session.get(server.url("/sized"))));
            assertTrue(e.getMessage().contains("exceeds the limit of 100 bytes"), e.getMessage());
            try (var response = await(session.get(server.url("/chunked")))) {
                e = assertThrows(ClientPayloadException.class, () -> await(response.read()));
                assertTrue(e.getMessage().contains("body larger than 100 bytes"), e.getMessage());
            }
        });
    }

    @AsyncioTest
    void contentLengthWithTransferEncoding() throws Exception {
        ClientResponseException e = badHead("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n");
        assertEquals(400, e.status());
        assertEquals("both Content-Length and Transfer-Encoding", e.message());
    }

    @AsyncioTest
    void invalidChunkSize() throws Exception {
        Scenario.run(raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"), (server, session) -> {
            try (var response = await(session.get(server.url("/")))) {
                assertEquals(200, response.status());
                ClientPayloadException e = assertThrows(ClientPayloadException.class, () -> await(response.read()));
                assertTrue(e.getMessage().contains("in chunk size"), e.getMessage());
                assertThrows(ClientPayloadException.class, () -> await(response.read()), "the failure stays");
            }
        });
    }

    @AsyncioTest
    void truncatedBodies() throws Exception {
        Scenario.run((c, r) -> {
            switch (r.target()) {
                case "/sized" -> c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly fifty bytes");
                case "/chunked" -> c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
                case "/gzip" -> {
                    c.write("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 12\r\n\r\n");
                    c.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2});
                }
                default -> c.write("HTTP/1.1 200 OK\r\nContent-Le");
            }
            c.close();
        }, (server, session) -> {
            for (String path : new String[] {"/sized", "/chunked", "/gzip"}) {
                try (var response = await(session.get(server.url(path)))) {
                    ClientPayloadException e = assertThrows(ClientPayloadException.class, () -> await(response.read()), path);
                    assertTrue(e.getMessage().startsWith("Response payload is not completed"), e.getMessage());
                }
            }
            ServerDisconnectedException e = assertThrows(ServerDisconnectedException.class,
                    () -> await(session.get(server.url("/head"))));
            assertTrue(e.getMessage().contains("in the header section"), e.getMessage());
        });
    }

    @AsyncioTest
    void aServerThatClosesWithoutAnswering() throws Exception {
        Scenario.run(rawThenClose(""), (server, session) -> {
            ServerDisconnectedException e = assertThrows(ServerDisconnectedException.class,
                    () -> await(session.get(server.url("/"))));
            assertEquals("Server disconnected", e.getMessage());
            assertEquals(1, server.connections.size(), "a new connection is not retried");
        });
    }

    /** The server answers the first request of each connection, and drops the connection at the second. */
    private static void answerOnce(ScriptedServer.Connection c, ScriptedServer.Received r) {
        if (c.requests == 1) {
            c.respond(200, "OK", "fresh " + c.index);
        } else {
            c.transport.abort();
        }
    }

    @AsyncioTest
    void aStaleKeepAliveConnectionIsRetriedOnceForIdempotentRequests() throws Exception {
        Scenario.run(ClientBadResponseTest::answerOnce, (server, session) -> {
            try (var response = await(session.get(server.url("/")))) {
                assertEquals("fresh 0", await(response.text()));
            }
            try (var response = await(session.get(server.url("/")))) {
                assertEquals("fresh 1", await(response.text()), "retried on a new connection");
            }
            assertEquals(2, server.connections.size());
            assertEquals(3, server.received.size());
            // A POST may not be repeated: the failure is the caller's to handle.
            assertThrows(ServerDisconnectedException.class, () -> await(session.post(server.url("/"),
                    RequestOptions.DEFAULT.withData("once"))));
        });
    }

    @AsyncioTest
    void aServerThatClosesAnIdleConnectionIsNotUsedAgain() throws Exception {
        Scenario.run((c, r) -> {
            c.respond(200, "OK", "bye");
            c.close();
        }, (server, session) -> {
            for (int i = 0; i < 3; i++) {
                try (var response = await(session.get(server.url("/")))) {
                    assertEquals("bye", await(response.text()));
                }
            }
            assertEquals(3, server.connections.size());
        });
    }

    @AsyncioTest
    void bytesAfterTheResponseMakeTheConnectionUnusable() throws Exception {
        Scenario.run(raw("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"), (server, session) -> {
            for (int i = 0; i < 2; i++) {
                try (var response = await(session.get(server.url("/")))) {
                    assertEquals("ok", await(response.text()));
                }
            }
            assertEquals(2, server.connections.size());
        });
    }

    @AsyncioTest
    void aServerThatNeverAnswersMeetsTheReadTimeout() throws Exception {
        Scenario.run((c, r) -> { }, (server, session) -> {
            double start = getRunningLoop().time();
            SocketReadTimeoutException e = assertThrows(SocketReadTimeoutException.class, () -> await(session.get(
                    server.url("/"), RequestOptions.DEFAULT.withTimeout(ClientTimeout.DEFAULT.withSockRead(Duration.ofSeconds(2))))));
            assertEquals("Timeout on reading data from socket", e.getMessage());
            assertInstanceOf(TimeoutException.class, e);
            assertEquals(2.0, getRunningLoop().time() - start, 1e-6);
            start = getRunningLoop().time();
            TotalTimeoutException total = assertThrows(TotalTimeoutException.class, () -> await(session.get(
                    server.url("/"), RequestOptions.DEFAULT.withTimeout(Duration.ofSeconds(5)))));
            assertTrue(total.getMessage().contains("took longer than 5.0 s"), total.getMessage());
            assertEquals(5.0, getRunningLoop().time() - start, 1e-6);
        });
    }

    @AsyncioTest
    void aBodyThatStallsMeetsTheReadTimeoutWhileBeingRead() throws Exception {
        Scenario.run(raw("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf"), (server, session) -> {
            var options = RequestOptions.DEFAULT.withTimeout(ClientTimeout.NONE.withSockRead(Duration.ofSeconds(3)));
            try (var response = await(session.get(server.url("/"), options))) {
                assertThrows(SocketReadTimeoutException.class, () -> await(response.read()));
            }
            options = RequestOptions.DEFAULT.withTimeout(Duration.ofSeconds(4));
            try (var response = await(session.get(server.url("/"), options))) {
                assertThrows(TotalTimeoutException.class, () -> await(response.read()));
            }
        });
    }

    @AsyncioTest
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        long fds = Leaks.openDescriptors();
        try (var session = new ClientSession()) {
            ClientConnectorException e = assertThrows(ClientConnectorException.class,
                    () -> await(session.get("http://127.0.0.1:" + port + "/")));
            assertEquals("127.0.0.1", e.host());
            assertEquals(port, e.port());
            assertTrue(e.getMessage().startsWith("Cannot connect to host 127.0.0.1:" + port + " ssl:default ["),
                    e.getMessage());
            Leaks.assertPoolEmpty(session);
        }
        Leaks.assertDescriptorsBackTo(fds);
    }

    @AsyncioTest
    void invalidUrls() throws Exception {
        try (var session = new ClientSession()) {
            assertThrows(InvalidUrlException.class, () -> await(session.get("/relative/without/base")));
            InvalidUrlException e = assertThrows(InvalidUrlException.class, () -> await(session.get("ftp://example.com/")));
            assertEquals("ftp://example.com/", e.url());
            assertThrows(InvalidUrlException.class, () -> await(session.get("http://[::1/")));
            assertThrows(IllegalArgumentException.class, () -> await(session.get("http://127.0.0.1:1/",
                    RequestOptions.DEFAULT.withHeaders("X-Bad", "a\r\nInjected: 1"))));
            assertThrows(IllegalArgumentException.class, () -> await(session.request("GE T", "http://127.0.0.1:1/")));
            Leaks.assertPoolEmpty(session);
        }
    }

    @AsyncioTest
    void cancellingARequestClosesItsConnection() throws Exception {
        Future<ScriptedServer.Received> arrived = getRunningLoop().createFuture();
        Scenario.run((c, r) -> arrived.setResult(r), (server, session) -> {
            var request = dev.asyncio4j.Asyncio.createTask(session.get(server.url("/never")));
            assertEquals("/never", await(arrived).target(), "the request waits for its response");
            assertEquals(1, session.connector().statistics().acquired());
            request.cancel();
            assertThrows(dev.asyncio4j.CancelledException.class, () -> await(request));
            assertEquals(0, session.connector().statistics().acquired(), "the slot is free again");
            assertEquals(0, session.connector().statistics().idle(), "and the connection not pooled");
        });
    }

    @AsyncioTest
    void aHandshakeThatNeverEndsMeetsTheConnectLimit() throws Exception {
        // A plain TCP server that never answers the TLS ClientHello.
        Scenario.run(null, (server, session) -> {
            double start = getRunningLoop().time();
            ConnectionTimeoutException e = assertThrows(ConnectionTimeoutException.class, () -> await(session.get(
                    "https://127.0.0.1:" + server.port() + "/", RequestOptions.DEFAULT.withTimeout(
                            ClientTimeout.DEFAULT.withSockConnect(Duration.ofSeconds(3))))));
            assertTrue(e.getMessage().startsWith("Connection timeout to host https://127.0.0.1:"), e.getMessage());
            assertEquals(3.0, getRunningLoop().time() - start, 1e-6);
        });
    }
}
