package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.testing.AsyncioTest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Redirects as aiohttp follows them: methods, bodies, history, limits, credentials. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientRedirectTest {

    /** {@code /<status>/<rest>} redirects with that status to {@code /<rest>}; anything else echoes. */
    private static void redirector(ScriptedServer.Connection c, ScriptedServer.Received r) {
        String[] parts = r.target().split("/", 3);
        if (parts.length == 3 && parts[1].matches("30[1-8]")) {
            c.respond(Integer.parseInt(parts[1]), "Redirect", "moved", "Location", "/" + parts[2]);
        } else {
            c.respond(200, "OK", r.method() + " " + r.target() + " " + r.bodyText());
        }
    }

    @AsyncioTest
    void methodsAndBodiesFollowEachStatus() throws Exception {
        Scenario.run(ClientRedirectTest::redirector, (server, session) -> {
            RequestOptions post = RequestOptions.DEFAULT.withData("payload");
            // 301 and 302 turn a POST into a GET without body; other methods are kept.
            for (String status : List.of("301", "302")) {
                try (var response = await(session.post(server.url("/" + status + "/done"), post))) {
                    assertEquals("GET /done ", await(response.text()));
                    assertEquals(1, response.history().size());
                    assertEquals(Integer.parseInt(status), response.history().get(0).status());
                    assertEquals(server.url("/done"), response.url().toString());
                }
                assertNull(server.last().headers().get("Content-Length"));
                try (var response = await(session.put(server.url("/" + status + "/done"), post))) {
                    assertEquals("PUT /done payload", await(response.text()));
                }
            }
            // 303 turns anything but HEAD into a GET.
            try (var response = await(session.put(server.url("/303/done"), post))) {
                assertEquals("GET /done ", await(response.text()));
            }
            try (var response = await(session.head(server.url("/303/done"), RequestOptions.DEFAULT))) {
                assertEquals(200, response.status());
                assertEquals("HEAD", server.last().method());
            }
            // 307 and 308 keep the method and the body.
            for (String status : List.of("307", "308")) {
                try (var response = await(session.post(server.url("/" + status + "/done"), post))) {
                    assertEquals("POST /done payload", await(response.text()));
                }
            }
            assertEquals(1, server.connections.size(), "redirects reuse the connection");
        });
    }

    @AsyncioTest
    void aStreamedBodyIsNotSentTwice() throws Exception {
        Scenario.run(ClientRedirectTest::redirector, (server, session) -> {
            var chunks = dev.asyncio4j.Asyncio.<byte[]>asyncGenerator(emit -> emit.yield("once".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
            try (var response = await(session.post(server.url("/307/done"), RequestOptions.DEFAULT
                    .withData(Payload.stream(chunks, "text/plain"))))) {
                assertEquals(307, response.status(), "a stream read once cannot follow a 307");
                assertEquals("moved", await(response.text()));
                assertEquals(List.of(), response.history());
            }
            var more = dev.asyncio4j.Asyncio.<byte[]>asyncGenerator(emit -> emit.yield("x".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
            try (var response = await(session.post(server.url("/303/done"), RequestOptions.DEFAULT
                    .withData(Payload.stream(more, "text/plain"))))) {
                assertEquals("GET /done ", await(response.text()), "a 303 needs no body again");
            }
            assertEquals(1, server.connections.size());
        });
    }

    @AsyncioTest
    void relativeLocationsChainsAndNoFollow() throws Exception {
        Scenario.run((c, r) -> {
            switch (r.target()) {
                case "/a/b" -> c.respond(302, "Found", "", "Location", "c?x=1");
                case "/a/c?x=1" -> c.respond(301, "Moved Permanently", "", "Location", "../d");
                case "/no-location" -> c.respond(302, "Found", "stay");
                default -> c.respond(200, "OK", r.target());
            }
        }, (server, session) -> {
            try (var response = await(session.get(server.url("/a/b")))) {
                assertEquals("/d", await(response.text()));
                assertEquals(List.of(302, 301), response.history().stream().map(ClientResponse::status).toList());
                assertEquals(server.url("/a/b"), response.history().get(0).url().toString());
                assertTrue(response.history().get(0).isClosed());
            }
            try (var response = await(session.get(server.url("/a/b"), RequestOptions.DEFAULT.withAllowRedirects(false)))) {
                assertEquals(302, response.status());
                assertEquals("c?x=1", response.headers().get("Location"));
            }
            try (var response = await(session.get(server.url("/no-location")))) {
                assertEquals(302, response.status(), "without Location the redirect is the answer");
                assertEquals("stay", await(response.text()));
            }
        });
    }

    @AsyncioTest
    void aRedirectLoopStopsAtMaxRedirects() throws Exception {
        Scenario.run((c, r) -> c.respond(302, "Found", "", "Location", r.target().equals("/ping") ? "/pong" : "/ping"),
                (server, session) -> {
                    TooManyRedirectsException e = assertThrows(TooManyRedirectsException.class,
                            () -> await(session.get(server.url("/ping"))));
                    assertEquals(10, e.history().size(), "aiohttp's default of 10");
                    assertEquals(10, server.received.size());
                    assertEquals(server.url("/ping"), e.requestInfo().url().toString());
                    assertTrue(e.history().stream().allMatch(ClientResponse::isClosed));
                    e = assertThrows(TooManyRedirectsException.class, () -> await(session.get(server.url("/ping"),
                            RequestOptions.DEFAULT.withMaxRedirects(3))));
                    assertEquals(3, e.history().size());
                    assertEquals(1, server.connections.size());
                });
    }

    @AsyncioTest
    void credentialsStayWithTheirOrigin() throws Exception {
        ScriptedServer other = await(ScriptedServer.start((c, r) -> c.respond(200, "OK", "other")));
        try {
            Scenario.run((c, r) -> {
                switch (r.target()) {
                    case "/away" -> c.respond(302, "Found", "", "Location", other.url("/landed"));
                    case "/near" -> c.respond(307, "Temporary Redirect", "", "Location", "/landed");
                    default -> c.respond(200, "OK", "home");
                }
            }, SessionOptions.DEFAULT.withUnsafeCookies(true), (server, session) -> {
                RequestOptions secret = RequestOptions.DEFAULT.withAuth(new BasicAuth("u", "p"))
                        .withHeaders("Cookie", "k=v", "X-Keep", "1");
                await(session.get(server.url("/near"), secret)).close();
                assertEquals("Basic dTpw", server.last().headers().get("Authorization"));
                assertEquals("k=v", server.last().headers().get("Cookie"));
                await(session.get(server.url("/away"), secret)).close();
                ScriptedServer.Received landed = other.last();
                assertNull(landed.headers().get("Authorization"), "credentials dropped across origins");
                assertNull(landed.headers().get("Cookie"));
                assertEquals("1", landed.headers().get("X-Keep"));
                await(session.get(server.url("/away"), RequestOptions.DEFAULT
                        .withHeaders("Authorization", "Bearer t"))).close();
                assertNull(other.last().headers().get("Authorization"));
            });
        } finally {
            await(other.aclose());
        }
    }

    @AsyncioTest
    void redirectsOnlyToHttp() throws Exception {
        Scenario.run((c, r) -> c.respond(302, "Found", "", "Location", r.target().equals("/ftp") ? "ftp://x/y" : "http://[bad"),
                (server, session) -> {
                    InvalidUrlException e = assertThrows(InvalidUrlException.class, () -> await(session.get(server.url("/ftp"))));
                    assertEquals("ftp://x/y", e.url());
                    assertTrue(e.getMessage().contains("Can redirect only to http or https"), e.getMessage());
                    e = assertThrows(InvalidUrlException.class, () -> await(session.get(server.url("/bad"))));
                    assertEquals("http://[bad", e.url());
                });
    }
}
