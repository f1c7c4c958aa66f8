package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link ChildMain} from the test class path, in fast or portable mode, for
 * tests that need a process of their own (signals, start-up properties). The test reads the lines
 * it prints to know where it is; nothing waits on time alone.
 */
final class ChildJvm implements AutoCloseable {

    private static final long LINE_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("child-jvm-output").start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        });
    }

    /** Starts {@code ChildMain scenario} in {@code mode}, with extra JVM options and environment. */
    static ChildJvm start(SchedulingMode mode, List<String> jvmOptions, Map<String, String> environment,
            String scenario) throws IOException {
        return start(List.of(), mode, jvmOptions, environment, scenario);
    }

    /** {@link #start} behind a command prefix, such as {@code env --ignore-signal=INT}. */
    static ChildJvm start(List<String> commandPrefix, SchedulingMode mode, List<String> jvmOptions,
            Map<String, String> environment, String scenario) throws IOException {
        List<String> command = new ArrayList<>(commandPrefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (mode == SchedulingMode.FAST) {
            command.add("--add-opens");
            command.add("java.base/java.lang=ALL-UNNAMED");
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(ChildMain.class.getName());
        command.add(scenario);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("ASYNCIO4J_DEBUG");
        builder.environment().putAll(environment);
        return new ChildJvm(builder.start());
    }

    /** Waits for the next line that starts with {@code prefix} and returns it; fails after 30 s. */
    String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LINE_TIMEOUT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                fail("no line starting with '" + prefix + "' from the child; it printed " + seen);
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Sends the child a signal by name (INT, TERM) with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            fail("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Waits for the child to exit (at most 30 s) and returns its status. */
    int exitStatus() throws InterruptedException {
        return exitStatus(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits for the child to exit for at most {@code timeout}; -1 if it still runs. */
    int exitStatus(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit) ? process.exitValue() : -1;
    }

    /** Every line printed so far, read or not (waits for the output to end if the child has exited). */
    List<String> output() throws InterruptedException {
        if (!process.isAlive()) {
            process.waitFor();
        }
        List<String> all = new ArrayList<>(seen);
        lines.drainTo(all);
        seen.clear();
        seen.addAll(all);
        return all;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
