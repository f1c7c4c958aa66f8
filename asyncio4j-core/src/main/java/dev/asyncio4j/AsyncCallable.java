package dev.asyncio4j;

/**
 * The body of a coroutine that returns a value: what {@code async def f(): ... return x} is in
 * Python. Passed to {@link Asyncio#async(AsyncCallable)}.
 *
 * <p>The body runs inside a task, on the task's own strand, and may call {@link Asyncio#await}
 * anywhere. It may throw any exception; the exception becomes the coroutine's outcome.
 * Loop-confined: it runs in its task, called at most once.
 *
 * @param <T> the coroutine's result type
 */
@FunctionalInterface
public interface AsyncCallable<T> {

    /**
     * Runs the body; called at most once, inside a task.
     *
     * @return the coroutine's result
     * @throws Exception anything: it is the coroutine's exception
     */
    T call() throws Exception;
}
