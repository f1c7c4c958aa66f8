package dev.asyncio4j.subprocess;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The test JVM's child processes, to check that none is left running, and to kill any that a
 * failing test left behind (a child holding the JVM's stdout would keep the build waiting).
 */
final class Children {

    private Children() {}

    /** The pids of the children that are still running. */
    static Set<Long> alive() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** Kills every child still running (after a test: tests run one at a time in a JVM). */
    static void killLeftovers() {
        ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly);
    }
}
