package dev.asyncio4j.sync;

/** A primitive that {@link Held#close()} releases: a lock, a semaphore or a condition's lock. */
interface Releasable {

    /** Releases one acquisition, as the primitive's public {@code release()} does. */
    void release();
}
