package dev.asyncio4j.subprocess;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createSubprocessExec;
import static dev.asyncio4j.Asyncio.createSubprocessShell;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.gather;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static dev.asyncio4j.subprocess.Subprocess.DEVNULL;
import static dev.asyncio4j.subprocess.Subprocess.INHERIT;
import static dev.asyncio4j.subprocess.Subprocess.PIPE;
import static dev.asyncio4j.subprocess.Subprocess.STDOUT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.AsyncCallable;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Signal;
import dev.asyncio4j.Task;
import dev.asyncio4j.net.ReadTransport;
import dev.asyncio4j.net.WriteTransport;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams API with real programs: CPython's test_subprocess.py {@code SubprocessMixin} tests,
 * with {@code cat}, {@code sh}, {@code head} and friends instead of {@code sys.executable}.
 * No child inherits the test JVM's stdin (surefire talks to it there).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubprocessIT {

    // A child that reads nothing and runs until killed.
    private static final List<String> BLOCKED = List.of("sleep", "3600");

    @TempDir
    Path directory;

    @AfterEach
    void killLeftovers() {
        Children.killLeftovers();
    }

    private static <T> T run(AsyncCallable<T> body) throws Exception {
        return Asyncio.run(async(body));
    }

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    private static String s(byte[] data) {
        return new String(data, UTF_8);
    }

    private static byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    // ---------------------------------------------------------------- CPython's SubprocessMixin

    @Test
    void stdinStdout() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessExec(List.of("cat"), SubprocessOptions.of(PIPE, PIPE, INHERIT)));
            proc.stdin().write(b("some data"));
            await(proc.stdin().drain());
            proc.stdin().close();
            byte[] data = await(proc.stdout().read());
            int exitcode = await(proc.waitFor());
            assertEquals(0, exitcode);
            assertEquals("some data", s(data));
            assertNull(proc.stderr());
            return null;
        });
    }

    @Test
    void communicate() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessExec(List.of("cat"), SubprocessOptions.of(PIPE, PIPE, INHERIT)));
            ProcessOutput output = await(proc.communicate(b("some data")));
            assertEquals("some data", output.stdout(UTF_8));
            assertNull(output.stderr());
            assertEquals(0, proc.returncode());
            return null;
        });
    }

    @Test
    void shell() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessShell("exit 7", SubprocessOptions.DEFAULT.withStdin(DEVNULL)));
            assertEquals(7, await(proc.waitFor()));
            assertEquals(7, proc.returncode());
            return null;
        });
    }

    @Test
    void nonZeroExit() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessExec(List.of("false"), SubprocessOptions.of(DEVNULL, DEVNULL, DEVNULL)));
            assertEquals(1, await(proc.waitFor()));
            Subprocess failing = await(createSubprocessShell("echo oops >&2; exit 3",
                    SubprocessOptions.of(DEVNULL, PIPE, PIPE)));
            ProcessOutput output = await(failing.communicate());
            assertEquals(3, failing.returncode());
            assertEquals("", output.stdout(UTF_8));
            assertEquals("oops\n", output.stderr(UTF_8));
            return null;
        });
    }

    @Test
    void kill() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessExec(BLOCKED, SubprocessOptions.of(DEVNULL, DEVNULL, DEVNULL)));
            assertNull(proc.returncode());
            proc.kill();
            assertEquals(-9, await(proc.waitFor()));
            assertEquals(-9, proc.returncode());
            return null;
        });
    }

    @Test
    void terminate() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessExec(BLOCKED, SubprocessOptions.of(DEVNULL, DEVNULL, DEVNULL)));
            proc.terminate();
            assertEquals(-15, await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void sendSignal() throws Exception {
        run(() -> {
            // The shell resets SIGHUP to its default, whatever the JVM left it as, then waits.
            Subprocess proc = await(createSubprocessShell("trap - HUP; echo sleeping; exec sleep 3600",
                    SubprocessOptions.of(DEVNULL, PIPE, INHERIT)));
            assertEquals("sleeping\n", s(await(proc.stdout().readline())));
            proc.sendSignal(Signal.SIGHUP);
            assertEquals(-1, await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void signalAfterExitIsProcessLookupError() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessExec(List.of("true"), SubprocessOptions.of(DEVNULL, DEVNULL, DEVNULL)));
            assertEquals(0, await(proc.waitFor()));
            // waitFor() returned once the transport's connectionLost had run: it is finished.
            assertThrows(ProcessLookupException.class, proc::kill);
            assertThrows(ProcessLookupException.class, proc::terminate);
            assertThrows(ProcessLookupException.class, () -> proc.sendSignal(Signal.SIGHUP));
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> proc.sendSignal(0));
            assertEquals("invalid signal number 0 (1..64)", bad.getMessage());
            assertThrows(IllegalArgumentException.class, () -> proc.sendSignal(65));
            return null;
        });
    }

    @Test
    void stdinBrokenPipe() throws Exception {
        run(() -> {
            // The child ends without reading: the data cannot go anywhere.
            Subprocess proc = await(createSubprocessExec(List.of("true"), SubprocessOptions.of(PIPE, INHERIT, INHERIT)));
            byte[] large = new byte[4 * 1024 * 1024];
            boolean wrote = false;
            Exception failure = null;
            try {
                // Either the write finds the pipe already closed (the child has gone), or the
                // drain waits and the pipe breaks under it.
                proc.stdin().write(large);
                wrote = true;
                await(proc.stdin().drain());
            } catch (IllegalStateException | IOException e) {
                failure = e;
            }
            if (wrote) {
                assertInstanceOf(IOException.class, failure);
            } else {
                assertTrue(failure.getMessage().contains("the child process exited"), failure.getMessage());
            }
            assertEquals(0, await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void stdinBrokenPipeAfterExit() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessExec(List.of("true"), SubprocessOptions.of(PIPE, INHERIT, INHERIT)));
            assertEquals(0, await(proc.waitFor()));
            assertTrue(proc.stdin().isClosing());
            IllegalStateException closed = assertThrows(IllegalStateException.class, () -> proc.stdin().write(b("x")));
            assertEquals("Cannot call write() on a closed transport (the child process exited)", closed.getMessage());
            IOException lost = assertThrows(IOException.class, () -> await(proc.stdin().drain()));
            assertEquals("Connection lost", lost.getMessage());
            return null;
        });
    }

    @Test
    void childClosesStdinEarly() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessShell("exec 0<&-; echo closed; exec sleep 3600",
                    SubprocessOptions.of(PIPE, PIPE, INHERIT)));
            assertEquals("closed\n", s(await(proc.stdout().readline())));
            // More than the pipe and the high-water mark hold: drain waits, then the pipe breaks.
            proc.stdin().write(new byte[1024 * 1024]);
            IOException broken = assertThrows(IOException.class, () -> await(proc.stdin().drain()));
            assertEquals("Broken pipe", broken.getMessage());
            assertTrue(proc.stdin().isClosing());
            assertThrows(IllegalStateException.class, () -> proc.stdin().write(b("more")));
            proc.kill();
            assertEquals(-9, await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void communicateIgnoresBrokenPipe() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessExec(List.of("true"), SubprocessOptions.of(PIPE, INHERIT, INHERIT)));
            getRunningLoop().setExceptionHandler((loop, context) -> { });
            ProcessOutput output = await(proc.communicate(new byte[4 * 1024 * 1024]));
            assertNull(output.stdout());
            assertEquals(0, await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void pauseReading() throws Exception {
        run(() -> {
            int limit = 10;
            Subprocess proc = await(createSubprocessShell("head -c 300000 /dev/zero",
                    SubprocessOptions.of(DEVNULL, PIPE, INHERIT).withLimit(limit)));
            ReadTransport stdoutTransport = (ReadTransport) proc.transport().getPipeTransport(1);
            // The first chunk is already more than twice the limit: the reader pauses the pipe.
            assertArrayEquals(new byte[1], await(proc.stdout().readexactly(1)));
            assertFalse(stdoutTransport.isReading());
            ProcessOutput output = await(proc.communicate());
            assertEquals(300000 - 1, output.stdout().length);
            assertEquals(0, proc.returncode());
            return null;
        });
    }

    @Test
    void stdinNotInheritable() throws Exception {
        run(() -> {
            // asyncio issue #209: the parent's end of the stdin pipe must not leak into the child.
            Subprocess proc = await(createSubprocessExec(List.of("wc", "-c"), SubprocessOptions.of(PIPE, PIPE, PIPE)));
            ProcessOutput output = await(proc.communicate(b("abc")));
            assertEquals("3", output.stdout(UTF_8).strip());
            assertEquals(0, await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void emptyInput() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessExec(List.of("wc", "-c"), SubprocessOptions.of(PIPE, PIPE, PIPE)));
            ProcessOutput output = await(proc.communicate(new byte[0]));
            assertEquals("0", output.stdout(UTF_8).strip());
            assertEquals(0, proc.returncode());
            return null;
        });
    }

    @Test
    void devnullInput() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessExec(List.of("wc", "-c"), SubprocessOptions.of(DEVNULL, PIPE, PIPE)));
            assertNull(proc.stdin());
            ProcessOutput output = await(proc.communicate());
            assertEquals("0", output.stdout(UTF_8).strip());
            assertEquals(0, proc.returncode());
            return null;
        });
    }

    @Test
    void devnullOutput() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessExec(List.of("wc", "-c"), SubprocessOptions.of(PIPE, DEVNULL, PIPE)));
            assertNull(proc.stdout());
            ProcessOutput output = await(proc.communicate(b("abc")));
            assertNull(output.stdout());
            assertEquals("", output.stderr(UTF_8));
            assertEquals(0, proc.returncode());
            return null;
        });
    }

    @Test
    void devnullError() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessShell("cat; echo err >&2", SubprocessOptions.of(PIPE, PIPE, DEVNULL)));
            ProcessOutput output = await(proc.communicate(b("abc")));
            assertEquals("abc", output.stdout(UTF_8));
            assertNull(output.stderr());
            assertEquals(0, proc.returncode());
            return null;
        });
    }

    @Test
    void stderrIntoStdout() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessShell("echo out; echo err >&2; echo out again",
                    SubprocessOptions.of(DEVNULL, PIPE, STDOUT)));
            assertNull(proc.stderr());
            ProcessOutput output = await(proc.communicate());
            assertEquals("out\nerr\nout again\n", output.stdout(UTF_8));
            assertNull(output.stderr());
            return null;
        });
    }

    @Test
    void communicateWithInputButNoStdinPipe() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessExec(List.of("true"), SubprocessOptions.of(DEVNULL, DEVNULL, DEVNULL)));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(proc.communicate(b("lost"))));
            assertEquals("communicate() was given input, but the child's stdin is not a pipe", e.getMessage());
            assertEquals(0, await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void cancelWait() throws Exception {
        run(() -> {
            // Issue #23140: cancel Process.wait().
            Subprocess proc = await(createSubprocessExec(BLOCKED, SubprocessOptions.of(DEVNULL, DEVNULL, DEVNULL)));
            Task<Integer> task = createTask(proc.waitFor());
            getRunningLoop().callSoon(task::cancel);
            assertThrows(CancelledException.class, () -> await(task));
            task.cancel();
            assertNull(proc.returncode());
            proc.kill();
            assertEquals(-9, await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void cancelCreateSubprocess() throws Exception {
        run(() -> {
            java.util.Set<Long> before = Children.alive();
            Task<Subprocess> task = createTask(createSubprocessExec(BLOCKED, SubprocessOptions.of(DEVNULL, DEVNULL, DEVNULL)));
            getRunningLoop().callSoon(task::cancel);
            assertThrows(CancelledException.class, () -> await(task));
            // The child was started, then killed and waited for before the cancellation came through.
            assertEquals(before, Children.alive());
            return null;
        });
    }

    @Test
    void readStdoutAfterProcessExit() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessShell("head -c 262144 /dev/zero; exit 1",
                    SubprocessOptions.of(DEVNULL, PIPE, INHERIT)));
            long total = 0;
            while (true) {
                byte[] data = await(proc.stdout().read(65536));
                if (data.length == 0) {
                    break;
                }
                total += data.length;
                await(sleep(0));
            }
            assertEquals(262144, total);
            assertEquals(1, await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void programNotFound() throws Exception {
        run(() -> {
            FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> await(createSubprocessExec(
                    List.of("/nonexistent/program"), SubprocessOptions.of(PIPE, PIPE, PIPE))));
            assertTrue(e.getMessage().contains("/nonexistent/program"), e.getMessage());
            FileNotFoundException cwd = assertThrows(FileNotFoundException.class, () -> await(createSubprocessExec(
                    List.of("true"), SubprocessOptions.DEFAULT.withCwd(directory.resolve("missing")))));
            assertTrue(cwd.getMessage().contains("missing"), cwd.getMessage());
            return null;
        });
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> createSubprocessExec(List.of(), SubprocessOptions.DEFAULT));
        assertThrows(NullPointerException.class, () -> createSubprocessShell(null));
        IllegalArgumentException stdin = assertThrows(IllegalArgumentException.class,
                () -> SubprocessOptions.DEFAULT.withStdin(STDOUT));
        assertEquals("STDOUT can only be used for stderr, not for stdin", stdin.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SubprocessOptions.DEFAULT.withStdout(STDOUT));
        IllegalArgumentException limit = assertThrows(IllegalArgumentException.class,
                () -> SubprocessOptions.DEFAULT.withLimit(0));
        assertEquals("Limit cannot be <= 0", limit.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SubprocessOptions.DEFAULT.withStdin(Stdio.to(Path.of("x"))));
        assertThrows(IllegalArgumentException.class,
                () -> SubprocessOptions.DEFAULT.withStderr(Stdio.from(Path.of("x"))));
    }

    // ---------------------------------------------------------------- more real programs

    @Test
    void yesIntoHead() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessShell("yes | head -n 10000", SubprocessOptions.of(DEVNULL, PIPE, INHERIT)));
            int lines = 0;
            for (byte[] line : proc.stdout()) {
                assertEquals("y\n", s(line));
                lines++;
            }
            assertEquals(10000, lines);
            assertEquals(0, await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void outputOfBackgroundProcessesAfterTheChildExits() throws Exception {
        run(() -> {
            // The background job writes only once the shell has exited: its output is read to the
            // end of the pipe (the last writer), and waitFor() waits for it, as in asyncio.
            Subprocess proc = await(createSubprocessShell(
                    "echo ready; read go; (while kill -0 $$ 2>/dev/null; do :; done; echo late) & echo early",
                    SubprocessOptions.of(PIPE, PIPE, INHERIT)));
            assertEquals("ready\n", s(await(proc.stdout().readline())));
            proc.stdin().write(b("go\n"));
            assertEquals(0, await(proc.waitFor()));
            assertEquals("early\nlate\n", s(await(proc.stdout().read())));
            return null;
        });
    }

    @Test
    void bigDataBothWaysWithCommunicate() throws Exception {
        run(() -> {
            // tee copies its input to stdout and to stderr as it reads it: unless all three pipes
            // move at once, the child blocks on a full pipe and the parent waits forever.
            byte[] input = randomBytes(8 * 1024 * 1024);
            Subprocess proc = await(createSubprocessExec(List.of("tee", "/dev/stderr"), SubprocessOptions.of(PIPE, PIPE, PIPE)));
            ProcessOutput output = await(proc.communicate(input));
            assertArrayEquals(input, output.stdout());
            assertArrayEquals(input, output.stderr());
            assertEquals(0, proc.returncode());
            return null;
        });
    }

    @Test
    void environmentAndWorkingDirectory() throws Exception {
        Path real = directory.toRealPath();
        run(() -> {
            Subprocess proc = await(createSubprocessShell("echo \"$GREETING\"; echo \"${HOME-unset}\"; pwd",
                    SubprocessOptions.of(DEVNULL, PIPE, INHERIT).withEnv(Map.of("GREETING", "hello there"))
                            .withCwd(real)));
            ProcessOutput output = await(proc.communicate());
            assertEquals("hello there\nunset\n" + real + "\n", output.stdout(UTF_8));
            return null;
        });
    }

    @Test
    void inheritedEnvironment() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessShell("echo \"$PATH\"", SubprocessOptions.of(DEVNULL, PIPE, INHERIT)));
            assertEquals(System.getenv("PATH") + "\n", await(proc.communicate()).stdout(UTF_8));
            return null;
        });
    }

    @Test
    void filesAsStreams() throws Exception {
        Path in = directory.resolve("in.txt");
        Path out = directory.resolve("out.txt");
        Files.writeString(in, "from a file\n");
        Files.writeString(out, "old\n");
        run(() -> {
            Subprocess proc = await(createSubprocessExec(List.of("cat"),
                    SubprocessOptions.of(Stdio.from(in), Stdio.appendTo(out), INHERIT)));
            assertEquals(0, await(proc.waitFor()));
            Subprocess again = await(createSubprocessExec(List.of("cat"),
                    SubprocessOptions.of(Stdio.from(in), Stdio.to(out), INHERIT)));
            assertEquals(0, await(again.waitFor()));
            return null;
        });
        assertEquals("from a file\n", Files.readString(out));
    }

    @Test
    void backPressureOnStdin() throws Exception {
        run(() -> {
            // The child reads nothing: drain waits, and the transport holds no more than it was given.
            Subprocess proc = await(createSubprocessExec(BLOCKED, SubprocessOptions.of(PIPE, INHERIT, INHERIT)));
            WriteTransport pipe = proc.stdin().transport();
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 32; i++) {
                proc.stdin().write(chunk);
            }
            Task<Void> drain = createTask(proc.stdin().drain());
            for (int i = 0; i < 20; i++) {
                await(sleep(0));
            }
            assertFalse(drain.isDone());
            assertTrue(pipe.getWriteBufferSize() <= 32 * chunk.length);
            assertTrue(pipe.getWriteBufferSize() > pipe.getWriteBufferLimits().high(), pipe.toString());
            proc.kill();
            assertThrows(IOException.class, () -> await(drain));
            assertEquals(-9, await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void manyAtOnce() throws Exception {
        run(() -> {
            List<Task<String>> tasks = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String word = "child" + i;
                tasks.add(createTask(async(() -> {
                    Subprocess proc = await(createSubprocessExec(List.of("echo", word), SubprocessOptions.of(DEVNULL, PIPE, INHERIT)));
                    return await(proc.communicate()).stdout(UTF_8);
                })));
            }
            List<String> outputs = await(gather(tasks));
            for (int i = 0; i < 20; i++) {
                assertEquals("child" + i + "\n", outputs.get(i));
            }
            return null;
        });
    }

    @Test
    void describes() throws Exception {
        run(() -> {
            Subprocess proc = await(createSubprocessExec(List.of("cat"), SubprocessOptions.of(PIPE, PIPE, DEVNULL)));
            assertEquals("Subprocess[pid=" + proc.pid() + ", running]", proc.toString());
            await(proc.communicate());
            assertEquals("Subprocess[pid=" + proc.pid() + ", returncode=0]", proc.toString());
            return null;
        });
    }

}
