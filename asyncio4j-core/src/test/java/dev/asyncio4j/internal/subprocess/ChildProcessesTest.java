package dev.asyncio4j.internal.subprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncio4j.subprocess.Stdio;
import dev.asyncio4j.subprocess.SubprocessOptions;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How exit statuses read and how options become a {@link ProcessBuilder}; no child is started. */
class ChildProcessesTest {

    @Test
    void exitStatusesStay() {
        for (int status : new int[] {0, 1, 2, 7, 127, 128, 255}) {
            assertEquals(status, ChildProcesses.returncode(status));
        }
    }

    @Test
    void deathsBySignalAreNegative() {
        assertEquals(-9, ChildProcesses.returncode(128 + 9));
        assertEquals(-15, ChildProcesses.returncode(128 + 15));
        assertEquals(-2, ChildProcesses.returncode(128 + 2));
        assertEquals(-1, ChildProcesses.returncode(128 + 1));
        assertEquals(-6, ChildProcesses.returncode(128 + 6));
        assertEquals(-64, ChildProcesses.returncode(128 + 64));
    }

    @Test
    void signalsThatCannotKillAreStatuses() {
        // SIGCHLD..SIGURG and SIGWINCH never end a process by default; 32 and 33 are libc's.
        for (int signal : new int[] {17, 18, 19, 20, 21, 22, 23, 28, 32, 33}) {
            assertEquals(128 + signal, ChildProcesses.returncode(128 + signal));
        }
        assertEquals(193, ChildProcesses.returncode(193));
    }

    @Test
    void signalNumbersAreChecked() {
        ChildProcesses.checkSignal(1);
        ChildProcesses.checkSignal(64);
        assertEquals("invalid signal number 0 (1..64)",
                assertThrows(IllegalArgumentException.class, () -> ChildProcesses.checkSignal(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChildProcesses.checkSignal(65));
        assertThrows(IllegalArgumentException.class, () -> ChildProcesses.checkSignal(-9));
    }

    @Test
    void builderFollowsTheOptions() {
        ProcessBuilder builder = ChildProcesses.builder(List.of("prog", "arg"), SubprocessOptions
                .of(Stdio.DEVNULL, Stdio.PIPE, Stdio.STDOUT)
                .withEnv(Map.of("ONLY", "this"))
                .withCwd(Path.of("/tmp")));
        assertEquals(List.of("prog", "arg"), builder.command());
        assertEquals(Redirect.Type.READ, builder.redirectInput().type());
        assertEquals("/dev/null", builder.redirectInput().file().getPath());
        assertEquals(Redirect.PIPE, builder.redirectOutput());
        assertEquals(true, builder.redirectErrorStream());
        assertEquals(Map.of("ONLY", "this"), builder.environment());
        assertEquals("/tmp", builder.directory().getPath());

        ProcessBuilder inherit = ChildProcesses.builder(List.of("prog"), SubprocessOptions.DEFAULT);
        assertEquals(Redirect.INHERIT, inherit.redirectInput());
        assertEquals(Redirect.INHERIT, inherit.redirectOutput());
        assertEquals(Redirect.INHERIT, inherit.redirectError());
        assertEquals(System.getenv(), inherit.environment());

        ProcessBuilder files = ChildProcesses.builder(List.of("prog"), SubprocessOptions.of(
                Stdio.from(Path.of("in")), Stdio.to(Path.of("out")), Stdio.appendTo(Path.of("err"))));
        assertEquals(Redirect.from(Path.of("in").toFile()), files.redirectInput());
        assertEquals(Redirect.to(Path.of("out").toFile()), files.redirectOutput());
        assertEquals(Redirect.appendTo(Path.of("err").toFile()), files.redirectError());
        assertEquals(Redirect.DISCARD, ChildProcesses.builder(List.of("prog"),
                SubprocessOptions.DEFAULT.withStderr(Stdio.DEVNULL)).redirectError());
    }
}
