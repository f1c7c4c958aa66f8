package dev.asyncio4j.http;

import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.sleep;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting, in a test's task, for a state that real I/O brings about but that no future announces:
 * the server has dropped a connection its client closed, the selector has released a closed
 * socket's descriptor. Where the code under test offers an event (a handler's, a hook's, a read
 * that returns), tests wait for that instead.
 *
 * <p>It yields to the loop until the condition holds. Yielding lets no virtual time pass, so on a
 * {@code TestLoop} no timer of the code under test (a keep-alive or lingering timeout) can fire
 * and bring the state about for the wrong reason, while the loop, kept busy, still polls its
 * sockets regularly. It does not count passes, which a loaded machine would make too few: it
 * gives up only after {@link #BOUND} of real time, and the caller's assertion then fails.
 * Loop-confined: call it in a task.
 */
public final class Polling {

    /** How long, in real time, a condition may take before the caller's assertion fails. */
    public static final Duration BOUND = Duration.ofSeconds(10);

    private Polling() {
    }

    /**
     * Yields to the loop until {@code condition} holds or {@link #BOUND} has passed.
     *
     * @param condition the state waited for, read on the loop's thread
     * @throws Exception if the task is cancelled meanwhile
     */
    public static void until(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
            await(sleep(0));
        }
    }
}
