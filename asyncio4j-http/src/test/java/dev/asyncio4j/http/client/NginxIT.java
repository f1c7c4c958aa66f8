package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.gather;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against nginx (Debian's package), started with the test's own configuration on a
 * loopback port the OS chose: static JSON, gzip (sent chunked), keep-alive checked in nginx's
 * own access log, redirects, errors, and a hundred requests at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NginxIT {

    private static final String SMALL = "{\"kind\":\"Listing\",\"data\":{\"children\":[{\"data\":{\"score\":42,"
            + "\"title\":\"asyncio4j\",\"url\":\"https://example.com\"}}]}}";

    @TempDir
    static Path dir;
    static Peer nginx;
    static byte[] large;
    static TestCertificates certs;

    static String template() {
        boolean root = "root".equals(System.getProperty("user.name"));
        return (root ? "user root;\n" : "") + """
                worker_processes 1;
                pid nginx.pid;
                events { worker_connections 1024; }
                http {
                    log_format reuse '$connection $connection_requests $request_method $request_uri $status';
                    access_log logs/access.log reuse;
                    types { application/json json; text/plain txt; }
                    default_type application/octet-stream;
                    client_body_temp_path tmp/body;
                    proxy_temp_path tmp/proxy;
                    fastcgi_temp_path tmp/fastcgi;
                    uwsgi_temp_path tmp/uwsgi;
                    scgi_temp_path tmp/scgi;
                    keepalive_requests 100000;
                    keepalive_timeout 60s;
                    server {
                        listen 127.0.0.1:@PORT0@;
                        root www;
                        location /gzip/ {
                            gzip on;
                            gzip_types application/json text/plain;
                            gzip_min_length 0;
                        }
                        location = /old { return 301 /small.json; }
                        location = /found { return 302 /old; }
                        location = /temporary { return 307 /small.json; }
                        location = /loop { return 302 /loop; }
                    }
                    server {
                        listen 127.0.0.1:@PORT1@ ssl;
                        ssl_certificate @CERT@;
                        ssl_certificate_key @KEY@;
                        root www;
                    }
                }
                """;
    }

    @BeforeAll
    static void startNginx() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.createDirectories(www.resolve("gzip"));
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(www.resolve("small.json"), SMALL);
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            big.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append(",\"text\":\"item number ").append(i).append("\"}");
        }
        large = big.append("]").toString().getBytes(StandardCharsets.UTF_8);
        Files.write(www.resolve("gzip/large.json"), large);
        Files.write(www.resolve("large.json"), large);
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        certs = TestCertificates.make(Files.createDirectories(dir.resolve("tls")), "DNS:localhost,IP:127.0.0.1");
        try (var paths = Files.walk(dir.resolve("tls"))) {
            for (Path p : paths.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Path template = dir.resolve("nginx.conf.in");
        Files.writeString(template, template().replace("@CERT@", certs.chain().toString())
                .replace("@KEY@", certs.key().toString()));
        nginx = Peer.start(dir, List.of("/usr/bin/python3", Peer.resource("nginx_on_free_ports.py").toString(),
                template.toString(), dir.resolve("nginx.conf").toString(), "2"));
    }

    @AfterAll
    static void stopNginx() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + nginx.port() + path;
    }

    /**
     * The access log lines of the requests tagged {@code tag} (a query string only that test
     * sends), waiting for {@code count} of them: nginx writes a request's line after sending its
     * response, so the client may have read it first. Each write of the log wakes the wait (a
     * WatchService: inotify on Linux); after ten seconds without enough lines it returns what
     * there is, for the caller's assertion to show. Call in a task.
     */
    private static List<String> logLines(String tag, int count) throws Exception {
        Path log = dir.resolve("logs/access.log");
        return await(Asyncio.toThread(() -> {
            try (WatchService watcher = log.getFileSystem().newWatchService()) {
                // Watching starts before the first read, so no write between the two is missed.
                log.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (true) {
                    List<String> lines = Files.readAllLines(log).stream().filter(line -> line.contains(tag)).toList();
                    long left = deadline - System.nanoTime();
                    WatchKey written = lines.size() >= count || left <= 0 ? null : watcher.poll(left, TimeUnit.NANOSECONDS);
                    if (written == null) {
                        return lines;
                    }
                    written.pollEvents();
                    written.reset();
                }
            }
        }));
    }

    @Test
    void staticJsonOverOneKeptAliveConnection() throws Exception {
        Asyncio.run(async(() -> {
            try (var session = new ClientSession()) {
                for (int i = 0; i < 20; i++) {
                    try (var response = await(session.get(url("/small.json?kept-alive")))) {
                        assertEquals(200, response.status());
                        assertEquals("application/json", response.contentType());
                        JsonNode listing = await(response.json());
                        assertEquals("asyncio4j", listing.at("/data/children/0/data/title").asText());
                    }
                }
                assertEquals(1, session.connector().statistics().opened());
            }
            List<String> lines = logLines("?kept-alive", 20);
            assertEquals(20, lines.size(), lines.toString());
            String connection = lines.get(0).split(" ")[0];
            for (int i = 0; i < 20; i++) {
                String[] fields = lines.get(i).split(" ");
                assertEquals(connection, fields[0], "nginx saw one connection: " + lines);
                assertEquals(String.valueOf(i + 1), fields[1], "request number on that connection");
                assertEquals("GET /small.json?kept-alive 200", fields[2] + " " + fields[3] + " " + fields[4]);
            }
        }));
    }

    @Test
    void gzipSentChunkedIsDecoded() throws Exception {
        Asyncio.run(async(() -> {
            try (var session = new ClientSession()) {
                try (var response = await(session.get(url("/gzip/large.json")))) {
                    assertEquals("gzip", response.headers().get("Content-Encoding"));
                    assertEquals("chunked", response.headers().get("Transfer-Encoding"));
                    assertArrayEquals(large, await(response.read()));
                }
                try (var response = await(session.get(url("/gzip/large.json"), RequestOptions.DEFAULT.withSkipAutoHeaders("Accept-Encoding")))) {
                    assertEquals(null, response.headers().get("Content-Encoding"));
                    assertArrayEquals(large, await(response.read()));
                }
                try (var response = await(session.get(url("/large.json")))) {
                    var content = response.content();
                    int total = 0;
                    for (byte[] piece = await(content.read(16 * 1024)); piece.length > 0; piece = await(content.read(16 * 1024))) {
                        total += piece.length;
                    }
                    assertEquals(large.length, total);
                }
                assertEquals(1, session.connector().statistics().opened());
            }
        }));
    }

    @Test
    void redirectsAndErrors() throws Exception {
        Asyncio.run(async(() -> {
            try (var session = new ClientSession()) {
                try (var response = await(session.get(url("/found")))) {
                    assertEquals(200, response.status());
                    assertEquals(List.of(302, 301), response.history().stream().map(ClientResponse::status).toList());
                    assertEquals(url("/small.json"), response.url().toString());
                    assertEquals(SMALL, await(response.text()));
                }
                try (var response = await(session.post(url("/temporary"), RequestOptions.DEFAULT.withJson(List.of(1))))) {
                    assertEquals(405, response.status(), "307 keeps the POST, which nginx refuses for a static file");
                }
                assertThrows(TooManyRedirectsException.class, () -> await(session.get(url("/loop"))));
                try (var response = await(session.get(url("/missing.json")))) {
                    assertEquals(404, response.status());
                    assertEquals("Not Found", response.reason());
                    assertThrows(ClientResponseException.class, response::raiseForStatus);
                }
                try (var response = await(session.head(url("/small.json")))) {
                    assertEquals(SMALL.length(), response.contentLength());
                }
            }
        }));
    }

    @Test
    void aHundredConcurrentRequests() throws Exception {
        Asyncio.run(async(() -> {
            try (var session = new ClientSession()) {
                for (int round = 0; round < 3; round++) {
                    List<Coroutine<Integer>> calls = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        calls.add(async(() -> {
                            try (var response = await(session.get(url("/small.json")))) {
                                return await(response.read()).length;
                            }
                        }));
                    }
                    for (int length : await(gather(calls))) {
                        assertEquals(SMALL.length(), length);
                    }
                }
                ConnectorStatistics stats = session.connector().statistics();
                assertTrue(stats.opened() <= 100, stats.toString());
                assertTrue(stats.reused() >= 200, stats.toString());
            }
        }));
    }

    @Test
    void httpsWithACertificateTheTestMade() throws Exception {
        Asyncio.run(async(() -> {
            String https = "https://127.0.0.1:" + nginx.port(1) + "/small.json?tls";
            try (var session = new ClientSession()) {
                assertThrows(ClientSslException.class, () -> await(session.get(https)), "the test CA is not the JDK's");
                RequestOptions trusted = RequestOptions.DEFAULT.withSsl(certs.client());
                for (int i = 0; i < 5; i++) {
                    try (var response = await(session.get(https, trusted))) {
                        assertEquals(SMALL, await(response.text()));
                    }
                }
                TunnelProxy proxy = await(TunnelProxy.start(null));
                try {
                    try (var response = await(session.get("https://localhost:" + nginx.port(1) + "/small.json?tls",
                            trusted.withProxy(proxy.url())))) {
                        assertEquals(SMALL, await(response.text()));
                    }
                    assertEquals(1, proxy.connects.size());
                } finally {
                    await(proxy.aclose());
                }
            }
            List<String> lines = logLines("?tls", 6);
            assertEquals(6, lines.size(), lines.toString());
            for (int i = 0; i < 5; i++) {
                assertEquals(lines.get(0).split(" ")[0], lines.get(i).split(" ")[0], "one TLS connection: " + lines);
                assertEquals(String.valueOf(i + 1), lines.get(i).split(" ")[1]);
            }
        }));
    }
}
