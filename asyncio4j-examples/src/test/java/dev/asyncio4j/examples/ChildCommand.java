package dev.asyncio4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A program of the examples in a child JVM, started as a user would start it, for the tests that
 * send it real signals. Its standard output is read line by line as it comes, so that a test
 * waits for what the child prints, never for time; its standard error goes to a file, read at
 * the end. Thread-safe enough for one test thread.
 */
public final class ChildCommand implements AutoCloseable {

    /** How the child JVM is started. */
    public enum Launch {
        /** On the class path with the access fast mode needs. */
        CLASS_PATH_FAST,
        /** On the class path without it: portable mode. */
        CLASS_PATH_PORTABLE,
        /** On the module path in fast mode, as the {@code asyncio4j} launcher starts it. */
        MODULE_PATH_FAST
    }

    private static final long WAIT_SECONDS = 30;
    /** What the queue holds once standard output has ended. */
    private static final String END = new String("<end of output>");

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final List<String> read = new ArrayList<>();

    private ChildCommand(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread.ofPlatform().daemon().name("child-stdout").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    pending.add(line);
                }
            } catch (IOException ended) {
                // the child is gone
            } finally {
                pending.add(END);
            }
        });
    }

    /**
     * Starts {@code mainClass args...} of the examples in a child JVM.
     *
     * @param launch class path or module path, fast or portable mode
     * @param mainClass the class whose {@code main} runs
     * @param args its arguments
     * @return the running child
     */
    public static ChildCommand start(Launch launch, Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                // A shell that starts a job in the background without job control (a CI script,
                // `mvn ... &`) makes it ignore SIGINT, its children too, and a JVM that starts with
                // SIGINT ignored never lets a handler replace that. A terminal's foreground job has
                // the default disposition; env restores it for the child.
                "env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.SimpleFormatter.format=%4$s: %5$s%6$s%n"));
        switch (launch) {
            case CLASS_PATH_FAST -> command.addAll(List.of(
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", classPath(), mainClass.getName()));
            case CLASS_PATH_PORTABLE -> command.addAll(List.of("-cp", classPath(), mainClass.getName()));
            case MODULE_PATH_FAST -> command.addAll(List.of(
                    "--add-opens", "java.base/java.lang=dev.asyncio4j", "--module-path", modulePath(mainClass),
                    "--module", "dev.asyncio4j.examples/" + mainClass.getName()));
        }
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("asyncio4j-child", ".stderr");
        stderr.toFile().deleteOnExit();
        return new ChildCommand(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
    }

    /**
     * Reads standard output until a line that starts with {@code prefix}, and returns that line.
     *
     * @throws AssertionError if the child ends, or prints nothing more for 30 s, first
     */
    public String awaitLine(String prefix) throws InterruptedException {
        for (String line : read) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        while (true) {
            String next = pending.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (next == null || next == END) {
                fail("the child " + (next == null ? "printed nothing more for " + WAIT_SECONDS + " s" : "ended")
                        + " before it printed a line starting with '" + prefix + "'; it printed " + read
                        + ", and on stderr " + stderr());
            }
            read.add(next);
            if (next.startsWith(prefix)) {
                return next;
            }
        }
    }

    /** Sends the child SIGINT, as Ctrl-C in a terminal does. */
    public void interrupt() throws IOException, InterruptedException {
        signal("INT");
    }

    /** Sends the child a signal by name (INT, TERM) with kill(1). */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " " + process.pid());
    }

    /** Waits (at most 30 s) for the child to exit, and returns its status. */
    public int exitStatus() throws InterruptedException {
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            fail("the child did not exit; it printed " + read + ", and on stderr " + stderr());
        }
        return process.exitValue();
    }

    /** All of standard output, once the child has exited. */
    public List<String> stdout() throws InterruptedException {
        exitStatus();
        for (String next = pending.poll(WAIT_SECONDS, TimeUnit.SECONDS); next != null && next != END;
                next = pending.poll(WAIT_SECONDS, TimeUnit.SECONDS)) {
            read.add(next);
        }
        return List.copyOf(read);
    }

    /** Standard error so far. */
    public List<String> stderr() {
        try {
            return Files.readAllLines(stderr);
        } catch (IOException e) {
            return List.of("(unreadable: " + e + ")");
        }
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(stderr);
    }

    /** The tests' class path, as the test JVM was given it. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The examples' classes (or jar) and the dependencies {@code package} copies to target/lib. */
    private static String modulePath(Class<?> mainClass) {
        try {
            Path examples = Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = examples.getParent().resolve("lib");
            Assumptions.assumeTrue(Files.isDirectory(lib), "no " + lib + ": run through `mvn verify`, after `package`");
            return examples + File.pathSeparator + lib;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
