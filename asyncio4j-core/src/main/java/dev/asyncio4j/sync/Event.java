package dev.asyncio4j.sync;

import dev.asyncio4j.AsyncCallable;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.Future;
import java.util.ArrayDeque;

/**
 * A flag tasks can wait for: asyncio's {@code Event} (the async counterpart of
 * {@code threading.Event}).
 *
 * <p>The flag starts false. {@link #set()} makes it true and wakes every waiting task, in the
 * order they started waiting; {@link #clear()} makes it false again; {@link #waitAsync()} returns
 * at once while it is true.
 *
 * <pre>{@code
 * Event ready = new Event();
 * createTask(async(() -> {
 *     await(ready.waitAsync());              // await ready.wait()
 *     System.out.println("go");
 * }));
 * ready.set();
 * }</pre>
 *
 * <p>Loop-confined: use it from the tasks and callbacks of one event loop. It binds to the running
 * loop the first time a task waits on it.
 */
public final class Event extends Primitive {

    /*
     * Overview for maintainers (asyncio 3.13's Event). waiters holds one future per waiting task,
     * in arrival order; each waiter removes its own future when it resumes. set() completes every
     * future not yet done; a waiter woken by set() returns true even if clear() ran before it
     * resumed (asyncio: a set that was observed is not taken back).
     */

    private boolean value;
    private final AsyncCallable<Boolean> waitBody = this::waitInline;

    /** An event whose flag is false. */
    public Event() {}

    /**
     * Whether the flag is true: asyncio's {@code is_set()}.
     *
     * @return whether the flag is true
     */
    public boolean isSet() {
        return value;
    }

    /**
     * Makes the flag true and wakes every task waiting for it: asyncio's {@code set()}. Tasks
     * that wait while it is true do not wait at all. Does nothing if it is already true.
     */
    public void set() {
        if (value) {
            return;
        }
        value = true;
        ArrayDeque<Future<Boolean>> queue = waiters;
        if (queue != null) {
            for (Future<Boolean> waiter : queue) {
                if (!waiter.isDone()) {
                    waiter.setResult(Boolean.TRUE);
                }
            }
        }
    }

    /** Makes the flag false, so later waits block until the next {@link #set()}: asyncio's {@code clear()}. */
    public void clear() {
        value = false;
    }

    /**
     * A coroutine that waits until the flag is true and returns {@code true}: asyncio's
     * {@code wait()} (renamed because {@code Object.wait()} is final). Returns at once if the flag
     * is already true. Awaiting it throws {@link dev.asyncio4j.CancelledException} if the task is
     * cancelled while it waits.
     *
     * @return a coroutine that waits until the flag is true and returns {@code true}
     */
    public Coroutine<Boolean> waitAsync() {
        return Asyncio.async("Event.wait", waitBody);
    }

    /** The body of {@link #waitAsync()}, run inline in the calling task. */
    boolean waitInline() throws Exception {
        if (value) {
            return true;
        }
        awaitWaiter(newWaiter());
        return true;
    }

    /** {@code Event[unset, waiters=2]}. */
    @Override
    public String toString() {
        return "Event[" + (value ? "set" : "unset") + ", waiters=" + waiterCount() + "]";
    }
}
