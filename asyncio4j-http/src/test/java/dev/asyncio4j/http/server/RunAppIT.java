package dev.asyncio4j.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Web.runApp} in a child JVM: it prints aiohttp's banner, serves, and on a real SIGINT or
 * SIGTERM finishes the request in flight, runs the cleanup hooks and returns.
 */
@Timeout(120)
class RunAppIT {

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void servesUntilTheSignalThenShutsDownGracefully(String signal) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Djava.util.logging.config.file=/dev/null", "-cp", System.getProperty("java.class.path"),
                RunAppMain.class.getName()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String banner = null;
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("======== Running on")) {
                    banner = line;
                    break;
                }
            }
            Matcher m = Pattern.compile("======== Running on http://127\\.0\\.0\\.1:(\\d+) ========").matcher(String.valueOf(banner));
            assertTrue(m.matches(), String.join("\n", lines));
            assertEquals("(Press CTRL+C to quit)", out.readLine());
            String base = "http://127.0.0.1:" + m.group(1);
            assertEquals("hello", Peers.run(List.of("curl", "-sS", base + "/")).stdout());

            CompletableFuture<Peers.Result> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return Peers.run(List.of("curl", "-sS", base + "/slow"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // Signal once the slow request is in flight (the child says so).
            for (String line; (line = out.readLine()) != null && !line.equals("slow started"); ) {
                lines.add(line);
            }
            Peers.run(List.of("kill", "-" + signal, String.valueOf(child.pid())));
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the server did not stop");
            List<String> rest = new ArrayList<>();
            for (String line; (line = out.readLine()) != null; ) {
                rest.add(line);
            }
            assertEquals(0, child.exitValue(), String.join("\n", rest));
            assertEquals("finished in time", slow.get(30, TimeUnit.SECONDS).stdout());
            assertTrue(rest.contains("cleanup done"), String.join("\n", rest));
            assertTrue(rest.contains("runApp returned"), String.join("\n", rest));
        } finally {
            child.destroyForcibly();
        }
    }
}
