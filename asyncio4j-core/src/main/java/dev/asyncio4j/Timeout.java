package dev.asyncio4j;

import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Cancels the code it surrounds when a deadline passes and turns that cancellation into a
 * {@link TimeoutException}: asyncio's {@code Timeout} ({@code asyncio.timeout()},
 * {@code asyncio.timeout_at()}).
 *
 * <pre>{@code
 * // async with asyncio.timeout(10):
 * //     await long_running_task()
 * try (Timeout t = timeout(Duration.ofSeconds(10))) {
 *     await(longRunningTask());
 * }                   // the coroutine containing this raises TimeoutException if the deadline passed
 *
 * // the exact form, when the TimeoutException is to be caught right here:
 * try {
 *     timeout(Duration.ofSeconds(10), () -> await(longRunningTask()));
 * } catch (TimeoutException e) { ... }
 * }</pre>
 *
 * <p>When the deadline passes, the task running the body is cancelled: the body's pending
 * {@code await} throws {@link CancelledException}, so its {@code finally} blocks and cancellation
 * handlers run as for any cancellation. When the body leaves with that cancellation and no other
 * cancel request is pending ({@link Task#cancelling()} is back where it was on entry), asyncio
 * raises {@link TimeoutException} (caused by the {@code CancelledException}) in its place. A cancel
 * from outside wins: then the {@code CancelledException} goes on. {@link #reschedule} moves the
 * deadline; {@link #when} reads it; {@link #expired} says whether it passed.
 *
 * <p>{@link Asyncio#timeout(java.time.Duration)} and {@link Asyncio#timeoutAt(Double)} return an
 * entered Timeout, ready for try-with-resources (Java has no separate enter step);
 * {@link #Timeout(Double)} makes one in state {@code CREATED}, entered by {@link #enter()} or
 * {@link #run}. Loop-confined: use it in the task that entered it (reschedule from the loop's
 * other tasks and callbacks too).
 */
public final class Timeout implements AutoCloseable {

    /*
     * Overview for maintainers.
     *
     * States, as timeouts.py's _State: CREATED -enter-> ENTERED -deadline-> EXPIRING -exit->
     * EXPIRED; ENTERED -exit-> EXITED. onTimeout() cancels the task once (one cancel request,
     * counted in task.cancelling()); exit() takes it back with uncancel() and converts the body's
     * CancelledException into a TimeoutException only when uncancel() <= cancellingOnEntry, that
     * is, when no one else asked to cancel the task meanwhile (an outer cancel wins, and nested
     * timeouts each take back exactly their own request).
     *
     * The try-with-resources problem. close() is called without the exception the body threw
     * (JLS 14.20.3), and whatever close() throws is only attached to that exception as suppressed:
     * close() can neither see nor replace it. So:
     *  - run(body) is the exact form: it catches the body's exception and calls exit(it).
     *  - close() infers the body's exception: if the deadline passed and the task has had a
     *    CancelledException thrown into it since (Task.lastCancellation changed), the body is taken
     *    to be leaving with that one; otherwise it is taken to have finished normally (which is also
     *    right when it swallowed the cancellation: then asyncio raises nothing). When asyncio would
     *    raise TimeoutException, close() records it as that CancelledException's replacement and
     *    returns; Coroutine raises the replacement when the CancelledException leaves the
     *    coroutine. Code in the same coroutine, after the try statement, still sees the
     *    CancelledException (with the replacement attached); run() or Asyncio.timeout(delay, body)
     *    gives it the TimeoutException itself. close() never throws: a body that swallowed the
     *    cancellation continues normally, as in asyncio.
     * Not reproduced: asyncio inserts a TimeoutError into the __context__ chain of a foreign
     * exception raised after expiry; Java has no implicit context chain.
     */

    /** A Timeout's state: timeouts.py's {@code _State}; {@link #toString()} shows each as asyncio does. */
    public enum State {
        /** Made, not entered. */
        CREATED("created"),
        /** Entered: the deadline, if any, is armed. */
        ENTERED("active"),
        /** The deadline passed and the task was cancelled; the body has not left yet. */
        EXPIRING("expiring"),
        /** Left after the deadline passed. */
        EXPIRED("expired"),
        /** Left before the deadline. */
        EXITED("finished");

        private final String value;

        State(String value) {
            this.value = value;
        }

        /**
         * asyncio's name for the state ({@code "active"}, {@code "finished"} ...).
         *
         * @return asyncio's name for the state ({@code "active"}, {@code "finished"} ...)
         */
        public String value() {
            return value;
        }
    }

    private State state = State.CREATED;
    private Double when;
    // The armed deadline: a timer, or a callSoon handle for a deadline already past.
    private Handle timer;
    private Task<?> task;
    private int cancellingOnEntry;
    // task.lastCancellation when the deadline passed: a different one later means the
    // cancellation reached the body.
    private CancelledException lastCancellationAtExpiry;

    /**
     * A timeout that is not entered yet: asyncio's {@code Timeout(when)}.
     *
     * @param when the deadline in loop time (seconds, see {@link EventLoop#time()}), or null for
     *     none
     */
    public Timeout(Double when) {
        if (when != null && when.isNaN()) {
            throw new IllegalArgumentException("when cannot be NaN");
        }
        this.when = when;
    }

    /**
     * The deadline in loop time (seconds), or null if none: asyncio's {@code when()}.
     *
     * @return the deadline in loop time (seconds), or null if none
     */
    public Double when() {
        return when;
    }

    /**
     * The current state.
     *
     * @return the current state
     */
    public State state() {
        return state;
    }

    /**
     * Moves the deadline: asyncio's {@code reschedule(when)}. A deadline already past expires the
     * timeout in the loop's next iteration.
     *
     * @param newWhen the new deadline in loop time (seconds), or null for none
     * @throws IllegalStateException if the timeout is not active ("Timeout has not been entered",
     *     "Cannot change state of expiring Timeout" ...)
     */
    public void reschedule(Double newWhen) {
        if (state != State.ENTERED) {
            if (state == State.CREATED) {
                throw new IllegalStateException("Timeout has not been entered");
            }
            throw new IllegalStateException("Cannot change state of " + state.value + " Timeout");
        }
        if (newWhen != null && newWhen.isNaN()) {
            throw new IllegalArgumentException("when cannot be NaN");
        }
        when = newWhen;
        if (timer != null) {
            timer.cancel();
        }
        if (newWhen == null) {
            timer = null;
            return;
        }
        EventLoop loop = task.loop;
        timer = newWhen <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(newWhen, this::onTimeout);
    }

    /**
     * Whether the deadline passed while the timeout was active: asyncio's {@code expired()}.
     *
     * @return whether the deadline passed while the timeout was active
     */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /**
     * Enters the timeout in the current task and arms its deadline: asyncio's {@code __aenter__}.
     *
     * @return this
     * @throws IllegalStateException if already entered ("Timeout has already been entered") or
     *     called outside a task ("Timeout should be used inside a task")
     */
    public Timeout enter() {
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered");
        }
        Task<?> current = Task.current();
        if (current == null) {
            throw new IllegalStateException("Timeout should be used inside a task");
        }
        task = current;
        cancellingOnEntry = current.cancelling();
        state = State.ENTERED;
        reschedule(when);
        return this;
    }

    private void onTimeout() {
        if (state != State.ENTERED) {
            return;
        }
        lastCancellationAtExpiry = task.lastCancellation;
        task.cancel();
        state = State.EXPIRING;
        timer = null;
    }

    /**
     * asyncio's {@code __aexit__}: the body left, with {@code bodyError} (null: normally).
     *
     * @return what to raise in place of {@code bodyError} (a TimeoutException), or null to let
     *     {@code bodyError} (or the normal exit) stand
     */
    TimeoutException exit(Throwable bodyError) {
        if (state != State.ENTERED && state != State.EXPIRING) {
            throw new IllegalStateException("Cannot exit a " + state.value + " Timeout");
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (state == State.ENTERED) {
            state = State.EXITED;
            return null;
        }
        state = State.EXPIRED;
        if (task.uncancel() <= cancellingOnEntry && bodyError instanceof CancelledException cancelled) {
            TimeoutException timedOut = new TimeoutException();
            timedOut.initCause(cancelled);
            return timedOut;
        }
        return null;
    }

    /**
     * Runs {@code body} inside this timeout, in the current task, and returns its result: the
     * exact form of {@code async with timeout: return await ...}. Enters the timeout first.
     *
     * @param <T> the result type
     * @param body the coroutine's body
     * @return the body's result
     * @throws TimeoutException if the deadline passed and the body left with the resulting
     *     cancellation
     * @throws Exception what the body threw, otherwise
     */
    public <T> T run(AsyncCallable<T> body) throws Exception {
        enter();
        return Scopes.run(body, error -> {
            TimeoutException timedOut = exit(error);
            return timedOut != null ? timedOut : error;
        });
    }

    /**
     * {@link #run(AsyncCallable)} for a body without a result.
     *
     * @param body the coroutine's body
     * @throws Exception the body's own exception, or {@link java.util.concurrent.TimeoutException}
     *     if the deadline passed
     */
    public void run(AsyncRunnable body) throws Exception {
        run(Scopes.callable(body));
    }

    /**
     * Leaves the timeout at the end of a try-with-resources block: asyncio's {@code __aexit__},
     * with the body's exception inferred as the class overview describes. Never throws; when
     * asyncio would raise {@link TimeoutException} in place of the body's
     * {@link CancelledException}, the coroutine raises it as that exception leaves the coroutine.
     */
    @Override
    public void close() {
        CancelledException leaving = state == State.EXPIRING
                && task.lastCancellation != lastCancellationAtExpiry ? task.lastCancellation : null;
        Throwable body = leaving == null ? null : Scopes.leaving(leaving);
        TimeoutException timedOut = exit(body);
        if (timedOut != null) {
            leaving.replacement = timedOut;
        }
    }

    /** {@code Timeout[active, when=12.345]}, {@code Timeout[expired]}: asyncio's repr. */
    @Override
    public String toString() {
        if (state == State.ENTERED) {
            String shown = when == null ? "null" : String.format(Locale.ROOT, "%.3f", when);
            return "Timeout[" + state.value + ", when=" + shown + "]";
        }
        return "Timeout[" + state.value + "]";
    }
}
