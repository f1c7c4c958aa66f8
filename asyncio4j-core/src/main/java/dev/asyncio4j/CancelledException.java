package dev.asyncio4j;

import java.util.concurrent.CancellationException;

/**
 * The operation was cancelled: asyncio's {@code CancelledError}.
 *
 * <p>Thrown by {@link Asyncio#await} when the awaited future or task was cancelled, and thrown into
 * a task at its next suspension point after {@link Task#cancel(String)}. It carries the message
 * given to {@code cancel}, and when it re-raises an earlier cancellation, that one as its cause
 * (asyncio's {@code __context__}). It extends the JDK's {@link CancellationException}, so code that
 * handles a cancelled {@code CompletableFuture} handles it too.
 *
 * <p>Catching it without re-throwing swallows the cancellation, as in asyncio; call
 * {@link Task#uncancel()} when that is intended. Immutable once thrown.
 */
public class CancelledException extends CancellationException {

    // What asyncio raises in place of this cancellation, when a Timeout or TaskGroup used with
    // try-with-resources found that its body left with it (close() cannot replace the exception a
    // try block throws; Coroutine raises the replacement when this leaves the coroutine).
    transient Throwable replacement;

    /** A cancellation without a message. */
    public CancelledException() {
        super();
    }

    /**
     * A cancellation with the message given to {@code cancel(msg)}; {@code message} may be null.
     *
     * @param message the message
     */
    public CancelledException(String message) {
        super(message);
    }

    /**
     * A cancellation that re-raises {@code cause}, an earlier cancellation of the same operation.
     *
     * @param message the message
     * @param cause the cause
     */
    public CancelledException(String message, Throwable cause) {
        super(message);
        if (cause != null) {
            initCause(cause);
        }
    }

    /**
     * The exception to raise in place of this one: its replacement (followed through replacements
     * that are themselves replaced), or this.
     */
    Throwable replacementOrSelf() {
        Throwable current = this;
        for (int hops = 0; hops < 16 && current instanceof CancelledException cancelled
                && cancelled.replacement != null && cancelled.replacement != cancelled; hops++) {
            current = cancelled.replacement;
        }
        return current;
    }
}
