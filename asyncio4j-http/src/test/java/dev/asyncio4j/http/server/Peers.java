package dev.asyncio4j.http.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real peer programs (curl, python3) with a bounded time; says what to install when one is missing. */
final class Peers {
    private Peers() {
    }

    /** A finished process: exit code, stdout, stderr. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(List<String> command) throws Exception {
        String program = command.get(0);
        if (program.startsWith("/") ? !Files.isExecutable(Path.of(program)) : !onPath(program)) {
            throw new AssertionError(program + " is missing: run scripts/install-test-peers (Debian's packages)");
        }
        Path out = Files.createTempFile("peer", ".out");
        Path err = Files.createTempFile("peer", ".err");
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 60 s");
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static Path resource(String name) throws IOException {
        try (var in = Peers.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            Path file = Files.createTempFile("peer", "-" + name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }
}
