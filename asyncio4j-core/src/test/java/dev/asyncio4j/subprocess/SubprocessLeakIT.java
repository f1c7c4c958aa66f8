package dev.asyncio4j.subprocess;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createSubprocessExec;
import static dev.asyncio4j.Asyncio.createSubprocessShell;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static dev.asyncio4j.subprocess.Subprocess.DEVNULL;
import static dev.asyncio4j.subprocess.Subprocess.PIPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancelled waits and communications, killed and vanished children: afterwards no child runs,
 * every pipe thread has ended, and the file descriptors and live threads are back to where they
 * were.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SubprocessLeakIT {

    private static final int ROUNDS = 25;

    @AfterEach
    void killLeftovers() {
        Children.killLeftovers();
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /**
     * The live platform threads, without the pooled ones whose number follows how many children
     * were started at once: the JDK's "process reaper" threads and asyncio4j's spawners.
     */
    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith("process reaper")
                        && !t.getName().startsWith("asyncio4j-spawn-"))
                .collect(Collectors.toSet());
    }

    /** Waits (bounded) for every pipe thread to end; the threads that did not. */
    private static List<Thread> unfinishedPipeThreads() throws InterruptedException {
        List<Thread> pumps = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("asyncio4j-pipe-")).toList();
        for (Thread pump : pumps) {
            pump.join(TimeUnit.SECONDS.toMillis(10));
        }
        return pumps.stream().filter(Thread::isAlive).toList();
    }

    /** One round of every way a child's streams can be left: 4 children, 3 cancellations. */
    private static void round() throws Exception {
        // A wait cancelled, then the child killed.
        Subprocess blocked = await(createSubprocessExec(List.of("sleep", "3600"), SubprocessOptions.of(PIPE, PIPE, PIPE)));
        Task<Integer> waiting = createTask(blocked.waitFor());
        getRunningLoop().callSoon(waiting::cancel);
        assertThrows(CancelledException.class, () -> await(waiting));
        // A communicate cancelled while its input is stuck in the pipe (the child reads nothing).
        Task<ProcessOutput> stuck = createTask(blocked.communicate(new byte[1024 * 1024]));
        for (int i = 0; i < 3; i++) {
            await(sleep(0));
        }
        stuck.cancel();
        assertThrows(CancelledException.class, () -> await(stuck));
        blocked.kill();
        assertEquals(-9, await(blocked.waitFor()));

        // A communicate cancelled while output flows both ways, then the child terminated.
        Subprocess flowing = await(createSubprocessShell("cat; exec sleep 3600", SubprocessOptions.of(PIPE, PIPE, PIPE)));
        Task<ProcessOutput> talking = createTask(flowing.communicate(new byte[4 * 1024 * 1024]));
        for (int i = 0; i < 5; i++) {
            await(sleep(0));
        }
        talking.cancel();
        assertThrows(CancelledException.class, () -> await(talking));
        flowing.terminate();
        // Its output, unread, holds the pipes (the readers paused them): as in asyncio, waitFor()
        // alone would wait for ever. communicate() reads the rest and waits.
        await(flowing.communicate());
        assertEquals(-15, flowing.returncode());

        // A child that exits at once with pipes nobody touched, and one with none at all.
        Subprocess untouched = await(createSubprocessExec(List.of("true"), SubprocessOptions.of(PIPE, PIPE, PIPE)));
        assertEquals(0, await(untouched.waitFor()));
        Subprocess quiet = await(createSubprocessExec(List.of("true"), SubprocessOptions.of(DEVNULL, DEVNULL, DEVNULL)));
        assertEquals(0, await(quiet.waitFor()));
    }

    @Test
    void nothingLeftBehind() throws Exception {
        Set<Long> childrenBefore = Children.alive();
        Asyncio.run(async(() -> {
            round(); // warm-up: classes loaded, the JDK's pools and carriers started
            return null;
        }));
        assertEquals(List.of(), unfinishedPipeThreads());
        long descriptorsBefore = openDescriptors();
        Set<Thread> threadsBefore = liveThreads();

        Asyncio.run(async(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                round();
            }
            return null;
        }));

        assertEquals(childrenBefore, Children.alive());
        assertEquals(List.of(), unfinishedPipeThreads());
        long descriptorsAfter = openDescriptors();
        assertTrue(descriptorsAfter <= descriptorsBefore,
                "descriptors: " + descriptorsBefore + " before, " + descriptorsAfter + " after");
        Set<Thread> extra = liveThreads();
        extra.removeAll(threadsBefore);
        assertTrue(extra.isEmpty(), "threads left: " + extra);
    }

    @Test
    void noPipeThreadWithoutPipes() throws Exception {
        Asyncio.run(async(() -> {
            Subprocess proc = await(createSubprocessExec(List.of("sleep", "3600"), SubprocessOptions.of(DEVNULL, DEVNULL, DEVNULL)));
            boolean any = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().startsWith("asyncio4j-pipe-" + proc.pid() + "-"));
            assertFalse(any, "a child without pipes has no pipe thread");
            Subprocess piped = await(createSubprocessExec(List.of("sleep", "3600"), SubprocessOptions.of(PIPE, DEVNULL, PIPE)));
            List<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(name -> name.startsWith("asyncio4j-pipe-" + piped.pid() + "-")).sorted().toList();
            // stderr's reader only: stdin's writer starts with the first write.
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.get(0).startsWith("asyncio4j-pipe-" + piped.pid() + "-stderr-"), names.toString());
            proc.kill();
            piped.kill();
            await(proc.waitFor());
            await(piped.waitFor());
            return null;
        }));
    }
}
