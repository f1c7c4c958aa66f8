package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.gather;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.Future;
import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.MultiDict;
import dev.asyncio4j.stream.StreamReader;
import dev.asyncio4j.testing.AsyncioTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Timeout;

/** The client against scripted servers: requests, responses, bodies, keep-alive, the pool. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientSessionTest {

    private static final String JSON = "{\"hello\":\"world\"}";

    private static void json(ScriptedServer.Connection c, ScriptedServer.Received r) {
        c.respond(200, "OK", JSON, "Content-Type", "application/json");
    }

    @AsyncioTest
    void getsSmallJsonAndReusesTheConnection() throws Exception {
        Scenario.run(ClientSessionTest::json, (server, session) -> {
            try (var response = await(session.get(server.url("/small.json")))) {
                assertEquals(200, response.status());
                assertEquals("OK", response.reason());
                assertEquals("application/json", response.contentType());
                assertEquals(JSON.length(), response.contentLength());
                JsonNode json = await(response.json());
                assertEquals("world", json.get("hello").asText());
                assertEquals("<ClientResponse(" + server.url("/small.json") + ") [200 OK]>", response.toString());
            }
            try (var response = await(session.get(server.url("/small.json")))) {
                assertArrayEquals(JSON.getBytes(StandardCharsets.UTF_8), await(response.read()));
                assertEquals(JSON, await(response.text()), "read() and text() share the body");
            }
            assertEquals(1, server.connections.size(), "one connection for both requests");
            assertEquals(1, session.connector().statistics().reused());
            assertEquals(1, session.connector().statistics().idle());
            ScriptedServer.Received first = server.received.get(0);
            assertEquals("GET", first.method());
            assertEquals("/small.json", first.target());
            assertEquals("127.0.0.1:" + server.port(), first.headers().get("Host"));
            assertEquals(ClientSession.USER_AGENT, first.headers().get("User-Agent"));
            assertTrue(ClientSession.USER_AGENT.matches("asyncio4j/\\d+\\.\\d+\\.\\d+.*"), ClientSession.USER_AGENT);
            assertEquals("gzip, deflate", first.headers().get("Accept-Encoding"));
            assertEquals("*/*", first.headers().get("Accept"));
            assertNull(first.headers().get("Content-Length"), "a GET without body has no Content-Length");
        });
    }

    @AsyncioTest
    void manyConcurrentRequestsShareThePool() throws Exception {
        Scenario.run(ClientSessionTest::json, (server, session) -> {
            List<Coroutine<String>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(Asyncio.async(() -> {
                    try (var response = await(session.get(server.url("/x")))) {
                        return await(response.text());
                    }
                }));
            }
            for (int round = 0; round < 3; round++) {
                List<Coroutine<String>> again = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    again.add(Asyncio.async(() -> {
                        try (var response = await(session.get(server.url("/x")))) {
                            return await(response.text());
                        }
                    }));
                }
                for (String body : await(gather(again))) {
                    assertEquals(JSON, body);
                }
            }
            assertEquals(150, server.received.size());
            assertTrue(server.connections.size() <= 50, "connections: " + server.connections.size());
            assertEquals(server.connections.size(), session.connector().statistics().idle());
            calls.forEach(c -> Asyncio.ensureFuture(c).cancel());
        });
    }

    @AsyncioTest
    void chunkedContentLengthAndCloseDelimitedBodies() throws Exception {
        Scenario.run((c, r) -> {
            switch (r.target()) {
                case "/chunked" -> c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n1;ext=1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n");
                case "/close" -> {
                    c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
                    c.close();
                }
                default -> c.respond(200, "OK", "sized");
            }
        }, (server, session) -> {
            try (var response = await(session.get(server.url("/chunked")))) {
                assertEquals("hello world", await(response.text()));
            }
            try (var response = await(session.get(server.url("/sized")))) {
                assertEquals("sized", await(response.text()));
            }
            assertEquals(1, server.connections.size(), "chunked and sized bodies keep the connection");
            try (var response = await(session.get(server.url("/close")))) {
                assertEquals("until the end", await(response.text()));
            }
            try (var response = await(session.get(server.url("/sized")))) {
                assertEquals("sized", await(response.text()));
            }
            assertEquals(2, server.connections.size(), "a close-delimited body ends its connection");
        });
    }

    @AsyncioTest
    void headHasNoBodyAndKeepsTheConnection() throws Exception {
        Scenario.run((c, r) -> c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"), (server, session) -> {
            for (int i = 0; i < 2; i++) {
                try (var response = await(session.head(server.url("/")))) {
                    assertEquals(1000, response.contentLength());
                    assertEquals(0, await(response.read()).length);
                }
            }
            assertEquals("HEAD", server.last().method());
            assertEquals(1, server.connections.size());
        });
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var z = new GZIPOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] deflate(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var z = new DeflaterOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @AsyncioTest
    void gzipAndDeflateBodiesAreDecoded() throws Exception {
        String text = "compressible ".repeat(1000);
        byte[] gz = gzip(text);
        byte[] df = deflate(text);
        Scenario.run((c, r) -> {
            byte[] body = r.target().equals("/gzip") ? gz : df;
            c.write("HTTP/1.1 200 OK\r\nContent-Encoding: " + r.target().substring(1) + "\r\nContent-Length: "
                    + body.length + "\r\n\r\n");
            c.write(body);
        }, (server, session) -> {
            try (var response = await(session.get(server.url("/gzip")))) {
                assertEquals(text, await(response.text()));
                assertEquals("gzip", response.headers().get("Content-Encoding"));
            }
            try (var response = await(session.get(server.url("/deflate")))) {
                assertEquals(text, await(response.text()));
            }
            try (var response = await(session.get(server.url("/gzip"), RequestOptions.DEFAULT.withAutoDecompress(false)))) {
                assertArrayEquals(gz, await(response.read()));
            }
            assertEquals(1, server.connections.size());
        });
    }

    @AsyncioTest
    void baseUrlQueryParametersAndHeaders() throws Exception {
        SessionOptions options = SessionOptions.DEFAULT.withBaseUrl("http://127.0.0.1:1/api/")
                .withHeaders(Headers.of("X-Default", "d", "X-Replaced", "old"));
        Scenario.run(ClientSessionTest::json, (server, session) -> {
            try (var other = new ClientSession(options.withBaseUrl("http://127.0.0.1:" + server.port() + "/api/"))) {
                try (var response = await(other.get("items?a=1", RequestOptions.DEFAULT
                        .withParams(MultiDict.of("q", "asyncio & java", "e", "", "u", "é"))
                        .withHeaders("X-Replaced", "new", "X-Extra", "1", "X-Extra", "2")))) {
                    assertEquals(200, response.status());
                }
                ScriptedServer.Received r = server.last();
                assertEquals("/api/items?a=1&q=asyncio+%26+java&e=&u=%C3%A9", r.target());
                assertEquals("d", r.headers().get("X-Default"));
                assertEquals(List.of("new"), r.headers().getAll("X-Replaced"));
                assertEquals(List.of("1", "2"), r.headers().getAll("X-Extra"));
                try (var response = await(other.get("/root", RequestOptions.DEFAULT
                        .withHeaders("User-Agent", "mine/1").withSkipAutoHeaders("Accept-Encoding")))) {
                    assertEquals(200, response.status());
                }
                r = server.last();
                assertEquals("/root", r.target(), "an absolute path replaces the base URL's");
                assertEquals(List.of("mine/1"), r.headers().getAll("User-Agent"));
                assertNull(r.headers().get("Accept-Encoding"));
                assertEquals("*/*", r.headers().get("Accept"));
                await(other.get(server.url("/absolute"))).close();
                assertEquals("/absolute", server.last().target(), "an absolute URL ignores the base");
            }
        });
    }

    @AsyncioTest
    void jsonFormTextBytesAndStreamedBodies() throws Exception {
        Scenario.run((c, r) -> c.respond(200, "OK", r.bodyText()), (server, session) -> {
            await(session.post(server.url("/json"), RequestOptions.DEFAULT.withJson(Map.of("a", List.of(1, 2))))).close();
            ScriptedServer.Received r = server.last();
            assertEquals("POST", r.method());
            assertEquals("application/json", r.headers().get("Content-Type"));
            assertEquals("{\"a\":[1,2]}", r.bodyText());
            assertEquals("11", r.headers().get("Content-Length"));

            await(session.put(server.url("/form"), RequestOptions.DEFAULT.withForm(MultiDict.of("q", "a b", "x", "&=")))).close();
            r = server.last();
            assertEquals("PUT", r.method());
            assertEquals("application/x-www-form-urlencoded", r.headers().get("Content-Type"));
            assertEquals("q=a+b&x=%26%3D", r.bodyText());

            await(session.patch(server.url("/text"), RequestOptions.DEFAULT.withData("héllo"))).close();
            r = server.last();
            assertEquals("text/plain; charset=utf-8", r.headers().get("Content-Type"));
            assertEquals("héllo", r.bodyText());

            await(session.post(server.url("/bytes"), RequestOptions.DEFAULT.withData(new byte[] {1, 2, 3})
                    .withHeaders("Content-Type", "application/x-mine"))).close();
            r = server.last();
            assertEquals(List.of("application/x-mine"), r.headers().getAll("Content-Type"));
            assertArrayEquals(new byte[] {1, 2, 3}, r.body());

            await(session.post(server.url("/empty"), RequestOptions.DEFAULT)).close();
            assertEquals("0", server.last().headers().get("Content-Length"), "aiohttp sends Content-Length: 0");

            var chunks = Asyncio.<byte[]>asyncGenerator(emit -> {
                for (int i = 0; i < 3; i++) {
                    emit.yield(("part" + i + ";").getBytes(StandardCharsets.UTF_8));
                    await(sleep(0.01));
                }
            });
            try (var response = await(session.post(server.url("/stream"),
                    RequestOptions.DEFAULT.withData(Payload.stream(chunks, "text/csv"))))) {
                assertEquals("part0;part1;part2;", await(response.text()));
            }
            r = server.last();
            assertEquals("chunked", r.headers().get("Transfer-Encoding"));
            assertEquals("text/csv", r.headers().get("Content-Type"));
            assertEquals(1, server.connections.size(), "a streamed body keeps the connection too");

            assertThrows(IllegalArgumentException.class, () -> RequestOptions.DEFAULT.withJson(1).withData("x"));
        });
    }

    @AsyncioTest
    void cookiesAreKeptAndSent() throws Exception {
        SessionOptions unsafe = SessionOptions.DEFAULT.withUnsafeCookies(true).withCookies(Map.of("given", "1"));
        Scenario.run((c, r) -> c.respond(200, "OK", "", "Set-Cookie", "sid=abc; Path=/", "Set-Cookie", "other=2"),
                unsafe, (server, session) -> {
                    try (var response = await(session.get(server.url("/login")))) {
                        assertEquals(Map.of("sid", "abc", "other", "2"), response.cookies());
                    }
                    assertEquals("given=1", server.last().headers().get("Cookie"));
                    await(session.get(server.url("/next"), RequestOptions.DEFAULT.withCookies(Map.of("once", "x")))).close();
                    String sent = server.last().headers().get("Cookie");
                    assertTrue(sent.contains("sid=abc") && sent.contains("other=2") && sent.contains("given=1")
                            && sent.contains("once=x"), sent);
                    assertEquals("abc", session.cookies(server.url("/")).get("sid"));
                    session.clearCookies();
                    await(session.get(server.url("/after"))).close();
                    assertNull(server.last().headers().get("Cookie"));
                });
        Scenario.run((c, r) -> c.respond(200, "OK", "", "Set-Cookie", "sid=abc"), (server, session) -> {
            await(session.get(server.url("/login"))).close();
            await(session.get(server.url("/next"))).close();
            assertNull(server.last().headers().get("Cookie"), "cookies from an IP address are refused, as in aiohttp");
        });
    }

    @AsyncioTest
    void basicAuthFromOptionsAndUrl() throws Exception {
        Scenario.run(ClientSessionTest::json, (server, session) -> {
            await(session.get(server.url("/"), RequestOptions.DEFAULT.withAuth(new BasicAuth("user", "pass")))).close();
            assertEquals("Basic dXNlcjpwYXNz", server.last().headers().get("Authorization"));
            await(session.get("http://user:pass@127.0.0.1:" + server.port() + "/in-url")).close();
            assertEquals("Basic dXNlcjpwYXNz", server.last().headers().get("Authorization"));
            assertEquals("127.0.0.1:" + server.port(), server.last().headers().get("Host"));
            assertThrows(IllegalArgumentException.class, () -> await(session.get(
                    "http://user:pass@127.0.0.1:" + server.port() + "/", RequestOptions.DEFAULT.withAuth(new BasicAuth("a", "b")))));
            assertThrows(IllegalArgumentException.class, () -> await(session.get(server.url("/"),
                    RequestOptions.DEFAULT.withAuth(new BasicAuth("a", "b")).withHeaders("Authorization", "Bearer x"))));
            assertThrows(IllegalArgumentException.class, () -> new BasicAuth("a:b", "c"));
        });
    }

    @AsyncioTest
    void raiseForStatusAndResponseErrors() throws Exception {
        Scenario.run((c, r) -> c.respond(404, "Not Found", "nope", "Content-Type", "text/html"), (server, session) -> {
            try (var response = await(session.get(server.url("/missing")))) {
                assertFalse(response.ok());
                ClientResponseException e = assertThrows(ClientResponseException.class, response::raiseForStatus);
                assertEquals(404, e.status());
                assertEquals("Not Found", e.message());
                assertEquals("404, message='Not Found', url='" + server.url("/missing") + "'", e.getMessage());
                assertEquals("GET", e.requestInfo().method());
                assertTrue(response.isClosed(), "raiseForStatus releases the response");
            }
            ClientResponseException e = assertThrows(ClientResponseException.class, () -> await(session.get(
                    server.url("/missing"), RequestOptions.DEFAULT.withRaiseForStatus(true))));
            assertEquals(404, e.status());
            try (var response = await(session.get(server.url("/missing")))) {
                ContentTypeException wrong = assertThrows(ContentTypeException.class, () -> await(response.json()));
                assertEquals("Attempt to decode JSON with unexpected mimetype: text/html", wrong.message());
                assertEquals("nope", await(response.text()), "the body stays readable");
            }
        });
    }

    @AsyncioTest
    void textCharsetsAndJsonBinding() throws Exception {
        Scenario.run((c, r) -> {
            switch (r.target()) {
                case "/latin1" -> {
                    c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Length: 4\r\n\r\n");
                    c.write(new byte[] {'c', 'a', 'f', (byte) 0xE9});
                }
                case "/bad-utf8" -> {
                    c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n");
                    c.write(new byte[] {(byte) 0xC3, (byte) 0x28});
                }
                case "/empty" -> c.respond(200, "OK", "", "Content-Type", "application/json");
                case "/vnd" -> c.respond(200, "OK", "{\"n\":1,\"s\":\"x\"}", "Content-Type", "application/vnd.api+json");
                default -> c.respond(200, "OK", "raw");
            }
        }, (server, session) -> {
            try (var response = await(session.get(server.url("/latin1")))) {
                assertEquals("iso-8859-1", response.charset());
                assertEquals("café", await(response.text()));
            }
            try (var response = await(session.get(server.url("/bad-utf8")))) {
                assertThrows(CharacterCodingException.class, () -> await(response.text()));
                assertEquals("\u00c3(", await(response.text(StandardCharsets.ISO_8859_1)));
            }
            try (var response = await(session.get(server.url("/empty")))) {
                assertNull(await(response.json()), "an empty JSON body is null, as aiohttp's None");
            }
            try (var response = await(session.get(server.url("/vnd")))) {
                record Item(int n, String s) {
                }
                assertEquals(new Item(1, "x"), await(response.json(Item.class)));
            }
            try (var response = await(session.get(server.url("/raw")))) {
                assertEquals("application/octet-stream", response.contentType());
                assertNull(response.charset());
                assertThrows(ContentTypeException.class, () -> await(response.json()));
                assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class, () -> await(response.json((String) null)));
            }
        });
    }

    @AsyncioTest
    void contentStreamsALargeBodyWithBackPressure() throws Exception {
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        // No time limit: on virtual time, the loop jumps to a pending timer (the 300 s total)
        // whenever a poll finds nothing, and TCP may send the window update that lets the server
        // write on only after a delayed-ACK timer of the kernel's. With no timer, the loop waits.
        SessionOptions options = SessionOptions.DEFAULT.withReadBufferSize(16 * 1024).withTimeout(ClientTimeout.NONE);
        Scenario.run((c, r) -> {
            c.write("HTTP/1.1 200 OK\r\nContent-Length: " + big.length + "\r\n\r\n");
            c.write(big);
        }, options, (server, session) -> {
            try (var response = await(session.get(server.url("/big")))) {
                StreamReader content = response.content();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                while (true) {
                    byte[] piece = await(content.read(10_000));
                    if (piece.length == 0) {
                        break;
                    }
                    got.write(piece);
                }
                assertArrayEquals(big, got.toByteArray());
            }
            try (var response = await(session.get(server.url("/big")))) {
                await(sleep(1)); // the client pauses reading while nobody reads
                assertArrayEquals(big, await(response.read()));
            }
            assertEquals(1, server.connections.size());
        });
    }

    @AsyncioTest
    void releasingAnUnreadBodyClosesItsConnection() throws Exception {
        Scenario.run((c, r) -> {
            if (r.target().equals("/slow")) {
                c.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf");
            } else {
                c.respond(200, "OK", "fine");
            }
        }, (server, session) -> {
            var response = await(session.get(server.url("/slow")));
            response.release();
            assertTrue(response.isClosed());
            assertThrows(ClientConnectionException.class, () -> await(response.read()));
            try (var next = await(session.get(server.url("/next")))) {
                assertEquals("fine", await(next.text()));
            }
            assertEquals(2, server.connections.size(), "the unread connection was not reused");
        });
    }

    @AsyncioTest
    void theLimitsHoldRequestsBack() throws Exception {
        ScriptedServer.Script slow = (c, r) -> getRunningLoop().callLater(Duration.ofSeconds(1),
                () -> c.respond(200, "OK", r.target()));
        Connector connector = new Connector(ConnectorOptions.DEFAULT.withLimit(3).withLimitPerHost(2));
        Scenario.run(slow, SessionOptions.DEFAULT.withConnector(connector, true), (server, session) -> {
            List<Coroutine<String>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String path = "/" + i;
                calls.add(Asyncio.async(() -> {
                    try (var response = await(session.get(server.url(path)))) {
                        return await(response.text());
                    }
                }));
            }
            double start = getRunningLoop().time();
            assertEquals(List.of("/0", "/1", "/2", "/3", "/4", "/5"), await(gather(calls)));
            assertEquals(2, server.connections.size(), "two connections per host");
            assertEquals(3.0, getRunningLoop().time() - start, 1e-6, "three rounds of two");
        });
    }

    @AsyncioTest
    void theTotalLimitHoldsAcrossHosts() throws Exception {
        Connector connector = new Connector(ConnectorOptions.DEFAULT.withLimit(2));
        int[] mostAcquired = {0};
        ScriptedServer.Script slow = (c, r) -> {
            mostAcquired[0] = Math.max(mostAcquired[0], connector.statistics().acquired());
            getRunningLoop().callLater(Duration.ofSeconds(1), () -> c.respond(200, "OK", r.target()));
        };
        ScriptedServer other = await(ScriptedServer.start(slow));
        try {
            Scenario.run(slow, SessionOptions.DEFAULT.withConnector(connector, true), (server, session) -> {
                List<Coroutine<String>> calls = new ArrayList<>();
                for (String url : List.of(server.url("/a1"), server.url("/a2"), other.url("/b1"), other.url("/b2"))) {
                    calls.add(Asyncio.async(() -> {
                        try (var response = await(session.get(url))) {
                            return await(response.text());
                        }
                    }));
                }
                double start = getRunningLoop().time();
                assertEquals(List.of("/a1", "/a2", "/b1", "/b2"), await(gather(calls)));
                assertEquals(2.0, getRunningLoop().time() - start, 1e-6, "two rounds of two, whatever the host");
                assertEquals(2, mostAcquired[0], "never more than the limit at once");
                assertEquals(2, server.connections.size());
                assertEquals(2, other.connections.size());
                assertEquals(4, connector.statistics().idle(), "idle connections do not count against the limit");
            });
        } finally {
            await(other.aclose());
        }
    }

    @AsyncioTest
    void waitingForAConnectionHasTheConnectLimit() throws Exception {
        Connector connector = new Connector(ConnectorOptions.DEFAULT.withLimit(1));
        Future<ScriptedServer.Received> arrived = getRunningLoop().createFuture();
        ScriptedServer.Script never = (c, r) -> arrived.setResult(r);
        Scenario.run(never, SessionOptions.DEFAULT.withConnector(connector, true), (server, session) -> {
            var first = Asyncio.createTask(session.get(server.url("/hang"),
                    RequestOptions.DEFAULT.withTimeout(ClientTimeout.ofTotal(Duration.ofSeconds(10)))));
            assertEquals("/hang", await(arrived).target(), "the first request holds the only connection");
            ConnectionTimeoutException e = assertThrows(ConnectionTimeoutException.class, () -> await(session.get(
                    server.url("/queued"), RequestOptions.DEFAULT.withTimeout(ClientTimeout.NONE.withConnect(Duration.ofSeconds(2))))));
            assertTrue(e.getMessage().startsWith("Connection timeout to host http://127.0.0.1:"), e.getMessage());
            assertEquals(1, connector.statistics().acquired());
            assertThrows(TotalTimeoutException.class, () -> await(first));
        });
    }

    @AsyncioTest
    void idleConnectionsExpire() throws Exception {
        Connector connector = new Connector(ConnectorOptions.DEFAULT.withKeepaliveTimeout(Duration.ofSeconds(15)));
        Scenario.run(ClientSessionTest::json, SessionOptions.DEFAULT.withConnector(connector, true), (server, session) -> {
            await(session.get(server.url("/"))).close();
            assertEquals(1, connector.statistics().idle());
            await(sleep(14));
            assertEquals(1, connector.statistics().idle());
            await(sleep(2));
            assertEquals(0, connector.statistics().idle(), "closed after 15 s of idleness");
            await(session.get(server.url("/"))).close();
            assertEquals(2, server.connections.size());
        });
    }

    @AsyncioTest
    void forceCloseAsksTheServerToClose() throws Exception {
        Connector connector = new Connector(ConnectorOptions.DEFAULT.withForceClose(true));
        Scenario.run(ClientSessionTest::json, SessionOptions.DEFAULT.withConnector(connector, true), (server, session) -> {
            await(session.get(server.url("/"))).close();
            await(session.get(server.url("/"))).close();
            assertEquals("close", server.last().headers().get("Connection"));
            assertEquals(2, server.connections.size());
        });
    }

    @AsyncioTest
    void aClosedSessionRefusesRequests() throws Exception {
        Scenario.run(ClientSessionTest::json, (server, session) -> {
            await(session.aclose());
            assertTrue(session.isClosed());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(session.get(server.url("/"))));
            assertEquals("Session is closed", e.getMessage());
        });
    }

    @AsyncioTest
    void plainHttpGoesThroughAProxy() throws Exception {
        Scenario.run((c, r) -> c.respond(200, "OK", r.target()), (proxy, session) -> {
            var options = RequestOptions.DEFAULT.withProxy(proxy.url(""))
                    .withProxyAuth(new BasicAuth("proxyuser", "secret"))
                    .withProxyHeaders(Headers.of("X-Via-Test", "1"));
            try (var response = await(session.get("http://origin.test:8080/path?q=a b#frag", options))) {
                assertEquals("http://origin.test:8080/path?q=a%20b", await(response.text()), "absolute-form target");
            }
            ScriptedServer.Received r = proxy.last();
            assertEquals("origin.test:8080", r.headers().get("Host"));
            assertEquals(new BasicAuth("proxyuser", "secret").encode(), r.headers().get("Proxy-Authorization"));
            assertEquals("1", r.headers().get("X-Via-Test"));
            await(session.get("http://origin.test:8080/again", options)).close();
            assertEquals(1, proxy.connections.size(), "the connection to the proxy is kept per target");
            await(session.get("http://other.test/", options)).close();
            assertEquals(2, proxy.connections.size());
        });
        try (var session = new ClientSession(SessionOptions.DEFAULT.withProxy(
                dev.asyncio4j.http.Url.parse("http://127.0.0.1:1"), null))) {
            ClientProxyConnectionException e = assertThrows(ClientProxyConnectionException.class,
                    () -> await(session.get("http://origin.test/")));
            assertTrue(e.getMessage().startsWith("Cannot connect to proxy 127.0.0.1:1"), e.getMessage());
        }
    }
}
