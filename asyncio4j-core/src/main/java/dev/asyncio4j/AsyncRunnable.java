package dev.asyncio4j;

/**
 * The body of a coroutine that returns nothing: {@code async def f(): ...} without a return value.
 * Passed to {@link Asyncio#async(AsyncRunnable)}; the coroutine's result is {@code null}.
 *
 * <p>The body runs inside a task and may call {@link Asyncio#await} anywhere. Loop-confined: it
 * runs in its task, called at most once. asyncio's counterpart is the {@code async def} itself.
 */
@FunctionalInterface
public interface AsyncRunnable {

    /**
     * Runs the body; called at most once, inside a task.
     *
     * @throws Exception anything: it is the coroutine's exception
     */
    void run() throws Exception;
}
