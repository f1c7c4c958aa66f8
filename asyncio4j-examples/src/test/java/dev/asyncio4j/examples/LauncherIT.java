package dev.asyncio4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code asyncio4j} launcher at the repository root, run as the README says: it finds a JDK 25
 * and runs {@code demo} on the module path. The build it does on first use is left out (the test
 * would build inside a build): the test runs only when the jar {@code package} made is newer than
 * every source, as it is in {@code mvn verify}, and the launcher then runs it as it is. Its
 * start-up cache (JDK 25's AOT cache, made by a first run) is made afresh and then reused.
 */
@Timeout(120)
class LauncherIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    private static final Path JAR = ROOT.resolve("asyncio4j-examples/target/asyncio4j-examples-0.1.0-SNAPSHOT.jar");

    /** What the launcher's {@code stale} test looks at: a main source or resource, or a pom, newer than the jar. */
    private static boolean jarIsStale() throws IOException {
        if (!Files.isRegularFile(JAR)) {
            return true;
        }
        FileTime built = Files.getLastModifiedTime(JAR);
        boolean[] stale = {false};
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName().toString();
                return !dir.equals(ROOT) && (name.equals("target") || name.equals(".git"))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                boolean source = file.toString().contains("/src/main/") || file.getFileName().toString().equals("pom.xml");
                stale[0] = source && attributes.lastModifiedTime().compareTo(built) > 0;
                return stale[0] ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }
        });
        return stale[0];
    }

    @Test
    void theReadmesFirstCommandPrintsTheTutorialsOutput() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ROOT.resolve("asyncio4j")), "no launcher at " + ROOT);
        Assumptions.assumeFalse(jarIsStale(), "sources changed since " + JAR + " was built: the launcher would build");

        // Without a start-up cache, the first run makes it and says so; the second uses it silently.
        Path cache = JAR.resolveSibling("asyncio4j.aot");
        Files.deleteIfExists(cache);
        String first = runDemo();
        assertTrue(first.startsWith("asyncio4j: preparing the JVM's start-up cache"), first);
        assertTrue(Files.isRegularFile(cache), "the cache was made: " + first);
        String errors = runDemo();
        assertTrue(errors.startsWith("INFO: asyncio4j: fast mode"), errors);
        assertTrue(errors.contains("\nasyncio4j demo: the tutorial's subreddit reader, offline.\n"), errors);
        assertTrue(!errors.contains("building"), "no build: " + errors);
        assertTrue(!errors.contains("cache"), "the cache is reused: " + errors);
    }

    /** Runs {@code ./asyncio4j demo}, checks its exit status and standard output, returns its standard error. */
    private static String runDemo() throws Exception {
        Path stderr = Files.createTempFile("launcher", ".stderr");
        try {
            Process demo = new ProcessBuilder(ROOT.resolve("asyncio4j").toString(), "demo").directory(ROOT.toFile())
                    .redirectError(stderr.toFile()).start();
            List<String> stdout = new String(demo.getInputStream().readAllBytes(), UTF_8).lines().toList();
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS));

            assertEquals(0, demo.exitValue(), () -> read(stderr));
            assertEquals(TutorialOutput.LINES, stdout);
            return read(stderr);
        } finally {
            Files.deleteIfExists(stderr);
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
