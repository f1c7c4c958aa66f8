package dev.asyncio4j.http.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real server in a child process for the integration tests (nginx, Python's http.server or
 * aiohttp): started with a command that prints the port(s) it listens on as its first line,
 * stopped (with its children) on close. Its stderr goes to a file, shown when it fails.
 */
final class Peer implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int[] ports;

    private Peer(Process process, Path log, int[] ports) {
        this.process = process;
        this.log = log;
        this.ports = ports;
    }

    /** The path of a test resource beside this class. */
    static Path resource(String name) {
        try {
            return Path.of(Peer.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource " + name, e);
        }
    }

    static Peer start(Path workDir, List<String> command) throws IOException, InterruptedException {
        Path log = workDir.resolve("peer-" + Path.of(command.get(command.size() > 1 ? 1 : 0)).getFileName() + ".log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(log.toFile()).start();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = first.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        if (line == null || !line.matches("\\d+( \\d+)*")) {
            process.destroyForcibly();
            throw new IllegalStateException("peer " + command + " did not print its ports (got " + line + "):\n"
                    + Files.readString(log));
        }
        String[] parts = line.trim().split(" ");
        int[] ports = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ports[i] = Integer.parseInt(parts[i]);
        }
        return new Peer(process, log, ports);
    }

    int port() {
        return ports[0];
    }

    int port(int i) {
        return ports[i];
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
