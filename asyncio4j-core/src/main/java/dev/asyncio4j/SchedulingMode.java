package dev.asyncio4j;

/**
 * How tasks are run by their event loop; chosen once per JVM and logged once at start-up. asyncio
 * has no counterpart: its coroutines are generators, which need no such choice.
 *
 * <p>Immutable. See {@link Asyncio#schedulingMode()}.
 */
public enum SchedulingMode {
    /**
     * Each task is a virtual thread whose scheduler is its event loop: a task switch is a
     * continuation switch on the loop thread (about 125 ns). Needs the JVM option
     * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (or {@code =dev.asyncio4j} on the module
     * path), which the {@code asyncio4j} launcher passes.
     */
    FAST,
    /**
     * Each task is an ordinary virtual thread and the loop hands control to it and waits for it,
     * so only one of them runs at a time. Same semantics, slower switches; a blocking JDK call in
     * a task holds the loop until it returns. Used when the JVM lacks fast mode's access, or when
     * {@code -Dasyncio4j.mode=portable} asks for it.
     */
    PORTABLE
}
