package dev.asyncio4j.sync;

import dev.asyncio4j.AsyncCallable;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;

/**
 * What {@link Lock}, {@link Semaphore} and {@link Condition} share: an acquire body run inline,
 * the coroutines made from it, and the {@link Held} that {@code hold()} returns. asyncio's
 * {@code _ContextManagerMixin}. Package-private base.
 */
abstract class Acquirable extends Primitive implements Releasable {

    // The coroutine bodies and the Held, made once: awaiting acquire() or hold() allocates only
    // the coroutine.
    private final AsyncCallable<Boolean> acquireBody = this::acquireInline;
    private final AsyncCallable<Held> holdBody = this::holdInline;
    private final Held held = new Held(this);
    private final String acquireName;
    private final String holdName;

    Acquirable(String acquireName, String holdName) {
        this.acquireName = acquireName;
        this.holdName = holdName;
    }

    /** Acquires, waiting if need be, in the calling task; returns true. */
    abstract boolean acquireInline() throws Exception;

    /** The coroutine {@code acquire()} returns. */
    final Coroutine<Boolean> acquireCoroutine() {
        return Asyncio.async(acquireName, acquireBody);
    }

    /**
     * A coroutine that acquires as {@code acquire()} does and returns the {@link Held} whose
     * {@code close()} releases: {@code async with primitive:} (asyncio's {@code __aenter__} and
     * {@code __aexit__}).
     *
     * <pre>{@code
     * try (var held = await(lock.hold())) {
     *     ...                                // held here
     * }                                      // released here, also on an exception
     * }</pre>
     *
     * @return a coroutine that acquires as {@code acquire()} does and returns the {@link Held}
     *     whose {@code close()} releases: {@code async with primitive:} (asyncio's {@code
     *     __aenter__} and {@code __aexit__})
     */
    public final Coroutine<Held> hold() {
        return Asyncio.async(holdName, holdBody);
    }

    private Held holdInline() throws Exception {
        acquireInline();
        return held;
    }
}
