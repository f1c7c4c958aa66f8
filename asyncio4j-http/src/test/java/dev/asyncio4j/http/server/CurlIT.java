package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server against curl: HTTP/1.1 features as a real client uses them. */
@Timeout(120)
class CurlIT {
    private static ServerThread server;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("curlit");
        byte[] big = new byte[2_000_000];
        new java.util.Random(7).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        Application app = new Application();
        app.setClientMaxSize(10_000_000);
        // The client's port: equal ports across requests mean one reused connection.
        app.router().get("/port", r -> async(() -> Response.text(
                String.valueOf(((InetSocketAddress) r.remoteAddress()).getPort()) + "\n")));
        app.router().get("/json", r -> async(() -> Response.json(Map.of("message", "Hello, World!"))));
        app.router().post("/size", r -> async(() -> Response.text(await(r.read()).length + " "
                + r.header("Transfer-Encoding") + " " + r.header("Expect") + "\n")));
        app.router().post("/form", r -> async(() -> {
            Form form = await(r.post());
            FileField f = form.file("upload");
            return Response.text(form.get("name") + " " + f.filename() + " " + f.content().length + "\n");
        }));
        app.router().get("/stream", r -> async(() -> {
            StreamResponse response = new StreamResponse();
            await(response.prepare(r));
            for (int i = 0; i < 5; i++) {
                await(response.write("line " + i + "\n"));
            }
            return response;
        }));
        app.router().addStatic("/static", dir);
        server = ServerThread.start(app);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Peers.Result curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "--http1.1", "-sS", "--max-time", "30"));
        command.addAll(List.of(args));
        Peers.Result result = Peers.run(command);
        assertEquals(0, result.exitCode(), result.stderr());
        return result;
    }

    @Test
    void keepAliveReusesOneConnectionAcrossUrlsAndNext() throws Exception {
        String[] ports = curl(server.url("/port"), server.url("/port"), server.url("/port")).stdout().split("\n");
        assertEquals(3, ports.length);
        assertEquals(ports[0], ports[1]);
        assertEquals(ports[0], ports[2]);
        Peers.Result next = curl("-v", server.url("/port"), "--next", "-d", "x=1", server.url("/size"),
                "--next", server.url("/port"));
        String[] lines = next.stdout().split("\n");
        assertEquals(lines[0], lines[2], next.stdout());
        assertTrue(next.stderr().contains("Re-using existing connection"), next.stderr());
    }

    @Test
    void jsonHeadAndStreaming() throws Exception {
        assertEquals("{\"message\":\"Hello, World!\"}", curl(server.url("/json")).stdout());
        String head = curl("-I", server.url("/json")).stdout();
        assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
        assertTrue(head.contains("Content-Length: 27\r\n"), head);
        String streamed = curl("-i", server.url("/stream")).stdout();
        assertTrue(streamed.contains("Transfer-Encoding: chunked"), streamed);
        assertTrue(streamed.endsWith("line 0\nline 1\nline 2\nline 3\nline 4\n"), streamed);
    }

    @Test
    void uploadsChunkedExpectContinueAndForms() throws Exception {
        Path file = dir.resolve("big.bin");
        long start = System.nanoTime();
        // curl asks for 100 Continue by itself for a large chunked upload.
        assertEquals("2000000 chunked 100-continue\n", curl("-H", "Transfer-Encoding: chunked", "--data-binary",
                "@" + file, server.url("/size")).stdout());
        assertTrue(System.nanoTime() - start < 900_000_000L, "curl got 100 Continue instead of waiting out its 1 s");
        start = System.nanoTime();
        assertEquals("2000000 null 100-continue\n", curl("-H", "Expect: 100-continue", "--data-binary", "@" + file,
                server.url("/size")).stdout());
        assertTrue(System.nanoTime() - start < 900_000_000L, "curl got 100 Continue instead of waiting out its 1 s");
        assertEquals("ada big.bin 2000000\n", curl("-F", "name=ada", "-F", "upload=@" + file, server.url("/form")).stdout());
    }

    @Test
    void anUploadTheHandlerRefusesOrIgnoresStillGetsItsAnswer() throws Exception {
        Application small = new Application().setClientMaxSize(64 * 1024);
        small.router().post("/read", r -> async(() -> Response.text("read " + await(r.read()).length + "\n")));
        small.router().post("/ignore", r -> async(() -> Response.text("ignored\n")));
        Path file = dir.resolve("big.bin");
        try (ServerThread other = ServerThread.start(small)) {
            for (String expect : List.of("Expect: 100-continue", "Expect:")) {
                String refused = curl("-H", expect, "--data-binary", "@" + file, "-w", "%{http_code}",
                        other.url("/read")).stdout();
                assertEquals("Maximum request body size 65536 exceeded, actual body size 2000000413", refused, expect);
                assertEquals("ignored\n200", curl("-H", expect, "--data-binary", "@" + file, "-w", "%{http_code}",
                        other.url("/ignore")).stdout(), expect);
            }
        }
    }

    @Test
    void staticFileDownloadMatches() throws Exception {
        Path out = dir.resolve("downloaded.bin");
        curl("-o", out.toString(), server.url("/static/big.bin"));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("big.bin")), Files.readAllBytes(out)));
        String notFound = curl("-i", server.url("/static/../../etc/passwd")).stdout();
        assertTrue(notFound.startsWith("HTTP/1.1 404"), notFound);
    }
}
