package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.http.MultiDict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against Python's servers (Debian's python3 and python3-aiohttp) for what nginx does
 * not show: cookies, request bodies and forms as aiohttp reads them, slow chunked streams, deflate, a 307
 * with a body, a stalled body, and http.server's HTTP/1.0 close-delimited responses.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PythonPeersIT {

    @TempDir
    static Path dir;
    static Peer aiohttp;
    static Peer httpServer;

    @BeforeAll
    static void start() throws Exception {
        aiohttp = Peer.start(dir, List.of("/usr/bin/python3", Peer.resource("aiohttp_peer.py").toString()));
        httpServer = Peer.start(dir, List.of("/usr/bin/python3", Peer.resource("http_server_peer.py").toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (aiohttp != null) {
            aiohttp.close();
        }
        if (httpServer != null) {
            httpServer.close();
        }
    }

    private static String aio(String path) {
        return "http://127.0.0.1:" + aiohttp.port() + path;
    }

    @Test
    void cookiesSetByAiohttpComeBack() throws Exception {
        Asyncio.run(async(() -> {
            try (var session = new ClientSession(SessionOptions.DEFAULT.withUnsafeCookies(true))) {
                try (var response = await(session.get(aio("/cookies/set")))) {
                    assertEquals("s3cr3t", response.cookies().get("session"));
                    // Read whole, or closing the response would close its connection (as in aiohttp).
                    await(response.read());
                }
                try (var response = await(session.get(aio("/cookies")))) {
                    assertEquals(Map.of("session", "s3cr3t", "theme", "dark"),
                            session.options().jsonMapper().convertValue(await(response.json()), Map.class));
                }
                try (var response = await(session.get(aio("/echo")))) {
                    await(response.read());
                }
                assertEquals(1, session.connector().statistics().opened(), "aiohttp keeps the connection alive: " + session.connector().statistics());
            }
        }));
    }

    @Test
    void requestBodiesAsAiohttpReadsThem() throws Exception {
        Asyncio.run(async(() -> {
            try (var session = new ClientSession()) {
                JsonNode echo;
                try (var response = await(session.post(aio("/echo"), RequestOptions.DEFAULT
                        .withJson(Map.of("name", "café")).withParams("page", "2")))) {
                    echo = await(response.json());
                }
                assertEquals("POST", echo.get("method").asText());
                assertEquals("application/json", echo.get("content_type").asText());
                assertEquals("{\"name\":\"café\"}", echo.get("body").asText());
                assertEquals("2", echo.at("/query/page").asText());
                try (var response = await(session.put(aio("/echo"), RequestOptions.DEFAULT
                        .withForm(MultiDict.of("a", "1 2", "b", "&"))))) {
                    echo = await(response.json());
                }
                assertEquals("a=1+2&b=%26", echo.get("body").asText());
                var parts = Asyncio.<byte[]>asyncGenerator(emit -> {
                    for (int i = 0; i < 4; i++) {
                        emit.yield(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                });
                try (var response = await(session.post(aio("/echo"), RequestOptions.DEFAULT
                        .withData(Payload.stream(parts, "text/plain"))))) {
                    echo = await(response.json());
                }
                assertEquals("chunked", echo.get("transfer_encoding").asText());
                assertEquals("line 0\nline 1\nline 2\nline 3\n", echo.get("body").asText());
                try (var response = await(session.post(aio("/redirect307"), RequestOptions.DEFAULT.withData("kept")))) {
                    echo = await(response.json());
                    assertEquals(307, response.history().get(0).status());
                }
                assertEquals("POST", echo.get("method").asText());
                assertEquals("kept", echo.get("body").asText());
            }
        }));
    }

    @Test
    void formsAsAiohttpReadsThem() throws Exception {
        Asyncio.run(async(() -> {
            try (var session = new ClientSession()) {
                JsonNode form;
                try (var response = await(session.post(aio("/form"), RequestOptions.DEFAULT.withData(new FormData()
                        .add("name", "café").add("tag", "a").add("tag", "b")
                        .addFile("upload", "report.csv", "x,y\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8), "text/csv"))))) {
                    form = await(response.json());
                }
                assertEquals("multipart/form-data", form.get("content_type").asText());
                assertEquals("café", form.at("/fields/name/0").asText());
                assertEquals("b", form.at("/fields/tag/1").asText());
                assertEquals("report.csv", form.at("/fields/upload/0/filename").asText());
                assertEquals("text/csv", form.at("/fields/upload/0/content_type").asText());
                assertEquals("x,y\r\n1,2\r\n", form.at("/fields/upload/0/content").asText());
                try (var response = await(session.post(aio("/form"), RequestOptions.DEFAULT.withData(new FormData()
                        .add("q", "a b&c"))))) {
                    form = await(response.json());
                }
                assertEquals("application/x-www-form-urlencoded", form.get("content_type").asText());
                assertEquals("a b&c", form.at("/fields/q/0").asText());
            }
        }));
    }

    @Test
    void streamedAndDeflatedResponses() throws Exception {
        Asyncio.run(async(() -> {
            try (var session = new ClientSession()) {
                try (var response = await(session.get(aio("/stream?n=6")))) {
                    assertEquals("chunked", response.headers().get("Transfer-Encoding"));
                    List<String> lines = new ArrayList<>();
                    for (byte[] line : response.content()) {
                        lines.add(new String(line, StandardCharsets.UTF_8).strip());
                    }
                    assertEquals(List.of("chunk 0", "chunk 1", "chunk 2", "chunk 3", "chunk 4", "chunk 5"), lines);
                }
                try (var response = await(session.get(aio("/deflate")))) {
                    assertEquals("deflate", response.headers().get("Content-Encoding"));
                    assertEquals("deflated ".repeat(200), await(response.text()));
                }
            }
        }));
    }

    @Test
    void aStalledBodyMeetsTheReadTimeout() throws Exception {
        Asyncio.run(async(() -> {
            try (var session = new ClientSession(SessionOptions.DEFAULT.withTimeout(
                    ClientTimeout.DEFAULT.withSockRead(Duration.ofMillis(300))))) {
                try (var response = await(session.get(aio("/stall")))) {
                    assertEquals(200, response.status());
                    assertThrows(SocketReadTimeoutException.class, () -> await(response.read()));
                }
                Leaks.assertPoolEmpty(session);
                assertEquals(0, session.connector().statistics().idle(), "the stalled connection was dropped");
            }
        }));
    }

    @Test
    void httpServerCloseDelimitedAndKeptAlive() throws Exception {
        Asyncio.run(async(() -> {
            try (var session = new ClientSession()) {
                for (int i = 0; i < 2; i++) {
                    try (var response = await(session.get("http://127.0.0.1:" + httpServer.port(0) + "/ten"))) {
                        assertEquals("HTTP/1.0", response.version().toString());
                        assertEquals(-1, response.contentLength());
                        assertEquals("close-delimited /ten", await(response.text()));
                    }
                }
                assertEquals(2, session.connector().statistics().opened(), "HTTP/1.0 without keep-alive closes");
                for (int i = 0; i < 3; i++) {
                    try (var response = await(session.get("http://127.0.0.1:" + httpServer.port(1) + "/eleven"))) {
                        assertEquals("kept alive /eleven", await(response.text()));
                    }
                }
                assertEquals(3, session.connector().statistics().opened());
            }
        }));
    }
}
