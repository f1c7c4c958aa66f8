package dev.asyncio4j.sync;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.Future;
import java.util.ArrayDeque;

/**
 * A mutual-exclusion lock for tasks: asyncio's {@code Lock}.
 *
 * <p>A lock is not owned by a task: any task may release it. {@link #acquire()} takes it at once
 * when it is free and nobody waits; otherwise the task waits its turn. Waiters get the lock in the
 * order they asked for it (FIFO): a task that releases the lock and at once asks again queues
 * behind the waiters. A waiter cancelled after {@link #release()} chose it passes the turn on to
 * the next waiter, so a cancellation never leaves the lock free with tasks waiting.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 *
 * try (var held = await(lock.hold())) {      // async with lock:
 *     ...
 * }
 *
 * await(lock.acquire());                     // await lock.acquire()
 * try {
 *     ...
 * } finally {
 *     lock.release();
 * }
 * }</pre>
 *
 * <p>Loop-confined: use it from the tasks and callbacks of one event loop. It binds to the running
 * loop the first time a task has to wait on it; waiting on it from another loop afterwards throws
 * {@link IllegalStateException}.
 */
public final class Lock extends Acquirable {

    /*
     * Overview for maintainers (asyncio 3.13's Lock). waiters holds one future per waiting
     * acquire(), in arrival order; a waiter removes its own future when it resumes, however it
     * resumes. release() completes only the head future, and only if it is not done yet: a done
     * head is a waiter already woken (or cancelled) that has yet to run, and it will either take
     * the lock or, if cancelled, wake the next head itself.
     *
     * Invariant: if the lock is free and waiters holds a future that is not cancelled, the head
     * is done or about to be made done, so some waiter will run.
     */

    private boolean locked;

    /** An unlocked lock. It binds to an event loop only when a task first waits on it. */
    public Lock() {
        super("Lock.acquire", "Lock.hold");
    }

    /**
     * Whether the lock is held: asyncio's {@code locked()}.
     *
     * @return whether the lock is held
     */
    public boolean locked() {
        return locked;
    }

    /**
     * A coroutine that takes the lock, waiting its turn if it is held, and returns {@code true}:
     * asyncio's {@code acquire()}. Nothing happens until it is awaited.
     *
     * <p>Awaiting it throws {@link CancelledException} if the task is cancelled while it waits;
     * the lock is then not taken, and if it had just been handed to this task, it goes to the next
     * waiter.
     *
     * @return a coroutine that takes the lock, waiting its turn if it is held, and returns {@code
     *     true}
     */
    public Coroutine<Boolean> acquire() {
        return acquireCoroutine();
    }

    /** The body of {@link #acquire()}, run inline in the calling task. */
    @Override
    boolean acquireInline() throws Exception {
        // Fair: take the lock at once only if no live waiter is ahead of us. Jumping the queue
        // when every waiter is cancelled is safe, as each of them will leave without the lock.
        if (!locked && !anyLiveWaiter()) {
            locked = true;
            return true;
        }
        Future<Boolean> waiter = newWaiter();
        try {
            awaitWaiter(waiter);
        } catch (CancelledException e) {
            // Keep the invariant: if we were handed the lock (or it is free), the next waiter
            // must run instead of us.
            if (!locked) {
                wakeUpFirst();
            }
            throw e;
        }
        locked = true;
        return true;
    }


    /**
     * Releases the lock and lets the first waiter, if any, take it: asyncio's {@code release()}.
     * It does not suspend.
     *
     * @throws IllegalStateException if the lock is not held ("Lock is not acquired."; asyncio's
     *     RuntimeError)
     */
    @Override
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        locked = false;
        wakeUpFirst();
    }

    private void wakeUpFirst() {
        ArrayDeque<Future<Boolean>> queue = waiters;
        if (queue == null) {
            return;
        }
        Future<Boolean> first = queue.peekFirst();
        // A done head is already on its way: woken, or cancelled and about to pass the turn on.
        if (first != null && !first.isDone()) {
            first.setResult(Boolean.TRUE);
        }
    }

    /** {@code Lock[locked, waiters=2]}. */
    @Override
    public String toString() {
        return "Lock[" + (locked ? "locked" : "unlocked") + ", waiters=" + waiterCount() + "]";
    }
}
