package dev.asyncio4j;

/**
 * An operation is not allowed in the object's current state: asyncio's {@code InvalidStateError}.
 *
 * <p>For example {@link Future#setResult} on a future that is already done, or {@link Future#result()}
 * on one that is still pending. Immutable once thrown.
 */
public class InvalidStateException extends IllegalStateException {

    /**
     * An invalid-state error with the given message.
     *
     * @param message the message
     */
    public InvalidStateException(String message) {
        super(message);
    }
}
