package dev.asyncio4j.internal;

/**
 * What a task's body runs on: a thread of control that only its event loop suspends and resumes.
 *
 * <p>Loop-confined: every method is called either on the loop thread or on the strand while the
 * loop has handed control to it (so the loop and its strands never run at the same time).
 *
 * <p>Two implementations exist, chosen once per loop by {@link Strands}: a virtual thread whose
 * scheduler is the event loop itself (fast mode), and an ordinary virtual thread that the loop
 * hands control to and waits for (portable mode).
 */
public abstract class Strand {

    /** Schedules the first run of the body; it runs when the loop reaches it in its ready queue. */
    public abstract void start();

    /**
     * Makes the suspended strand runnable again. It continues when the loop reaches it in its ready
     * queue, exactly where asyncio would run the task's next step.
     */
    public abstract void resume();

    /**
     * Called on the strand: gives control back to the loop until {@link #resume()} is called.
     * An interrupt of the strand's thread does not end the wait: it is cleared and reported to the
     * strand's interrupt handler (thread-safe; a task turns it into a cancellation request, which
     * in time resumes the strand).
     */
    public abstract void suspend();

    /**
     * Called on the strand: lets every callback already in the ready queue run, then continues.
     * This is asyncio's bare {@code yield} ({@code await asyncio.sleep(0)}): exactly one trip
     * through the ready queue.
     */
    public abstract void yieldOnce();

    /**
     * The thread the body runs on, for stack traces and thread dumps; null until the strand's first
     * step, when it is created (so a task that waits to start costs no thread).
     */
    public abstract Thread thread();

    /**
     * Sets the uncaught-exception handler of the strand's thread, now or when it is created. A
     * task's handler marks the thread as the task's (see {@code Task.current()}).
     */
    public abstract void setUncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler);

    /**
     * The strand will never run: its task was destroyed before its first step. A first step still
     * queued does nothing.
     */
    public abstract void discard();
}
