package dev.asyncio4j;

import java.util.Set;

/**
 * What {@link Asyncio#wait} returns: the futures that are done and those still pending, asyncio's
 * {@code (done, pending)} pair. Immutable (the sets are unmodifiable; the futures are not).
 *
 * @param done the futures that are done (with a result, an exception, or cancelled)
 * @param pending the futures that are not
 * @param <T> the futures' result type
 */
public record WaitResult<T>(Set<Future<T>> done, Set<Future<T>> pending) {

    /** Copies both sets, keeping their iteration order. */
    public WaitResult {
        done = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(done));
        pending = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(pending));
    }
}
