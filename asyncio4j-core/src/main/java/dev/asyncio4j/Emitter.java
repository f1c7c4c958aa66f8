package dev.asyncio4j;

/**
 * What an async generator's body yields through: the Java form of Python's {@code yield} inside an
 * {@code async def}. Passed to the {@link AsyncGeneratorBody}; valid only inside that body, so
 * loop-confined.
 *
 * @param <T> the type of the values yielded
 */
public interface Emitter<T> {

    /**
     * Hands {@code value} to whoever awaits the generator's next value and suspends the body until
     * the next value is asked for: Python's {@code received = yield value}.
     *
     * @param value the value to produce
     * @return the value sent with {@link AsyncGenerator#asend(Object)}, or null for
     *     {@link AsyncGenerator#anext()}
     * @throws GeneratorExit if the generator is being closed ({@link AsyncGenerator#aclose()}); let
     *     it propagate
     * @throws Exception the exception thrown in with {@link AsyncGenerator#athrow(Throwable)}
     * @throws IllegalStateException if called outside the body, or from a task the body started
     */
    Object yield(T value) throws Exception;
}
