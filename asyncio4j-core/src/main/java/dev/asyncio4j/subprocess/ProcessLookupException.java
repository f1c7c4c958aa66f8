package dev.asyncio4j.subprocess;

/**
 * A signal was sent to a child process that has exited and been waited for: asyncio's
 * {@code ProcessLookupError}. Unchecked, like the rest of the transport's misuse errors, so
 * that {@code kill()} can be called without ceremony:
 *
 * <pre>{@code
 * try {
 *     proc.kill();
 * } catch (ProcessLookupException alreadyGone) {
 *     // it exited on its own
 * }
 * }</pre>
 *
 * <p>Immutable once thrown (apart from what {@link Throwable} itself lets anyone change).
 */
public final class ProcessLookupException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message the message
     */
    public ProcessLookupException(String message) {
        super(message);
    }
}
