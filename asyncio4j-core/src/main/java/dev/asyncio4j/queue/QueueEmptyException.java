package dev.asyncio4j.queue;

import java.util.NoSuchElementException;

/**
 * {@link Queue#getNowait()} found the queue empty: asyncio's {@code QueueEmpty}. It extends the
 * JDK's {@link NoSuchElementException}, which {@link java.util.Queue#remove()} throws in the same
 * case. Immutable once thrown.
 */
public class QueueEmptyException extends NoSuchElementException {

    /**
     * An empty-queue error with the given message (null for none, as asyncio's has none).
     *
     * @param message the message
     */
    public QueueEmptyException(String message) {
        super(message);
    }
}
