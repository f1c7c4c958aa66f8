package dev.asyncio4j.examples.cli;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.examples.ChildCommand;
import dev.asyncio4j.examples.ChildCommand.Launch;
import dev.asyncio4j.examples.Output;
import dev.asyncio4j.http.client.ClientResponse;
import dev.asyncio4j.http.client.ClientSession;
import dev.asyncio4j.http.client.RequestOptions;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code asyncio4j echo-server} and {@code http-server} in child JVMs, as a user runs them: each
 * says where it listens, serves, and stops cleanly on a real Ctrl-C (SIGINT). A port in use is one
 * line and exit status 1.
 */
@Timeout(120)
class ServersIT {

    private static int port(String line, String regex) {
        Matcher m = Pattern.compile(regex).matcher(line);
        assertTrue(m.matches(), line);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void theEchoServerEchoesAndStopsOnCtrlCClosingItsClients() throws Exception {
        try (ChildCommand child = ChildCommand.start(Launch.MODULE_PATH_FAST, Main.class, "echo-server", "--port", "0")) {
            int port = port(child.awaitLine("echo server listening on "),
                    "echo server listening on 127\\.0\\.0\\.1:(\\d+); stop it with Ctrl-C");
            try (Socket idle = new Socket("127.0.0.1", port)) {
                try (Socket client = new Socket("127.0.0.1", port)) {
                    client.getOutputStream().write("hello\n".getBytes(UTF_8));
                    assertEquals("hello\n", new String(client.getInputStream().readNBytes(6), UTF_8));
                    client.shutdownOutput();
                    assertEquals(-1, client.getInputStream().read(), "the server closes after the client's EOF");
                }
                child.awaitLine("127.0.0.1:" + idle.getLocalPort() + " connected");
                child.interrupt();

                assertEquals(-1, idle.getInputStream().read(), "Ctrl-C closes the clients still connected");
                assertEquals(0, child.exitStatus());
            }
            List<String> stdout = child.stdout();
            assertTrue(stdout.stream().anyMatch(line -> line.matches("127\\.0\\.0\\.1:\\d+ closed, 6 bytes echoed")),
                    stdout::toString);
            assertEquals("echo server stopped", stdout.getLast());
            assertEquals(1, child.stderr().size(), () -> "only the start-up line: " + child.stderr());
        }
    }

    @Test
    void theHttpServerServesJsonAndTheListingsAndStopsOnCtrlC() throws Exception {
        try (ChildCommand child = ChildCommand.start(Launch.MODULE_PATH_FAST, Main.class, "http-server", "--port", "0")) {
            int port = port(child.awaitLine("serving on "),
                    "serving on http://127\\.0\\.0\\.1:(\\d+); try: curl http://127\\.0\\.0\\.1:\\d+/hello/asyncio "
                            + "\\(Ctrl-C to stop\\)");
            String url = "http://127.0.0.1:" + port;
            assertEquals("200 {\"message\":\"Hello, world!\"}", request("GET", url + "/hello/world", null));
            assertEquals("200 {\"received\":{\"a\":[1,2]}}", request("POST", url + "/echo", "{\"a\": [1, 2]}"));
            String notJson = request("POST", url + "/echo", "nope");
            assertTrue(notJson.startsWith("400 {\"error\":\"the body is not JSON: Unrecognized token 'nope'"), notJson);

            Output out = new Output();
            Output err = new Output();
            assertEquals(0, Main.run(out.stream(), err.stream(), "reddit", "--base-url", url, "--limit", "1", "java"));
            assertEquals(List.of("412: JDK 25 is now generally available (https://openjdk.org/projects/jdk/25/)",
                    "DONE: java", ""), out.lines());

            child.interrupt();
            assertEquals(0, child.exitStatus());
            assertEquals("http server stopped", child.stdout().getLast());
            List<String> stderr = child.stderr();
            assertTrue(stderr.stream().anyMatch(line -> line.matches(
                    "INFO: 127\\.0\\.0\\.1 \\[.*\\] \"GET /hello/world HTTP/1\\.1\" 200 \\d+ \"-\" \".*\"")),
                    () -> "the access log: " + stderr);
            assertTrue(stderr.stream().anyMatch(line -> line.contains("\"GET /r/java/top.json?sort=top&t=day&limit=1 "
                    + "HTTP/1.1\" 200")), () -> "the access log: " + stderr);
        }
    }

    /** "status body" of a request made with asyncio4j's own client. */
    private static String request(String method, String url, String body) throws Exception {
        return Asyncio.run(async(() -> {
            try (ClientSession session = new ClientSession();
                    ClientResponse response = await(session.request(method, url,
                            body == null ? RequestOptions.DEFAULT : RequestOptions.DEFAULT.withData(body)))) {
                return response.status() + " " + await(response.text());
            }
        }));
    }

    @Test
    void aPortInUseIsOneLineAndStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            for (String server : List.of("echo-server", "http-server")) {
                Output out = new Output();
                Output err = new Output();

                assertEquals(1, Main.run(out.stream(), err.stream(), server, "--port",
                        Integer.toString(taken.getLocalPort())));

                assertEquals(1, err.lines().size(), err::text);
                assertTrue(err.lines().getFirst().startsWith("asyncio4j " + server + ": cannot listen: "), err::text);
                assertTrue(err.text().contains("address already in use"), err::text);
                assertEquals("", out.text());
            }
        }
    }
}
