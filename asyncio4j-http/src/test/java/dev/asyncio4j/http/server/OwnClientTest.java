package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.http.MultiDict;
import dev.asyncio4j.http.client.ClientResponse;
import dev.asyncio4j.http.client.ClientResponseException;
import dev.asyncio4j.http.client.ClientSession;
import dev.asyncio4j.http.client.FormData;
import dev.asyncio4j.http.client.Payload;
import dev.asyncio4j.http.client.RequestOptions;
import dev.asyncio4j.http.client.SessionOptions;
import dev.asyncio4j.stream.StreamReader;
import dev.asyncio4j.testing.AsyncioTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/** The server against our own client, {@link ClientSession}, over loopback: the two halves agree on HTTP/1.1. */
@Timeout(30)
class OwnClientTest {

    private record Item(String id, JsonNode body) {
    }

    private static Application app() {
        Application app = new Application();
        app.router().get("/port", r -> async(() -> Response.text(
                String.valueOf(((InetSocketAddress) r.transport().getExtraInfo("peername")).getPort()))));
        app.router().put("/items/{id:\\d+}", r -> async(() -> Response.json(Map.of("id", r.matchInfo().get("id"),
                "body", await(r.json())))));
        app.router().patch("/items/{id:\\d+}", r -> async(() -> Response.text("patched " + r.matchInfo().get("id")
                + " " + await(r.text()))));
        app.router().post("/form", r -> async(() -> {
            Form form = await(r.post());
            StringBuilder files = new StringBuilder();
            for (FileField file : form.files()) {
                files.append(' ').append(file.name()).append('=').append(file.filename()).append(':')
                        .append(file.contentType()).append(':').append(new String(file.content(), StandardCharsets.UTF_8));
            }
            return Response.text(form.fields() + files.toString());
        }));
        app.router().post("/upload", r -> async(() -> {
            long size = 0;
            StreamReader content = r.content();
            for (byte[] piece = await(content.read(8192)); piece.length > 0; piece = await(content.read(8192))) {
                size += piece.length;
            }
            return Response.text(size + " " + r.header("Transfer-Encoding"));
        }));
        app.router().get("/stream", r -> async(() -> {
            StreamResponse response = new StreamResponse();
            await(response.prepare(r));
            for (int i = 0; i < 100; i++) {
                await(response.write(("piece " + i + ";").getBytes(StandardCharsets.UTF_8)));
            }
            return response;
        }));
        app.router().get("/cookie", r -> async(() -> Response.text("set").setCookie("session", "s3cr3t")));
        app.router().get("/whoami", r -> async(() -> Response.text(r.cookies().getOrDefault("session", "none")
                + " " + r.header("User-Agent"))));
        app.router().get("/moved", r -> async(() -> {
            throw HttpException.redirect(303, "/port");
        }));
        return app;
    }

    private static String text(ClientSession session, String url) throws Exception {
        try (ClientResponse response = await(session.get(url))) {
            return await(response.text());
        }
    }

