package dev.asyncio4j;

/**
 * Something {@code async for} can iterate: Python's asynchronous iterable ({@code __aiter__}).
 *
 * <p>In Java, {@code async for} is a plain for-each inside a coroutine; the iterator's
 * {@link AsyncIterator#hasNext()} awaits the next element:
 *
 * <pre>{@code
 * for (String line : lines) {          // async for line in lines:
 *     System.out.println(line);
 * }
 * }</pre>
 *
 * <p>Implementations state their thread confinement (the ones in asyncio4j are loop-confined);
 * iterating must happen inside a task.
 *
 * @param <T> the element type
 */
public interface AsyncIterable<T> extends Iterable<T> {

    /** An async iterator over the elements: Python's {@code __aiter__()}. */
    @Override
    AsyncIterator<T> iterator();
}
