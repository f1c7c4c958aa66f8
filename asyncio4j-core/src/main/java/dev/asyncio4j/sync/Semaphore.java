package dev.asyncio4j.sync;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.Future;
import java.util.ArrayDeque;

/**
 * A counter of permits for tasks: asyncio's {@code Semaphore}.
 *
 * <p>{@link #acquire()} takes a permit, waiting while there is none; {@link #release()} gives one
 * back and wakes the longest waiter. Waiters are served in FIFO order: while any task waits, a
 * newcomer queues behind it even if a permit is free (then {@link #locked()} is true). A waiter
 * cancelled after it was handed a permit gives the permit back to the next waiter.
 *
 * <pre>{@code
 * Semaphore slots = new Semaphore(10);           // at most 10 downloads at a time
 * try (var held = await(slots.hold())) {         // async with slots:
 *     await(download(url));
 * }
 * }</pre>
 *
 * <p>{@link #release()} may raise the value above its initial value; {@link BoundedSemaphore}
 * refuses that.
 *
 * <p>Loop-confined: use it from the tasks and callbacks of one event loop. It binds to the running
 * loop the first time a task has to wait on it.
 */
public sealed class Semaphore extends Acquirable permits BoundedSemaphore {

    /*
     * Overview for maintainers (asyncio 3.13's Semaphore). value counts the free permits, minus
     * those already handed to woken waiters that have not run yet: wakeUpNext() takes the permit
     * for the waiter when it completes its future. A waiter that is then cancelled before it runs
     * gives that permit back (value++). After every wait, however it ends, the waiter wakes as
     * many further waiters as value allows, since newcomers queued behind it for fairness.
     *
     * Invariant: value >= 0; a waiter's future is completed (not cancelled) only together with
     * value-- on its behalf.
     */

    int value;

    /** A semaphore with one permit: asyncio's {@code Semaphore()}. */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code value} permits: asyncio's {@code Semaphore(value)}.
     *
     * @param value the number of permits at the start
     * @throws IllegalArgumentException if {@code value} is negative ("Semaphore initial value must
     *     be >= 0"; asyncio's ValueError)
     */
    public Semaphore(int value) {
        super("Semaphore.acquire", "Semaphore.hold");
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0");
        }
        this.value = value;
    }

    /**
     * Whether {@link #acquire()} would wait: no permit is free, or (FIFO) a task not cancelled is
     * already waiting. asyncio's {@code locked()}.
     *
     * @return whether {@link #acquire()} would wait: no permit is free, or (FIFO) a task not
     *     cancelled is already waiting
     */
    public boolean locked() {
        return value == 0 || anyLiveWaiter();
    }

    /**
     * A coroutine that takes a permit, waiting its turn while there is none, and returns
     * {@code true}: asyncio's {@code acquire()}. Nothing happens until it is awaited. If the task is
     * cancelled while it waits, awaiting it throws {@link CancelledException} and no permit is
     * taken.
     *
     * @return a coroutine that takes a permit, waiting its turn while there is none, and returns
     *     {@code true}
     */
    public Coroutine<Boolean> acquire() {
        return acquireCoroutine();
    }

    /** The body of {@link #acquire()}, run inline in the calling task. */
    @Override
    boolean acquireInline() throws Exception {
        if (!locked()) {
            value--;
            return true;
        }
        Future<Boolean> waiter = newWaiter();
        try {
            awaitWaiter(waiter);
        } catch (CancelledException e) {
            if (waiter.isDone() && !waiter.isCancelled()) {
                // Handed a permit, but we will not take it: give it back.
                value++;
            }
            throw e;
        } finally {
            // Newcomers may have queued behind us for fairness: wake as many as there are permits.
            while (value > 0) {
                if (!wakeUpNext()) {
                    break;
                }
            }
        }
        return true;
    }

    /**
     * Gives a permit back and wakes the longest-waiting task, if any: asyncio's {@code release()}.
     * It does not suspend. A plain semaphore may go above its initial value.
     */
    @Override
    public void release() {
        value++;
        wakeUpNext();
    }

    /** Hands a permit to the first waiter not yet woken; false if there is none. */
    private boolean wakeUpNext() {
        ArrayDeque<Future<Boolean>> queue = waiters;
        if (queue == null) {
            return false;
        }
        Future<Boolean> next = queue.peekFirst();
        if (next == null) {
            return false;
        }
        if (next.isDone()) {
            // Woken ones that have not run yet are ahead: find the first not woken.
            next = null;
            for (Future<Boolean> waiter : queue) {
                if (!waiter.isDone()) {
                    next = waiter;
                    break;
                }
            }
            if (next == null) {
                return false;
            }
        }
        value--;
        next.setResult(Boolean.TRUE);
        return true;
    }

    /** {@code Semaphore[unlocked, value=2, waiters=0]}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (locked() ? "locked" : "unlocked") + ", value=" + value
                + ", waiters=" + waiterCount() + "]";
    }
}
