package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncio4j.testing.AsyncioTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** The client against scripted servers: requests, responses, keep-alive. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientSessionTest {

    @AsyncioTest
    void getsSmallJsonAndReusesTheConnection() throws Exception {
        long fds = Leaks.openDescriptors();
        ScriptedServer server = await(ScriptedServer.start((c, r) ->
                c.respond(200, "OK", "{\"hello\":\"world\"}", "Content-Type", "application/json")));
        try (var session = new ClientSession()) {
            try (var response = await(session.get(server.url("/small.json")))) {
                assertEquals(200, response.status());
                assertEquals("OK", response.reason());
                assertEquals("application/json", response.contentType());
                JsonNode json = await(response.json());
                assertEquals("world", json.get("hello").asText());
            }
            try (var response = await(session.get(server.url("/small.json")))) {
                assertArrayEquals("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8), await(response.read()));
                assertEquals("{\"hello\":\"world\"}", await(response.text()));
            }
            assertEquals(1, server.connections.size(), "one connection for both requests");
            assertEquals(1, session.connector().statistics().reused());
            ScriptedServer.Received first = server.received.get(0);
            assertEquals("GET", first.method());
            assertEquals("/small.json", first.target());
            assertEquals("127.0.0.1:" + server.port(), first.headers().get("Host"));
            assertTrue(first.headers().get("User-Agent").startsWith("asyncio4j/"), first.headers().toString());
            assertEquals("gzip, deflate", first.headers().get("Accept-Encoding"));
            assertEquals("*/*", first.headers().get("Accept"));
            Leaks.assertPoolEmpty(session);
        }
        await(server.aclose());
        Leaks.assertDescriptorsBackTo(fds);
    }
}
