package dev.asyncio4j;

/**
 * An iterator whose elements arrive asynchronously: Python's asynchronous iterator
 * ({@code __anext__}).
 *
 * <p>{@link #hasNext()} awaits until the next element is there (or the end): it suspends the
 * calling task, never the loop thread, and must be called inside a task. It throws what the
 * producer raised, checked exceptions included, as {@link Asyncio#await} does; a for-each in a
 * coroutine body lets them through. {@link #next()} returns the element {@code hasNext()} found
 * (awaiting first if {@code hasNext()} was not called).
 *
 * <p>Implementations state their thread confinement (usually loop-confined).
 *
 * @param <T> the element type
 */
public interface AsyncIterator<T> extends java.util.Iterator<T> {

    /**
     * Awaits the next element, inside a task: true if there is one, false at the end.
     */
    @Override
    boolean hasNext();

    /**
     * The next element, awaiting it if needed.
     *
     * @throws StopAsyncIterationException at the end
     */
    @Override
    T next();

    /**
     * The next element, as a coroutine: Python's {@code __anext__()}. Awaiting it raises
     * {@link StopAsyncIterationException} at the end.
     *
     * @return the next element, as a coroutine
     */
    default Coroutine<T> anext() {
        return Asyncio.async("anext", () -> {
            if (!hasNext()) {
                throw new StopAsyncIterationException();
            }
            return next();
        });
    }
}
