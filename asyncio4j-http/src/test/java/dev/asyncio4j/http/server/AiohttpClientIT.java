package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server against Python's aiohttp client, the peer a tutorial reader would meet. */
@Timeout(120)
class AiohttpClientIT {

    @Test
    void aiohttpClientSeesAConformingServer() throws Exception {
        Application app = new Application();
        app.router().get("/port", r -> async(() -> Response.text(
                String.valueOf(((InetSocketAddress) r.remoteAddress()).getPort()))));
        app.router().get("/json", r -> async(() -> Response.json(Map.of("message", "Hello, World!"))));
        app.router().post("/echo-json", r -> async(() -> Response.json(await(r.json()))));
        app.router().post("/echo", r -> async(() -> Response.bytes(await(r.read()), "text/plain")));
        app.router().post("/form", r -> async(() -> Response.text(await(r.post()).fields().toString())));
        app.router().post("/multipart", r -> async(() -> {
            Form form = await(r.post());
            FileField f = form.file("upload");
            return Response.text(form.get("name") + " " + f.filename() + " " + f.contentType() + " " + f.content().length);
        }));
        app.router().get("/stream", r -> async(() -> {
            StreamResponse response = new StreamResponse();
            await(response.prepare(r));
            for (int i = 0; i < 3; i++) {
                await(response.write("s" + i));
            }
            await(response.writeEof());
            return response;
        }));
        app.router().get("/cookie", r -> async(() -> Response.text("set").setCookie("session", "s3cr3t")));
        app.router().get("/cookie-echo", r -> async(() -> Response.text(r.cookies().getOrDefault("session", "none"))));
        try (ServerThread server = ServerThread.start(app)) {
            Peers.Result result = Peers.run(List.of("/usr/bin/python3",
                    Peers.resource("aiohttp_client.py").toString(), server.url("")));
            assertEquals(0, result.exitCode(), result.stderr());
            JsonNode out = new ObjectMapper().readTree(result.stdout());
            JsonNode ports = out.get("ports");
            assertEquals(ports.get(0), ports.get(1));
            assertEquals(ports.get(0), ports.get(2));
            assertEquals(ports.get(0), out.get("last_port"), "one keep-alive connection throughout");
            assertEquals("{\"message\":\"Hello, World!\"}", out.get("json").toString());
            assertEquals("application/json; charset=utf-8", out.get("json_type").asText());
            assertTrue(out.get("date").asBoolean());
            assertEquals("{\"a\":[1,2,3]}", out.get("echo_json").toString());
            assertEquals("MultiDict[name: ada, lang: python]", out.get("form").asText());
            assertEquals("bob f.bin application/x-test 100000", out.get("multipart").asText());
            assertEquals("piece 0;piece 1;piece 2;piece 3;piece 4;", out.get("chunked_upload").asText());
            assertEquals("s0s1s2", out.get("stream").asText());
            assertEquals("chunked", out.get("stream_te").asText());
            assertEquals(404, out.get("missing").asInt());
            assertEquals("[405,\"GET,HEAD\"]", out.get("not_allowed").toString());
            assertEquals("s3cr3t", out.get("cookie").asText());
            assertEquals("s3cr3t", out.get("cookie_echo").asText());
        }
    }
}
