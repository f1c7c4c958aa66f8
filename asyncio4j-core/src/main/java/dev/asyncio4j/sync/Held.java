package dev.asyncio4j.sync;

import dev.asyncio4j.AsyncCloseable;
import dev.asyncio4j.AsyncRunnable;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;

/**
 * An acquired {@link Lock}, {@link Semaphore} or {@link Condition}, released when closed: the Java
 * form of {@code async with lock:}. Made by {@code hold()}:
 *
 * <pre>{@code
 * try (var held = await(lock.hold())) {      // async with lock:
 *     balance += amount;                     //     balance += amount
 * }                                          // lock.release(), also on an exception
 * }</pre>
 *
 * <p>Closing it calls the primitive's {@code release()} once, exactly as asyncio's
 * {@code __aexit__} does; it does not suspend, so {@link #close()} runs inline and may be called
 * outside a task. Each primitive hands out one {@code Held} (no allocation per acquisition), so
 * closing the same {@code Held} twice releases twice, as calling {@code release()} twice would.
 *
 * <p>Loop-confined, like the primitive it releases.
 */
public final class Held implements AsyncCloseable {

    private final Releasable owner;

    Held(Releasable owner) {
        this.owner = owner;
    }

    /**
     * Releases the primitive: asyncio's {@code __aexit__}, which calls {@code release()}.
     *
     * @throws IllegalStateException if the primitive is not held (a {@link Lock}: "Lock is not
     *     acquired."; a {@link BoundedSemaphore}: "BoundedSemaphore released too many times")
     */
    @Override
    public void close() {
        owner.release();
    }

    /** A coroutine that releases the primitive, for code that wants {@code aclose()} explicitly. */
    @Override
    public Coroutine<Void> aclose() {
        return Asyncio.async("Held.aclose", (AsyncRunnable) owner::release);
    }

    /** {@code Held[Lock[locked, waiters=0]]}. */
    @Override
    public String toString() {
        return "Held[" + owner + "]";
    }
}
