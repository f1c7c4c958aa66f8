package dev.asyncio4j.internal;

/** What a {@link Strand} runs, and whom it tells when its thread is interrupted. */
public interface StrandBody extends Runnable {

    /**
     * The strand's thread was interrupted while suspended; called on that thread, possibly without
     * control of the loop, so the implementation must be thread-safe.
     */
    void interrupted();
}
