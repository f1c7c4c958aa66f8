package dev.asyncio4j.internal;

/**
 * What a {@link Strand} needs from its event loop: a place in the ready queue.
 *
 * <p>Implemented by the event loop. {@link #enqueue} is thread-safe: from the loop (or a strand
 * holding control) it appends to the ready queue directly; from any other thread it goes through
 * the loop's thread-safe inbound queue and wakes the loop's selector.
 */
public interface LoopScheduler {

    /** Appends {@code step} to the ready queue; it runs in a later pass over that queue. */
    void enqueue(Runnable step);

    /** True on the loop thread, or on a strand of this loop while it holds control. */
    boolean inLoop();

    /** How many ready items the loop has run so far; loop-confined. */
    long stepsRun();

    /**
     * Starts a virtual thread whose scheduler is this loop and runs its first step at once, on the
     * calling loop thread, instead of queueing it. Called from a ready item, never from a strand.
     */
    void startInline(Thread thread);
}