    @AsyncioTest
    void ourClientAndServerSpeakHttp11Together() throws Exception {
        TestServer server = await(TestServer.start(app()));
        String base = "http://127.0.0.1:" + server.port();
        try (var session = new ClientSession(SessionOptions.DEFAULT.withBaseUrl(base).withUnsafeCookies(true))) {
            String port = text(session, "/port");
            assertEquals(port, text(session, "/port"));

            try (var response = await(session.put("/items/7", RequestOptions.DEFAULT.withJson(Map.of("a", List.of(1, 2)))))) {
                assertEquals("application/json", response.contentType());
                Item item = await(response.json(Item.class));
                assertEquals("7", item.id());
                assertEquals("{\"a\":[1,2]}", item.body().toString());
            }
            try (var response = await(session.patch("/items/8", RequestOptions.DEFAULT.withData("héllo")))) {
                assertEquals("patched 8 héllo", await(response.text()));
            }
            try (var response = await(session.post("/form", RequestOptions.DEFAULT
                    .withForm(MultiDict.of("name", "ada lovelace", "sym", "a&b=c"))))) {
                assertEquals("MultiDict[name: ada lovelace, sym: a&b=c]", await(response.text()));
            }
            try (var response = await(session.post("/form", RequestOptions.DEFAULT.withData(new FormData()
                    .add("name", "ada")
                    .addFile("notes", "notes.txt", "first\r\n--line".getBytes(StandardCharsets.UTF_8), "text/plain")
                    .addFile("blob", "b.bin", new byte[] {'x', 'y'}, null))))) {
                assertEquals("MultiDict[name: ada] notes=notes.txt:text/plain:first\r\n--line"
                        + " blob=b.bin:application/octet-stream:xy", await(response.text()));
            }
            var chunks = Asyncio.<byte[]>asyncGenerator(emit -> {
                for (int i = 0; i < 64; i++) {
                    emit.yield(new byte[1024]);
                }
            });
            try (var response = await(session.post("/upload", RequestOptions.DEFAULT
                    .withData(Payload.stream(chunks, "application/octet-stream"))))) {
                assertEquals("65536 chunked", await(response.text()), "a streamed upload is sent chunked");
            }
            try (var response = await(session.get("/stream"))) {
                assertEquals("chunked", response.headers().get("Transfer-Encoding"));
                StringBuilder got = new StringBuilder();
                StreamReader content = response.content();
                for (byte[] piece = await(content.read(100)); piece.length > 0; piece = await(content.read(100))) {
                    got.append(new String(piece, StandardCharsets.UTF_8));
                }
                assertTrue(got.toString().startsWith("piece 0;piece 1;") && got.toString().endsWith("piece 99;"), got.toString());
            }
            try (var response = await(session.head("/port"))) {
                assertEquals(port.length(), response.contentLength());
                assertEquals(0, await(response.read()).length);
            }
            try (var response = await(session.get("/missing"))) {
                assertEquals(404, response.status());
                ClientResponseException e = assertThrows(ClientResponseException.class, response::raiseForStatus);
                assertEquals("Not Found", e.message());
            }
            try (var response = await(session.delete("/port"))) {
                assertEquals(405, response.status());
                assertEquals("GET,HEAD", response.headers().get("Allow"));
            }
            assertEquals("set", text(session, "/cookie"));
            assertEquals("s3cr3t " + ClientSession.USER_AGENT, text(session, "/whoami"));
            try (var response = await(session.get("/moved"))) {
                assertEquals(port, await(response.text()));
                assertEquals(List.of(303), response.history().stream().map(ClientResponse::status).toList());
            }
            assertEquals(port, text(session, "/port"), "every exchange kept the one connection");
            assertEquals(1, session.connector().statistics().opened());
            assertEquals(1, server.runner.connectionCount());
        }
        await(server.stop());
        assertEquals(0, server.runner.connectionCount());
    }

    @AsyncioTest
    void anUploadOverTheLimitGets413AndTheClientReadsIt() throws Exception {
        Application app = app().setClientMaxSize(64 * 1024);
        app.router().post("/read", r -> async(() -> Response.text("read " + await(r.read()).length)));
        app.router().post("/ignore", r -> async(() -> Response.text("ignored")));
        TestServer server = await(TestServer.start(app));
        String base = "http://127.0.0.1:" + server.port();
        byte[] big = new byte[4 << 20];
        try (var session = new ClientSession(SessionOptions.DEFAULT.withBaseUrl(base))) {
            for (int round = 0; round < 3; round++) {
                try (var response = await(session.post("/read", RequestOptions.DEFAULT.withData(big)))) {
                    assertEquals(413, response.status());
                    assertEquals("Maximum request body size 65536 exceeded, actual body size " + big.length,
                            await(response.text()));
                }
                try (var response = await(session.post("/ignore", RequestOptions.DEFAULT.withData(big)))) {
                    assertEquals(200, response.status());
                    assertEquals("ignored", await(response.text()));
                }
                assertEquals("read 3", readSmall(session), "the server serves on");
            }
        }
        await(server.stop());
    }

    private static String readSmall(ClientSession session) throws Exception {
        try (var response = await(session.post("/read", RequestOptions.DEFAULT.withData("abc")))) {
            return await(response.text());
        }
    }
}
