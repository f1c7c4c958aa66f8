package dev.asyncio4j;

/**
 * The body of an async generator: what {@code async def f(): ... yield x ...} is in Python. Passed
 * to {@link Asyncio#asyncGenerator(AsyncGeneratorBody)}.
 *
 * <p>The body runs inside the task that iterates the generator; it yields with
 * {@link Emitter#yield} and may {@link Asyncio#await} between yields. It may throw any exception;
 * the exception is raised to the task waiting for the next value. Loop-confined: it runs in the
 * iterating task.
 *
 * @param <T> the type of the values yielded
 */
@FunctionalInterface
public interface AsyncGeneratorBody<T> {

    /**
     * Runs the body; called at most once, inside a task.
     *
     * @param emit yields the generator's values
     * @throws Exception anything: the generator raises it to its consumer
     */
    void run(Emitter<T> emit) throws Exception;
}
