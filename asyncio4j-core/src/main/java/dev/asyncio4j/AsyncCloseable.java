package dev.asyncio4j;

/**
 * A resource whose closing awaits: the Java form of Python's {@code async with}.
 *
 * <p>Use it with try-with-resources inside a coroutine; the implicit {@link #close()} awaits
 * {@link #aclose()}, so the coroutine suspends while the resource closes:
 *
 * <pre>{@code
 * try (var response = await(session.get(url))) {   // async with session.get(url) as response:
 *     return await(response.read());
 * }
 * }</pre>
 *
 * <p>{@link #close()} may only be called inside a task; implementations state their own thread
 * confinement (usually loop-confined).
 */
public interface AsyncCloseable extends AutoCloseable {

    /**
     * The closing work, as a coroutine: Python's {@code __aexit__}/{@code aclose()}.
     *
     * @return the closing work, as a coroutine
     */
    Coroutine<Void> aclose();

    /** Awaits {@link #aclose()}; must be called inside a task. */
    @Override
    default void close() throws Exception {
        Asyncio.await(aclose());
    }
}
