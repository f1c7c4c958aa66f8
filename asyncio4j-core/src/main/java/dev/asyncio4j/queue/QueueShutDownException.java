package dev.asyncio4j.queue;

/**
 * The queue was shut down: asyncio's {@code QueueShutDown} (Python 3.13). Thrown by puts after
 * {@link Queue#shutdown}, by gets once a shut-down queue is empty (at once after
 * {@code shutdown(true)}), and into the tasks that were waiting to put or get when it was shut
 * down. It extends {@link IllegalStateException}: the queue's state refuses the operation.
 * Immutable once thrown.
 */
public class QueueShutDownException extends IllegalStateException {

    /**
     * A shut-down error with the given message (null for none, as asyncio's has none).
     *
     * @param message the message
     */
    public QueueShutDownException(String message) {
        super(message);
    }
}
