package dev.asyncio4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The run-forever example in a real child JVM, stopped by a real SIGINT: the handler stops the
 * loop and closes the client, and the program exits cleanly with status 0.
 */
@Timeout(60)
class RunForeverIT {

    private static final String MAIN = RunForever.class.getName();
    private static final String HEADER = "Fetching the top posts; press Ctrl-C to stop.";
    private static final String FOOTER = "Stopped; the client is closed.";

    /** How the child JVM is started. */
    enum Launch {
        /** On the class path with the access fast mode needs, as the brief's tests start JVMs. */
        CLASS_PATH_FAST,
        /** On the class path without it: portable mode. */
        CLASS_PATH_PORTABLE,
        /** On the module path, as the {@code asyncio4j} launcher starts it. */
        MODULE_PATH_FAST
    }

    @ParameterizedTest
    @EnumSource(Launch.class)
    void ctrlCStopsTheLoopClosesTheClientAndExitsCleanly(Launch launch, @TempDir Path dir) throws Exception {
        Run run = interruptAfter("DONE: programming", launch, dir);   // every listing has arrived

        List<String> expected = new ArrayList<>();
        expected.add(HEADER);
        expected.addAll(RunForeverTest.LISTINGS);
        expected.add(FOOTER);
        assertEquals(expected, run.stdout());
        assertOnlyTheStartUpLine(launch, run.stderr());
    }

    @ParameterizedTest
    @EnumSource(Launch.class)
    void ctrlCBeforeTheListingsArriveCancelsThemWithoutAWarning(Launch launch, @TempDir Path dir) throws Exception {
        Run run = interruptAfter(HEADER, launch, dir);   // the handler is in place; the requests are not answered yet

        List<String> stdout = run.stdout();
        assertEquals(HEADER, stdout.get(0));
        assertEquals(FOOTER, stdout.get(stdout.size() - 1));
        List<String> printed = stdout.subList(1, stdout.size() - 1);
        assertEquals(RunForeverTest.LISTINGS.subList(0, printed.size()), printed,
                "whole listings, in the order they arrive, up to the Ctrl-C");
        assertOnlyTheStartUpLine(launch, run.stderr());
    }

    /** What the child printed. */
    private record Run(List<String> stdout, List<String> stderr) {}

    /**
     * Starts the example in a child JVM, sends it SIGINT once it printed {@code readyLine}, and
     * returns its output once it exited with status 0.
     */
    private static Run interruptAfter(String readyLine, Launch launch, Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process child = new ProcessBuilder(command(launch)).redirectError(stderr.toFile()).start();
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            List<String> lines = new ArrayList<>();
            while (!lines.contains(readyLine)) {
                String line = stdout.readLine();
                if (line == null) {
                    fail("the child ended before it printed " + readyLine + "; stdout " + lines + ", stderr "
                            + read(stderr));
                }
                lines.add(line);
            }

            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start().waitFor();

            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not exit after SIGINT");
            stdout.lines().forEach(lines::add);
            assertEquals(0, child.exitValue(), () -> "stdout " + lines + ", stderr " + read(stderr));
            return new Run(lines, Files.readAllLines(stderr));
        } finally {
            child.destroyForcibly();
        }
    }

    private static void assertOnlyTheStartUpLine(Launch launch, List<String> stderr) {
        String mode = launch == Launch.CLASS_PATH_PORTABLE ? "portable" : "fast";
        assertEquals(1, stderr.size(), () -> "only the start-up line, no warning or stack trace: " + stderr);
        assertTrue(stderr.get(0).startsWith("INFO: asyncio4j: " + mode + " mode"), stderr.get(0));
    }

    private static List<String> command(Launch launch) {
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
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", classPath(), MAIN));
            case CLASS_PATH_PORTABLE -> command.addAll(List.of("-cp", classPath(), MAIN));
            case MODULE_PATH_FAST -> command.addAll(List.of(
                    "--add-opens", "java.base/java.lang=dev.asyncio4j", "--module-path", modulePath(),
                    "--module", "dev.asyncio4j.examples/" + MAIN));
        }
        return command;
    }

    /** The tests' class path, as the test JVM was given it. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The examples' classes (or jar) and the dependencies {@code package} copies to target/lib. */
    private static String modulePath() {
        try {
            Path examples = Path.of(RunForever.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = examples.getParent().resolve("lib");
            Assumptions.assumeTrue(Files.isDirectory(lib), "no " + lib + ": run through `mvn verify`, after `package`");
            return examples + File.pathSeparator + lib;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
