package dev.asyncio4j;

import java.util.NoSuchElementException;

/**
 * An async iterator has no more elements: Python's {@code StopAsyncIteration}. Raised by
 * {@link AsyncIterator#anext()} (and so by {@link AsyncGenerator#asend} and friends) at the end;
 * {@link AsyncIterator#next()} raises it too, as {@link java.util.Iterator#next()} raises
 * {@link NoSuchElementException}. An async generator's body must not throw it itself: that is
 * turned into an {@link IllegalStateException} ("async generator raised StopAsyncIteration").
 * Immutable once thrown.
 */
public class StopAsyncIterationException extends NoSuchElementException {

    /** The end of an async iteration. */
    public StopAsyncIterationException() {
        super();
    }

    /**
     * The end of an async iteration, with a message.
     *
     * @param message the message
     */
    public StopAsyncIterationException(String message) {
        super(message);
    }
}
