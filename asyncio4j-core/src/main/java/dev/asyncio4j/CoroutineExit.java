package dev.asyncio4j;

/**
 * Thrown into a task's coroutine when its event loop is closed while the task is still pending:
 * Python's {@code GeneratorExit}, which closes a coroutine that is collected unfinished.
 *
 * <p>It unwinds the coroutine so its {@code finally} blocks and try-with-resources run (sockets
 * and files get closed) and its thread ends. It is an {@link Error} so that {@code catch
 * (Exception e)} does not swallow it; an {@code await} inside the unwinding coroutine throws it
 * again at once, since the loop can no longer run anything. Immutable.
 */
public final class CoroutineExit extends Error {

    CoroutineExit(Task<?> task) {
        super("the event loop was closed while " + task.getName() + " was pending", null, false, false);
    }
}
