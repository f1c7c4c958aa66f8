package dev.asyncio4j.queue;

/**
 * {@link Queue#putNowait} found the queue full: asyncio's {@code QueueFull}. It extends the JDK's
 * {@link IllegalStateException}, which {@link java.util.Queue#add} throws in the same case.
 * Immutable once thrown.
 */
public class QueueFullException extends IllegalStateException {

    /**
     * A full-queue error with the given message (null for none, as asyncio's has none).
     *
     * @param message the message
     */
    public QueueFullException(String message) {
        super(message);
    }
}
