package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real program the integration tests talk to (a Python peer, socat, a child JVM): its output
 * arrives line by line on a queue, so a test waits for a line with a deadline, never a sleep.
 * Standard error is merged into the output, so failures show it. Thread-safe.
 */
public final class ChildProcess implements AutoCloseable {

    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final List<String> all = new ArrayList<>();
    private final CompletableFuture<String> outputDone = new CompletableFuture<>();

    private ChildProcess(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("child-output-" + process.pid()).start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (all) {
                        all.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // The process went away: EOF below.
            }
            lines.add(EOF);
            synchronized (all) {
                outputDone.complete(String.join("\n", all));
            }
        });
    }

    /** Starts {@code command}; fails the test, naming the missing program, if it cannot run. */
    public static ChildProcess start(List<String> command) {
        try {
            return new ChildProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            return fail("cannot start " + command.get(0) + " (run scripts/install-test-peers): " + e.getMessage());
        }
    }

    /** Starts a Java class of the test class path in a new JVM, in fast mode. */
    public static ChildProcess startJava(Class<?> mainClass, String... arguments) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(arguments));
        return start(command);
    }

    /** Debian's /usr/bin/python3 (with aiohttp and uvloop), as the project's peers require. */
    public static String python() {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            fail("/usr/bin/python3 is missing: run scripts/install-test-peers");
        }
        return python.toString();
    }

    /** The file of a test resource (the tests run from target/test-classes). */
    public static String resource(Class<?> near, String name) {
        try {
            return Path.of(near.getResource(name).toURI()).toString();
        } catch (java.net.URISyntaxException | NullPointerException e) {
            return fail("missing test resource " + name);
        }
    }

    /**
     * Completes, with everything the process printed, when its output ends (after it exits):
     * {@code await(child.outputDone())} inside a task.
     */
    public CompletableFuture<String> outputDone() {
        return outputDone;
    }

    /** The process. */
    public Process process() {
        return process;
    }

    /** Waits for the next output line matching {@code wanted}, skipping others; fails after {@code timeout}. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                if (line != null) {
                    lines.add(EOF);
                }
                return fail((line == null ? "timed out" : "the process ended") + " waiting for a line from "
                        + process.info().command().orElse("the child") + "; output so far: " + output());
            }
            synchronized (seen) {
                seen.add(line);
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Waits for the next line, whatever it says. */
    public String awaitLine(Duration timeout) throws InterruptedException {
        return awaitLine(line -> true, timeout);
    }

    /** Sends a signal by name ("INT", "TERM", "USR1", ...) with kill(1). */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            fail("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Writes {@code text} to the process's standard input. */
    public void write(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Closes the process's standard input. */
    public void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits for the process to end and returns its exit status; fails after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return fail("the process did not end within " + timeout + "; output so far: " + output());
        }
        return process.exitValue();
    }

    /** Every line seen so far (waited for or skipped), and those still queued. */
    public String output() {
        List<String> all;
        synchronized (seen) {
            all = new ArrayList<>(seen);
        }
        for (String line : lines) {
            if (!line.equals(EOF)) {
                all.add(line);
            }
        }
        return String.join("\n", all);
    }

    /** Ends the process if it still runs: closes its input, then destroys it. */
    @Override
    public void close() throws Exception {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Already gone.
        }
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
