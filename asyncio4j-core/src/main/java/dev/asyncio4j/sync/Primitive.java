package dev.asyncio4j.sync;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import java.util.ArrayDeque;

/**
 * What every primitive has: the loop it binds to the first time it makes a task wait (asyncio's
 * {@code mixins._LoopBoundMixin}), and the FIFO of futures its waiting tasks await (asyncio's
 * {@code _waiters}). Package-private base.
 */
abstract class Primitive {

    // The one lock every binding takes, as asyncio's module-level _global_lock.
    private static final Object BINDING = new Object();

    // Invariant: null until the first wait, then the loop of that wait, never changed. Written
    // under BINDING; a plain read that sees null or another loop re-checks under BINDING.
    private EventLoop loop;

    // One future per waiting task, in arrival order; made on the first wait, as most primitives
    // are never contended. A waiter removes its own future when it resumes, however it resumes.
    ArrayDeque<Future<Boolean>> waiters;

    /**
     * The running loop, after binding this primitive to it if it is not bound yet: asyncio's
     * {@code _get_loop()}.
     *
     * @throws IllegalStateException outside a running loop ("no running event loop"), or if the
     *     primitive is bound to another loop ("... is bound to a different event loop")
     */
    final EventLoop boundLoop() {
        EventLoop running = Asyncio.getRunningLoop();
        if (running != loop) {
            bind(running);
        }
        return running;
    }

    private void bind(EventLoop running) {
        synchronized (BINDING) {
            if (loop == null) {
                loop = running;
            } else if (loop != running) {
                throw new IllegalStateException(this + " is bound to a different event loop");
            }
        }
    }

    /** A new future of the bound loop, appended to the waiters, for the calling task to await. */
    final Future<Boolean> newWaiter() {
        Future<Boolean> waiter = boundLoop().createFuture();
        ArrayDeque<Future<Boolean>> queue = waiters;
        if (queue == null) {
            queue = new ArrayDeque<>();
            waiters = queue;
        }
        queue.addLast(waiter);
        return waiter;
    }

    /**
     * Awaits {@code waiter} in the calling task, then removes it from the waiters whether it was
     * completed, cancelled, or the task was cancelled. Usually it is the head, so this is O(1).
     */
    final void awaitWaiter(Future<Boolean> waiter) throws Exception {
        try {
            Asyncio.await(waiter);
        } finally {
            waiters.removeFirstOccurrence(waiter);
        }
    }

    /**
     * Whether a waiter that is not cancelled is queued: asyncio's
     * {@code any(not w.cancelled() for w in _waiters)}. Answers from the head when it can.
     */
    final boolean anyLiveWaiter() {
        ArrayDeque<Future<Boolean>> queue = waiters;
        if (queue == null) {
            return false;
        }
        Future<Boolean> head = queue.peekFirst();
        if (head == null) {
            return false;
        }
        if (!head.isCancelled()) {
            return true;
        }
        for (Future<Boolean> waiter : queue) {
            if (!waiter.isCancelled()) {
                return true;
            }
        }
        return false;
    }

    /** How many futures wait, woken or cancelled ones that have not run yet included (asyncio's len(_waiters)). */
    final int waiterCount() {
        ArrayDeque<Future<Boolean>> queue = waiters;
        return queue == null ? 0 : queue.size();
    }
}
