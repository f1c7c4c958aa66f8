package dev.asyncio4j.sync;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;

/**
 * A meeting point for a fixed number of tasks: asyncio's {@code Barrier} (the async counterpart of
 * {@code threading.Barrier}).
 *
 * <p>Each task calls {@link #waitAsync()}; the tasks wait until {@link #parties()} of them have
 * arrived, then all go on at once, each with its own arrival index from 0 to {@code parties - 1}.
 * The barrier can then be used again. {@link #reset()} sends the waiting tasks a
 * {@link BrokenBarrierException} and makes the barrier usable again; {@link #abort()} breaks it
 * for good (every current and later wait fails). asyncio's {@code BrokenBarrierError} is the JDK's
 * {@link BrokenBarrierException}, as {@code threading.BrokenBarrierError}'s counterpart is for
 * {@link java.util.concurrent.CyclicBarrier}.
 *
 * <pre>{@code
 * Barrier ready = new Barrier(3);
 * int index = await(ready.waitAsync());          // index = await ready.wait()
 * if (index == 0) {
 *     System.out.println("everyone is here");
 * }
 * }</pre>
 *
 * <p>Loop-confined: use it from the tasks of one event loop. It binds to the running loop the first
 * time a task waits on it.
 */
public final class Barrier {

    /*
     * Overview for maintainers (asyncio 3.13's Barrier). State machine, guarded by cond's lock:
     *   FILLING   -> tasks arrive (count = tasks inside); the parties-th arrival moves to DRAINING
     *   DRAINING  -> the released tasks leave; the last one out moves back to FILLING
     *   RESETTING -> reset() with tasks inside: they leave with BrokenBarrierException; the last
     *                one out moves to FILLING
     *   BROKEN    -> abort(): final until reset()
     * New arrivals wait (in block()) while the barrier drains or resets, so a barrier reused in
     * a loop never mixes two rounds. Every state change is followed by cond.notifyAllWaiters().
     */

    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final int parties;
    private final Condition cond = new Condition();
    private State state = State.FILLING;
    // Tasks inside wait(): arrived and not yet left.
    private int count;

    /**
     * A barrier for {@code parties} tasks: asyncio's {@code Barrier(parties)}.
     *
     * @param parties how many tasks the barrier waits for
     * @throws IllegalArgumentException if {@code parties} is less than 1 ("parties must be >= 1";
     *     asyncio's ValueError)
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1");
        }
        this.parties = parties;
    }

    /**
     * A coroutine that waits until {@link #parties()} tasks are waiting, then returns this task's
     * arrival index, from 0 to {@code parties - 1}: asyncio's {@code wait()} (renamed because
     * {@code Object.wait()} is final). If the barrier is draining or resetting when it is awaited,
     * it first waits for that to end.
     *
     * <p>Awaiting it throws {@link BrokenBarrierException} if the barrier is broken ("Barrier
     * aborted") or is reset or aborted while the task waits ("Abort or reset of barrier"), and
     * {@link dev.asyncio4j.CancelledException} if the task is cancelled.
     *
     * @return a coroutine that waits until {@link #parties()} tasks are waiting, then returns this
     *     task's arrival index, from 0 to {@code parties - 1}
     */
    public Coroutine<Integer> waitAsync() {
        return Asyncio.async("Barrier.wait", this::waitInline);
    }

    private int waitInline() throws Exception {
        cond.lock().acquireInline();
        try {
            block();
            try {
                int index = count;
                count++;
                if (index + 1 == parties) {
                    release();
                } else {
                    waitReleased();
                }
                return index;
            } finally {
                count--;
                exit();
            }
        } finally {
            cond.release();
        }
    }

    /** Waits while the barrier drains or resets; throws if it is broken. */
    private void block() throws Exception {
        cond.waitForInline(() -> state != State.DRAINING && state != State.RESETTING);
        if (state == State.BROKEN) {
            throw new BrokenBarrierException("Barrier aborted");
        }
    }

    /** The last party arrived: let everyone go. */
    private void release() {
        state = State.DRAINING;
        cond.notifyAllWaiters();
    }

    /** Waits for the last party; throws if the barrier is reset or aborted meanwhile. */
    private void waitReleased() throws Exception {
        cond.waitForInline(() -> state != State.FILLING);
        if (state == State.BROKEN || state == State.RESETTING) {
            throw new BrokenBarrierException("Abort or reset of barrier");
        }
    }

    /** A task left; the last one out ends draining or resetting. */
    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.notifyAllWaiters();
        }
    }

    /**
     * A coroutine that resets the barrier to its initial, filling state: asyncio's
     * {@code reset()}. Tasks waiting in it get {@link BrokenBarrierException}; a broken barrier
     * becomes usable again.
     *
     * @return a coroutine that resets the barrier to its initial, filling state
     */
    public Coroutine<Void> reset() {
        return Asyncio.async("Barrier.reset", () -> {
            cond.lock().acquireInline();
            try {
                if (count > 0) {
                    state = State.RESETTING;
                } else {
                    state = State.FILLING;
                }
                cond.notifyAllWaiters();
            } finally {
                cond.release();
            }
        });
    }

    /**
     * A coroutine that breaks the barrier: asyncio's {@code abort()}. Tasks waiting in it, and
     * every later {@link #waitAsync()} until {@link #reset()}, get {@link BrokenBarrierException}.
     * Useful when one party fails and the others must not wait for it forever.
     *
     * @return a coroutine that breaks the barrier
     */
    public Coroutine<Void> abort() {
        return Asyncio.async("Barrier.abort", () -> {
            cond.lock().acquireInline();
            try {
                state = State.BROKEN;
                cond.notifyAllWaiters();
            } finally {
                cond.release();
            }
        });
    }

    /**
     * The number of tasks needed to pass the barrier: asyncio's {@code parties}.
     *
     * @return the number of tasks needed to pass the barrier
     */
    public int parties() {
        return parties;
    }

    /**
     * The number of tasks waiting for the barrier to fill: asyncio's {@code n_waiting}.
     *
     * @return the number of tasks waiting for the barrier to fill
     */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /**
     * Whether the barrier is broken (aborted and not reset): asyncio's {@code broken}.
     *
     * @return whether the barrier is broken (aborted and not reset)
     */
    public boolean isBroken() {
        return state == State.BROKEN;
    }

    /** Tasks inside the barrier, whatever its state (asyncio's _count), for tests. */
    int count() {
        return count;
    }

    /** {@code Barrier[filling, waiters=2/5]}, or {@code Barrier[broken]}. */
    @Override
    public String toString() {
        String name = state.name().toLowerCase(Locale.ROOT);
        return state == State.BROKEN ? "Barrier[" + name + "]"
                : "Barrier[" + name + ", waiters=" + nWaiting() + "/" + parties + "]";
    }
}
