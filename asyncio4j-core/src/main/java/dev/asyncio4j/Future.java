package dev.asyncio4j;

import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The eventual result of an asynchronous operation: asyncio's {@code Future}.
 *
 * <p>Loop-confined: not thread-safe; use it on its loop's thread or in the loop's tasks. Its
 * callbacks are always called through the loop's {@link EventLoop#callSoon}, in the order they were
 * added. To hand a result to another thread, use {@link #toCompletableFuture()}; to bring one in,
 * {@link #wrap(CompletionStage)}.
 *
 * <p>Unlike {@link java.util.concurrent.Future}, it has no blocking {@code get()} (that would
 * freeze the loop): a task waits for it with {@code await(future)}. A future that fails and is
 * collected without anyone having asked for its exception is reported to the loop's exception
 * handler ("Future exception was never retrieved").
 *
 * @param <T> the result type
 */
public non-sealed class Future<T> implements Awaitable<T> {

    /*
     * Overview for maintainers. States: PENDING -> FINISHED (result or exception) or CANCELLED;
     * done states are final. Callbacks are kept in one field while there is at most one (the
     * common case: the task awaiting the future), then in a list. A Task found among the
     * callbacks is a waiter: it is resumed directly (its continuation queued) instead of through a
     * Handle, which puts it at exactly the position asyncio's Task.__wakeup would have.
     */

    private static final int PENDING = 0;
    private static final int CANCELLED = 1;
    private static final int FINISHED = 2;

    final EventLoop loop;
    private int state;
    private T result;
    private Throwable exception;
    private Object callbacks;
    String cancelMessage;
    // The CancelledException a task's coroutine ended with, raised again (once) by the first
    // result()/exception()/await of the task: asyncio's _cancelled_exc.
    CancelledException cancelledException;
    private LeakReporter.Cleanable unretrieved;
    private final StackTraceElement[] sourceTraceback;

    /**
     * A pending future on the running loop, or, outside a running loop, on the current thread's
     * loop ({@link Asyncio#getEventLoop()}). Prefer {@link EventLoop#createFuture()}.
     */
    public Future() {
        this(Asyncio.loopForNewFuture());
    }

    /**
     * A pending future on {@code loop}: asyncio's {@code Future(loop=loop)}. Loop-confined (any
     * thread before the loop runs).
     *
     * @param loop the event loop
     */
    public Future(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.sourceTraceback = loop.getDebug() ? Debug.callerStack() : null;
    }

    /**
     * The loop this future belongs to: asyncio's {@code get_loop()}.
     *
     * @return the loop this future belongs to
     */
    public EventLoop getLoop() {
        return loop;
    }

    /**
     * Whether the future has a result, an exception, or was cancelled: asyncio's {@code done()}.
     *
     * @return whether the future has a result, an exception, or was cancelled
     */
    public final boolean isDone() {
        return state != PENDING;
    }

    /**
     * Whether the future was cancelled: asyncio's {@code cancelled()}.
     *
     * @return whether the future was cancelled
     */
    public final boolean isCancelled() {
        return state == CANCELLED;
    }

    /**
     * The result: asyncio's {@code result()}.
     *
     * @return the result
     * @throws CancelledException if the future was cancelled (with the cancel message)
     * @throws InvalidStateException if it is still pending ("Result is not ready.")
     * @throws Exception the exception the future was completed with, as it was set
     */
    public T result() throws Exception {
        if (state == CANCELLED) {
            throw makeCancelledException();
        }
        if (state != FINISHED) {
            throw new InvalidStateException("Result is not ready.");
        }
        retrieved();
        if (exception != null) {
            throw Asyncio.asException(exception);
        }
        return result;
    }

    /**
     * The exception the future completed with, or null if it has a result: asyncio's
     * {@code exception()}.
     *
     * @return the exception the future completed with, or null if it has a result
     * @throws CancelledException if the future was cancelled
     * @throws InvalidStateException if it is still pending ("Exception is not set.")
     */
    public Throwable exception() {
        if (state == CANCELLED) {
            throw makeCancelledException();
        }
        if (state != FINISHED) {
            throw new InvalidStateException("Exception is not set.");
        }
        retrieved();
        return exception;
    }

    /**
     * Cancels the future: same as {@code cancel(null)}.
     *
     * @return false if the future was already done
     */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future and schedules its callbacks: asyncio's {@code cancel(msg)}.
     *
     * @param message carried by the {@link CancelledException} that awaiting it throws; may be null
     * @return false if the future was already done
     */
    public boolean cancel(String message) {
        retrieved();
        if (state != PENDING) {
            return false;
        }
        checkCompletingThread();
        state = CANCELLED;
        cancelMessage = message;
        scheduleCallbacks();
        return true;
    }

    /**
     * Completes the future with a result and schedules its callbacks: asyncio's
     * {@code set_result()}.
     *
     * @param value the result
     * @throws InvalidStateException if it is already done
     * @throws WrongThreadException in debug mode, if called from another thread while a callback or a
     *     task waits (nothing changes then)
     */
    public void setResult(T value) {
        if (state != PENDING) {
            throw new InvalidStateException(stateName() + ": " + this);
        }
        checkCompletingThread();
        result = value;
        state = FINISHED;
        scheduleCallbacks();
    }

    /**
     * Completes the future with an exception and schedules its callbacks: asyncio's
     * {@code set_exception()}.
     *
     * @param error the exception
     * @throws InvalidStateException if it is already done
     * @throws WrongThreadException in debug mode, if called from another thread while a callback or a
     *     task waits (nothing changes then)
     */
    public void setException(Throwable error) {
        Objects.requireNonNull(error, "exception");
        if (state != PENDING) {
            throw new InvalidStateException(stateName() + ": " + this);
        }
        checkCompletingThread();
        exception = error;
        state = FINISHED;
        scheduleCallbacks();
        unretrieved = LeakReporter.watchUnretrieved(this, loop, error, sourceTraceback);
    }

    /**
     * Adds a callback to run, through the loop's {@code callSoon}, with this future once it is done:
     * asyncio's {@code add_done_callback()}. If it is already done, the callback is scheduled now.
     *
     * @param callback what to run
     */
    public void addDoneCallback(Consumer<? super Future<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        if (state != PENDING) {
            loop.schedule(new Handle(loop, callback, this));
        } else {
            addCallback(callback);
        }
    }

    /**
     * Removes every registration of {@code callback}: asyncio's {@code remove_done_callback()}.
     *
     * @param callback what to run
     * @return how many were removed
     */
    public int removeDoneCallback(Consumer<? super Future<T>> callback) {
        if (callbacks == null) {
            return 0;
        }
        if (!(callbacks instanceof CallbackList list)) {
            if (callbacks.equals(callback)) {
                callbacks = null;
                return 1;
            }
            return 0;
        }
        int before = list.size();
        list.removeIf(registered -> registered.equals(callback));
        return before - list.size();
    }

    /** Registers the task awaiting this future; it is resumed directly when the future is done. */
    final void addWaiter(Task<?> task) {
        addCallback(task);
    }

    private void addCallback(Object callback) {
        if (callbacks == null) {
            callbacks = callback;
        } else if (callbacks instanceof CallbackList list) {
            list.add(callback);
        } else {
            CallbackList list = new CallbackList();
            list.add(callbacks);
            list.add(callback);
            callbacks = list;
        }
    }

    /**
     * In debug mode, refuses to complete a future with callbacks from a thread that is not the
     * loop's (asyncio's call_soon check), before anything changes. Outside debug mode only the
     * scheduling of a plain callback checks, as {@link EventLoop#callSoon} always does.
     */
    private void checkCompletingThread() {
        if (callbacks != null && loop.getDebug()) {
            loop.checkThread();
        }
    }

    private void scheduleCallbacks() {
        Object registered = callbacks;
        if (registered == null) {
            return;
        }
        callbacks = null;
        if (registered instanceof CallbackList list) {
            for (Object callback : list) {
                schedule(callback);
            }
        } else {
            schedule(registered);
        }
    }

    private void schedule(Object callback) {
        if (callback instanceof Task<?> waiter) {
            waiter.wakeUp();
        } else {
            loop.schedule(new Handle(loop, callback, this));
        }
    }

    /** Marks the exception as seen, so the leak report does not fire. */
    final void retrieved() {
        LeakReporter.Cleanable report = unretrieved;
        if (report != null) {
            unretrieved = null;
            report.disarm();
        }
    }

    /**
     * The CancelledException to raise for a cancelled future: asyncio's _make_cancelled_error. A
     * task that ended because a CancelledException escaped its coroutine hands that very
     * exception to the first caller (so its message and cause are what the coroutine saw, as
     * CPython's test_cancel_with_message_then_future_result pins); later callers, and plain
     * futures, get a new one with the cancel message.
     */
    CancelledException makeCancelledException() {
        CancelledException stored = cancelledException;
        if (stored != null) {
            cancelledException = null;
            return stored;
        }
        return new CancelledException(cancelMessage);
    }

    /**
     * What a woken waiter receives: null if the future has a result, else the exception to raise
     * (asyncio's {@code future.result()} in {@code Task.__wakeup}).
     */
    final Throwable outcomeForWaiter() {
        if (state == CANCELLED) {
            return makeCancelledException();
        }
        retrieved();
        return exception;
    }

    /** The exception, without marking it retrieved; null if none or not finished. */
    final Throwable exceptionRaw() {
        return exception;
    }

    /** The result of a future known to be finished with a result. */
    final T resultNow() {
        return result;
    }

    /** Completes this future the way a finished {@code source} is: asyncio's _copy_future_state. */
    final void copyStateFrom(Future<? extends T> source) {
        if (isCancelled()) {
            return;
        }
        if (source.isCancelled()) {
            cancel();
            return;
        }
        Throwable error = source.exception();
        if (error != null) {
            setException(error);
        } else {
            setResult(source.result);
        }
    }

    /**
     * A {@link CompletableFuture} that completes like this future, usable from any thread; already
     * complete if this future is done. Cancelling it (from any thread) cancels this future through
     * the loop. Loop-confined call.
     *
     * @return a {@link CompletableFuture} that completes like this future, usable from any thread;
     *     already complete if this future is done
     */
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> completable = new CompletableFuture<>();
        Consumer<Future<T>> copy = done -> {
            if (done.isCancelled()) {
                completable.cancel(false);
            } else if (done.exception() != null) {
                completable.completeExceptionally(done.exception());
            } else {
                completable.complete(done.resultNow());
            }
        };
        if (isDone()) {
            copy.accept(this); // complete at once, even when the loop is closed
            return completable;
        }
        addDoneCallback(copy);
        completable.whenComplete((value, error) -> {
            if (completable.isCancelled()) {
                loop.callSoonThreadsafeIfOpen(this::cancel);
            }
        });
        return completable;
    }

    /**
     * A future of the running loop (or the current thread's loop) that completes like {@code stage}:
     * asyncio's {@code wrap_future()}. Thread-safe.
     *
     * @param <T> the result type
     * @param stage the stage to wait for
     * @return a future of the running loop (or the current thread's loop) that completes like
     *     {@code stage}
     */
    public static <T> Future<T> wrap(CompletionStage<T> stage) {
        return wrap(stage, Asyncio.loopForNewFuture());
    }

    /**
     * A future of {@code loop} that completes like {@code stage}, whichever thread completes it.
     * Cancelling the returned future cancels the stage's {@code CompletableFuture}: asyncio's
     * {@code wrap_future(future, loop=loop)}. Thread-safe.
     *
     * @param <T> the result type
     * @param stage the stage to wait for
     * @param loop the event loop
     * @return a future of {@code loop} that completes like {@code stage}, whichever thread
     *     completes it
     */
    public static <T> Future<T> wrap(CompletionStage<T> stage, EventLoop loop) {
        Objects.requireNonNull(stage, "stage");
        Future<T> future = new Future<>(loop);
        CompletableFuture<T> source = stage.toCompletableFuture();
        future.addDoneCallback(done -> {
            if (done.isCancelled()) {
                source.cancel(false);
            }
        });
        stage.whenComplete((value, error) -> loop.callSoonThreadsafeIfOpen(() -> {
            if (future.isDone()) {
                return;
            }
            if (error == null) {
                future.setResult(value);
                return;
            }
            Throwable cause = error;
            while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof CancellationException && !(cause instanceof CancelledException)) {
                future.cancel(cause.getMessage());
            } else {
                future.setException(cause);
            }
        }));
        return future;
    }

    private String stateName() {
        return switch (state) {
            case PENDING -> "PENDING";
            case CANCELLED -> "CANCELLED";
            default -> "FINISHED";
        };
    }

    /** The state, lower-case, as asyncio's repr shows it. */
    final String stateForDisplay() {
        return stateName().toLowerCase(java.util.Locale.ROOT);
    }

    StackTraceElement[] sourceTraceback() {
        return sourceTraceback;
    }

    /** The future's state, result or exception and callbacks, as asyncio's repr shows them. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('[');
        appendInfo(sb);
        return sb.append(']').toString();
    }

    void appendInfo(StringBuilder sb) {
        sb.append(stateForDisplay());
        appendOutcome(sb);
        appendCallbacksAndOrigin(sb);
    }

    /** ", result=..." or ", exception=..." once finished; nothing otherwise. */
    final void appendOutcome(StringBuilder sb) {
        if (state == FINISHED) {
            if (exception != null) {
                sb.append(", exception=").append(exception);
            } else {
                String text = String.valueOf(result);
                sb.append(", result=").append(text.length() > 60 ? text.substring(0, 57) + "..." : text);
            }
        }
    }

    /** ", callbacks=n" while any are registered, and ", created at file:line" in debug mode. */
    final void appendCallbacksAndOrigin(StringBuilder sb) {
        if (callbacks != null) {
            int count = callbacks instanceof CallbackList list ? list.size() : 1;
            sb.append(", callbacks=").append(count);
        }
        if (sourceTraceback != null && sourceTraceback.length > 0) {
            sb.append(", created at ").append(sourceTraceback[0].getFileName()).append(':')
                    .append(sourceTraceback[0].getLineNumber());
        }
    }

    /** A list of callbacks, distinct from a single callback that happens to be a list. */
    private static final class CallbackList extends ArrayList<Object> {}
}
