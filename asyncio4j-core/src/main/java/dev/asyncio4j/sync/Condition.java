package dev.asyncio4j.sync;

import dev.asyncio4j.AsyncCallable;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.Future;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks: asyncio's {@code Condition} (the async counterpart of
 * {@code threading.Condition}).
 *
 * <p>Tasks wait on it, holding its lock, until another task notifies them. The lock is its own
 * {@link Lock}, or one given to the constructor so several conditions can share it.
 * {@link #waitAsync()} releases the lock, waits to be notified, then takes the lock again before it
 * returns, even when the task is cancelled while it waits: a cancelled {@code waitAsync()} always
 * throws with the lock held, so a {@code try (var held = ...)} around it stays correct.
 *
 * <pre>{@code
 * Condition changed = new Condition();
 *
 * try (var held = await(changed.hold())) {           // async with changed:
 *     await(changed.waitFor(() -> !items.isEmpty())); //     await changed.wait_for(...)
 *     item = items.removeFirst();
 * }
 *
 * try (var held = await(changed.hold())) {           // async with changed:
 *     items.add(item);
 *     changed.notify(1);                             //     changed.notify()
 * }
 * }</pre>
 *
 * <p>Java's {@code Object} declares {@code wait()}, {@code notify()} and {@code notifyAll()}
 * final: asyncio's {@code wait()} is {@link #waitAsync()}, {@code notify()} is
 * {@link #notify(int) notify(1)} and {@code notify_all()} is {@link #notifyAllWaiters()}. Calling
 * {@code Object}'s {@code notify()} or {@code notifyAll()} on a condition by mistake throws
 * {@link IllegalMonitorStateException}.
 *
 * <p>Loop-confined: use it from the tasks and callbacks of one event loop. It binds to the running
 * loop the first time a task waits on it; its lock binds separately.
 */
public final class Condition extends Acquirable {

    /*
     * Overview for maintainers (asyncio 3.13's Condition). waiters holds one future per task in
     * waitAsync(), in arrival order; notify(n) completes the first n that are not done. A woken
     * waiter then re-acquires the lock, retrying through cancellations (it must return holding
     * the lock) and re-throwing the last cancellation once it has it. Any exception out of
     * waitAsync() may come after this task was notified, so it passes one notification on
     * (notifyInternal(1)): a possible spurious wake-up, which the condition-variable contract
     * allows, instead of a lost one.
     */

    private final Lock lock;
    private final AsyncCallable<Boolean> waitBody = this::waitInline;

    /** A condition with a new {@link Lock} of its own. */
    public Condition() {
        this(new Lock());
    }

    /**
     * A condition over {@code lock}, which other conditions may share: asyncio's {@code
     * Condition(lock)}.
     *
     * @param lock the lock to use
     */
    public Condition(Lock lock) {
        super("Condition.acquire", "Condition.hold");
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /**
     * The underlying lock.
     *
     * @return the underlying lock
     */
    public Lock lock() {
        return lock;
    }

    /**
     * Whether the underlying lock is held: asyncio's {@code locked()}.
     *
     * @return whether the underlying lock is held
     */
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Takes the underlying lock: asyncio's {@code acquire()}, the lock's {@link Lock#acquire()}.
     *
     * @return a coroutine to await for the result
     */
    public Coroutine<Boolean> acquire() {
        return acquireCoroutine();
    }

    @Override
    boolean acquireInline() throws Exception {
        return lock.acquireInline();
    }

    /**
     * Releases the underlying lock: asyncio's {@code release()}, the lock's {@link Lock#release()}.
     *
     * @throws IllegalStateException if the lock is not held ("Lock is not acquired.")
     */
    @Override
    public void release() {
        lock.release();
    }

    /**
     * A coroutine that releases the lock, waits until notified, takes the lock again and returns
     * {@code true}: asyncio's {@code wait()} (renamed because {@code Object.wait()} is final). The
     * calling task must hold the lock. It may return without a matching notify (a spurious
     * wake-up, as the condition-variable protocol allows), so callers re-check their condition, or
     * use {@link #waitFor(BooleanSupplier)}.
     *
     * <p>If the task is cancelled while it waits or while it takes the lock back, awaiting it
     * throws that {@link CancelledException}, with the lock held again.
     *
     * @return a coroutine that releases the lock, waits until notified, takes the lock again and
     *     returns {@code true}
     * @throws IllegalStateException (when awaited) if the lock is not held ("cannot wait on
     *     un-acquired lock")
     */
    public Coroutine<Boolean> waitAsync() {
        return Asyncio.async("Condition.wait", waitBody);
    }

    /** The body of {@link #waitAsync()}, run inline in the calling task. */
    boolean waitInline() throws Exception {
        if (!lock.locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        Future<Boolean> waiter = newWaiter();
        lock.release();
        try {
            try {
                awaitWaiter(waiter);
                return true;
            } finally {
                // Must hold the lock again whatever happened; an exception thrown here replaces
                // the one in flight, as asyncio's raise in its finally clause does.
                reacquire();
            }
        } catch (Throwable e) {
            // We may have been notified before the exception: pass the notification on.
            notifyInternal(1);
            throw e;
        }
    }

    /** Takes the lock, retrying through cancellations; then throws the last one, if any. */
    private void reacquire() throws Exception {
        CancelledException cancelled = null;
        while (true) {
            try {
                lock.acquireInline();
                break;
            } catch (CancelledException e) {
                cancelled = e;
            }
        }
        if (cancelled != null) {
            throw cancelled;
        }
    }

    /**
     * A coroutine that waits, as {@link #waitAsync()} does, until {@code predicate} is true, and
     * returns {@code true}: asyncio's {@code wait_for(predicate)}. The predicate is evaluated
     * first, with the lock held if the caller holds it, and again after each wake-up; if it is
     * true at once, the coroutine returns without waiting (and then the lock need not be held).
     *
     * @param predicate what to test
     * @return a coroutine that waits, as {@link #waitAsync()} does, until {@code predicate} is
     *     true, and returns {@code true}
     * @throws IllegalStateException (when awaited) if the predicate is false and the lock is not
     *     held ("cannot wait on un-acquired lock")
     */
    public Coroutine<Boolean> waitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return Asyncio.async("Condition.wait_for", () -> waitForInline(predicate));
    }

    /** The body of {@link #waitFor(BooleanSupplier)}, run inline in the calling task. */
    boolean waitForInline(BooleanSupplier predicate) throws Exception {
        while (!predicate.getAsBoolean()) {
            waitInline();
        }
        return true;
    }

    /**
     * Wakes up to {@code n} of the tasks waiting on this condition, longest-waiting first:
     * asyncio's {@code notify(n)}. The caller must hold the lock; the woken tasks return from
     * {@link #waitAsync()} only once they get the lock back, so the caller should release it.
     *
     * @param n how many
     * @throws IllegalStateException if the lock is not held ("cannot notify on un-acquired lock")
     */
    public void notify(int n) {
        if (!lock.locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        notifyInternal(n);
    }

    /**
     * Wakes every task waiting on this condition: asyncio's {@code notify_all()} (renamed because
     * {@code Object.notifyAll()} is final).
     *
     * @throws IllegalStateException if the lock is not held ("cannot notify on un-acquired lock")
     */
    public void notifyAllWaiters() {
        notify(waiterCount());
    }

    private void notifyInternal(int n) {
        if (waiters == null) {
            return;
        }
        int woken = 0;
        for (Future<Boolean> waiter : waiters) {
            if (woken >= n) {
                break;
            }
            if (!waiter.isDone()) {
                woken++;
                waiter.setResult(Boolean.FALSE);
            }
        }
    }

    /** {@code Condition[locked, waiters=2]}. */
    @Override
    public String toString() {
        return "Condition[" + (lock.locked() ? "locked" : "unlocked") + ", waiters=" + waiterCount() + "]";
    }
}
