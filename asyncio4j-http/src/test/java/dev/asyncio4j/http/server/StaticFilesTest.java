package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.http.HttpMethod;
import dev.asyncio4j.http.internal.DateCache;
import dev.asyncio4j.testing.AsyncioTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Static files and FileResponse, sent with the loop's sendfile. */
@Timeout(30)
class StaticFilesTest {

    @AsyncioTest
    void filesAreServedAndTheDirectoryIsNotLeft() throws Exception {
        Path root = Files.createTempDirectory("static");
        Path dir = Files.createDirectories(root.resolve("public"));
        Files.writeString(dir.resolve("index.html"), "<h1>hi</h1>");
        Files.createDirectories(dir.resolve("css"));
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Files.write(dir.resolve("css").resolve("big.bin"), big);
        Files.writeString(root.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(dir.resolve("link.txt"), root.resolve("secret.txt"));
        Files.setLastModifiedTime(dir.resolve("index.html"), FileTime.fromMillis(1_700_000_000_000L));

        Application app = new Application();
        app.router().addStatic("/static", dir);
        app.router().get("/report", r -> async(() -> new FileResponse(dir.resolve("index.html"))));
        app.router().get("/gone", r -> async(() -> new FileResponse(dir.resolve("nothing.txt"))));
        assertThrows(IllegalArgumentException.class, () -> app.router().addStatic("/x", root.resolve("secret.txt")));
        TestServer server = await(TestServer.start(app));
        RawClient c = await(server.client());

        RawClient.Reply index = await(c.send("GET /static/index.html HTTP/1.1\r\nHost: x\r\n\r\n").reply());
        assertEquals(200, index.status());
        assertEquals("<h1>hi</h1>", index.text());
        assertEquals("text/html", index.header("Content-Type"));
        assertEquals(DateCache.format(1_700_000_000L), index.header("Last-Modified"));

        RawClient.Reply binary = await(c.send("GET /static/css/big.bin HTTP/1.1\r\nHost: x\r\n\r\n").reply());
        assertEquals(String.valueOf(big.length), binary.header("Content-Length"));
        assertEquals("application/octet-stream", binary.header("Content-Type"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(big, binary.body());

        RawClient.Reply notModified = await(c.send("GET /static/index.html HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: "
                + DateCache.format(1_700_000_100L) + "\r\n\r\n").reply());
        assertEquals(304, notModified.status());
        assertEquals(0, notModified.body().length);

        RawClient.Reply head = await(c.expectMethod(HttpMethod.HEAD)
                .send("HEAD /static/index.html HTTP/1.1\r\nHost: x\r\n\r\n").reply());
        assertEquals("11", head.header("Content-Length"));
        c.expectMethod(HttpMethod.GET);

        for (String escape : new String[] {"/static/../secret.txt", "/static/%2e%2e/secret.txt",
            "/static/css/../../secret.txt", "/static/link.txt", "/static/missing.txt", "/gone"}) {
            assertEquals(404, await(c.send("GET " + escape + " HTTP/1.1\r\nHost: x\r\n\r\n").reply()).status(), escape);
        }
        assertEquals(403, await(c.send("GET /static/css HTTP/1.1\r\nHost: x\r\n\r\n").reply()).status());
        assertEquals("<h1>hi</h1>", new String(await(c.send("GET /report HTTP/1.1\r\nHost: x\r\n\r\n").reply()).body(),
                StandardCharsets.UTF_8));
        await(server.stop());
    }

    /**
     * The kernel copies the file (sendfile, through FileChannel.transferTo): the JVM never reads
     * it, which JFR's file-read events show. Reading the file once ourselves, during the same
     * recording, proves the recording would have seen a read.
     */
    @Test
    void theFileIsSentByTheKernelNotReadByTheServer() throws Exception {
        Path dir = Files.createTempDirectory("sendfile");
        byte[] big = new byte[1 << 20];
        new java.util.Random(3).nextBytes(big);
        Path served = Files.write(dir.resolve("served.bin"), big);
        Path control = Files.write(dir.resolve("control.bin"), big);
        List<String> reads = new CopyOnWriteArrayList<>();
        try (RecordingStream recording = new RecordingStream()) {
            recording.enable("jdk.FileRead").withThreshold(Duration.ZERO);
            recording.onEvent("jdk.FileRead", event -> reads.add(event.getString("path")));
            recording.startAsync();
            Asyncio.run(async(() -> {
                Application app = new Application();
                app.router().addStatic("/static", dir);
                TestServer server = await(TestServer.start(app));
                RawClient c = await(server.client());
                RawClient.Reply reply = await(c.send("GET /static/served.bin HTTP/1.1\r\nHost: x\r\n\r\n").reply());
                org.junit.jupiter.api.Assertions.assertArrayEquals(big, reply.body());
                c.close();
                await(server.stop());
            }));
            assertEquals(big.length, Files.readAllBytes(control).length);
            recording.stop();
        }
        assertTrue(reads.contains(control.toString()), "the recording sees reads: " + reads);
        assertFalse(reads.contains(served.toString()), "the served file was read by the JVM: " + reads);
    }
}
