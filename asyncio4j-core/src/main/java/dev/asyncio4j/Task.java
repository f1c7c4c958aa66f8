package dev.asyncio4j;

import dev.asyncio4j.internal.Strand;
import dev.asyncio4j.internal.StrandBody;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A coroutine running on its event loop: asyncio's {@code Task}.
 *
 * <p>Made by {@link EventLoop#createTask}, {@link Asyncio#createTask} or
 * {@link Asyncio#ensureFuture}. A task is itself a {@link Future} of its coroutine's result. Its
 * body runs on its own strand (in fast mode a virtual thread scheduled by the loop), so each task
 * has its own thread identity: {@code ThreadLocal}s are per task, and thread dumps, JFR and
 * debuggers show every task's stack.
 *
 * <p>{@link #cancel(String)} asks the task to stop: a {@link CancelledException} is thrown into its
 * coroutine at its next suspension point (or at once, if it is waiting on a future, by cancelling
 * that future). The coroutine may catch it; the task ends cancelled only if the exception
 * escapes. {@link #cancelling()} counts pending cancel requests and {@link #uncancel()} takes one
 * back, as structured-concurrency code such as {@code timeout()} and {@code TaskGroup} needs.
 *
 * <p>Loop-confined, like {@link Future}.
 *
 * @param <T> the coroutine's result type
 */
public class Task<T> extends Future<T> {

    /*
     * Overview for maintainers. asyncio's invariant holds: while the task is not done, either it
     * waits on exactly one future (waitingOn != null, and that future holds the task as a waiter)
     * or its next step is queued on the loop. A step is the strand running from one suspension
     * point to the next; what asyncio's __step does before resuming the coroutine (turn a pending
     * cancel request into a CancelledException, clear waitingOn) happens right after
     * Strand.suspend() returns, on the strand.
     */

    private static final AtomicLong COUNTER = new AtomicLong();

    private final Coroutine<T> coro;
    private final long number;
    private String name;
    // Dropped once the task is done, so a finished task holds neither a thread nor its stack.
    private Strand strand;
    private int cancelRequests;
    private boolean mustCancel;
    private Future<?> waitingOn;
    // Set by the loop's close() while the task is pending: every suspension point throws
    // CoroutineExit so the coroutine unwinds (asyncio closes such a coroutine when collected).
    private boolean destroyed;
    // The CancelledException most recently thrown into the coroutine at a suspension point. Timeout
    // and TaskGroup read it in close(): try-with-resources does not tell close() what the body threw.
    CancelledException lastCancellation;
    // The loop's intrusive list of pending tasks (see EventLoop.registerTask).
    Task<?> previousPending;
    Task<?> nextPending;

    /**
     * Makes and schedules a task; prefer {@link EventLoop#createTask}. Loop-confined (or before the
     * loop runs).
     *
     * @param loop the loop to run on
     * @param coro the coroutine to run; it must not have started
     * @param name the task's name, or null for {@code Task-<n>}
     * @param eagerStart run the coroutine at once, until its first suspension, when the loop is
     *     running (asyncio's {@code eager_start}); a coroutine that finishes without suspending makes
     *     a task that is done on return and was never scheduled
     */
    public Task(EventLoop loop, Coroutine<T> coro, String name, boolean eagerStart) {
        super(loop);
        this.coro = Objects.requireNonNull(coro, "coro");
        if (coro.isStarted()) {
            throw new IllegalStateException("a coroutine that has not started was expected, got " + coro);
        }
        loop.checkClosed();
        loop.checkThread();
        coro.adoptByTask();
        this.number = COUNTER.incrementAndGet();
        this.name = name;
        Owner owner = new Owner(this);
        this.strand = loop.newStrand(owner);
        strand.setUncaughtExceptionHandler(owner);
        loop.registerTask(this);
        if (eagerStart && loop.isRunning()) {
            loop.startEagerly(strand);
        } else {
            strand.start();
        }
    }

    /**
     * The task running the caller, or null outside a task. A task's thread has its task as its
     * uncaught-exception handler (which reports to the loop): a plain field read, cheaper than a
     * ThreadLocal or ScopedValue on a thread that lives for one task.
     */
    static Task<?> current() {
        return Thread.currentThread().getUncaughtExceptionHandler() instanceof Owner owner ? owner.task : null;
    }

    /**
     * The task's strand body, and the mark on its thread that says which task it runs (its
     * uncaught-exception handler, which reports what escapes to the loop). One object for all
     * three roles keeps a pending task small.
     */
    private record Owner(Task<?> task) implements StrandBody, Thread.UncaughtExceptionHandler {
        @Override
        public void run() {
            task.runCoroutine();
        }

        @Override
        public void interrupted() {
            task.interrupted();
        }

        @Override
        public void uncaughtException(Thread thread, Throwable error) {
            task.loop.callSoonThreadsafeIfOpen(() -> task.loop.callExceptionHandler(
                    ExceptionContext.of("Unhandled error in task thread " + thread, error).with("task", task)));
        }
    }

    private void runCoroutine() {
        loop.enterTask(this);
        try {
            T value;
            try {
                if (destroyed) {
                    coro.consumeWithoutRunning();
                    throw new CoroutineExit(this);
                }
                if (mustCancel) {
                    // Cancelled before its first step: asyncio throws into the fresh coroutine.
                    mustCancel = false;
                    coro.consumeWithoutRunning();
                    throw makeCancelledException();
                }
                value = coro.runInline();
            } catch (CancelledException e) {
                cancelledException = e;
                super.cancel(null);
                return;
            } catch (Throwable e) {
                if (destroyed) {
                    // Unwound by close(): nobody can await the outcome, so report nothing more.
                    super.cancel(null);
                    return;
                }
                super.setException(e);
                if (e instanceof KeyboardInterruptException || e instanceof VirtualMachineError) {
                    loop.raiseAfterStep(e);
                }
                return;
            }
            if (mustCancel) {
                // Cancelled right as the coroutine returned.
                mustCancel = false;
                super.cancel(cancelMessage);
            } else {
                super.setResult(value);
            }
        } finally {
            loop.unregisterTask(this);
            loop.leaveTask(this);
            strand = null;
        }
    }

    /** Awaits {@code future} from this task's own strand; see {@link Asyncio#await}. */
    <R> R await(Future<R> future) throws Exception {
        if (future.isDone()) {
            return future.result();
        }
        if (destroyed) {
            throw new CoroutineExit(this);
        }
        if (future.loop != loop) {
            throw errorAtNextStep(new IllegalStateException(
                    "Task " + this + " got Future " + future + " attached to a different loop"));
        }
        if (future == this) {
            throw errorAtNextStep(new IllegalStateException("Task cannot await on itself: " + this));
        }
        future.addWaiter(this);
        waitingOn = future;
        if (mustCancel && future.cancel(cancelMessage)) {
            mustCancel = false;
        }
        loop.leaveTask(this);
        strand.suspend();
        loop.enterTask(this);
        if (destroyed) {
            waitingOn = null;
            throw new CoroutineExit(this);
        }
        Throwable error = future.outcomeForWaiter();
        if (mustCancel) {
            mustCancel = false;
            if (!(error instanceof CancelledException)) {
                error = makeCancelledException();
            }
        }
        waitingOn = null;
        if (error != null) {
            if (error instanceof CancelledException cancelled) {
                lastCancellation = cancelled;
            }
            throw Asyncio.asException(error);
        }
        return future.resultNow();
    }

    /**
     * asyncio's __step answers a bad await by sending the error back through call_soon: the task
     * yields once, then the error is thrown (or a cancellation requested meanwhile, which wins).
     */
    private IllegalStateException errorAtNextStep(IllegalStateException error) {
        yieldNow();
        return error;
    }

    /** asyncio's bare {@code yield}: one trip through the ready queue, then a cancel check. */
    void yieldNow() {
        if (destroyed) {
            throw new CoroutineExit(this);
        }
        loop.leaveTask(this);
        strand.yieldOnce();
        loop.enterTask(this);
        if (destroyed) {
            throw new CoroutineExit(this);
        }
        if (mustCancel) {
            mustCancel = false;
            CancelledException cancelled = makeCancelledException();
            lastCancellation = cancelled;
            throw cancelled;
        }
    }

    /** Suspends the creator of an eager task until the loop has run the new task's first step. */
    void suspendForEagerStart() {
        suspend();
    }

    private void suspend() {
        loop.leaveTask(this);
        strand.suspend();
        loop.enterTask(this);
        if (destroyed) {
            throw new CoroutineExit(this);
        }
    }

    /**
     * The loop is closing while this task is pending: make it unwind. A task that never started is
     * finished at once (its coroutine never runs); a started one is resumed, and its suspension
     * point throws {@link CoroutineExit}. Called by {@code EventLoop.close()} on the closing thread,
     * which runs the resumed steps.
     */
    void destroy() {
        destroyed = true;
        Strand current = strand;
        if (current == null) {
            return;
        }
        if (current.thread() == null) {
            current.discard();
            coro.consumeWithoutRunning();
            loop.unregisterTask(this);
            strand = null;
            super.cancel(null);
            return;
        }
        current.resume();
    }

    /**
     * Makes {@code next} the strand this task suspends and resumes on, and returns the previous
     * one: an async generator's body runs on its own strand, as part of the task that drives it.
     */
    Strand swapStrand(Strand next) {
        Strand previous = strand;
        strand = next;
        return previous;
    }

    /** The future this task waits on finished: queue the task's next step. */
    void wakeUp() {
        strand.resume();
    }

    /**
     * The strand's thread was interrupted: treat it as a request to cancel the task. Called on the
     * task's thread, which in portable mode does not hold control of the loop here, so the
     * request goes through the loop's thread-safe queue whatever thread this is.
     */
    private void interrupted() {
        loop.callSoonFromAnyThread(() -> cancel("interrupted"));
    }

    /**
     * Requests cancellation: asyncio's {@code Task.cancel(msg)}.
     *
     * <p>If the task waits on a future, that future is cancelled (which wakes the task with a
     * {@link CancelledException}); otherwise the exception is thrown into the coroutine at its next
     * suspension point. Increments {@link #cancelling()}.
     *
     * @return false if the task is already done
     */
    @Override
    public boolean cancel(String message) {
        retrieved();
        if (isDone()) {
            return false;
        }
        cancelRequests++;
        if (waitingOn != null && waitingOn.cancel(message)) {
            return true;
        }
        mustCancel = true;
        cancelMessage = message;
        return true;
    }

    /**
     * The number of pending cancellation requests: asyncio's {@code cancelling()}.
     *
     * @return the number of pending cancellation requests
     */
    public int cancelling() {
        return cancelRequests;
    }

    /**
     * Takes back one cancellation request: asyncio's {@code uncancel()}. When none remain, a
     * request not yet delivered is dropped too (Python 3.13).
     *
     * @return the number of requests that remain
     */
    public int uncancel() {
        if (cancelRequests > 0) {
            cancelRequests--;
            if (cancelRequests == 0) {
                mustCancel = false;
            }
        }
        return cancelRequests;
    }

    /**
     * Refused: a task's result is its coroutine's.
     *
     * @throws IllegalStateException always ("Task does not support set_result operation", asyncio's
     *     RuntimeError)
     */
    @Override
    public void setResult(T value) {
        throw new IllegalStateException("Task does not support set_result operation");
    }

    /**
     * Refused: a task's outcome is its coroutine's.
     *
     * @throws IllegalStateException always ("Task does not support set_exception operation")
     */
    @Override
    public void setException(Throwable error) {
        throw new IllegalStateException("Task does not support set_exception operation");
    }

    /**
     * The task's name: the one given, or {@code Task-<n>}. asyncio's {@code get_name()}.
     *
     * @return the task's name: the one given, or {@code Task-<n>}
     */
    public String getName() {
        return name != null ? name : "Task-" + number;
    }

    /**
     * Renames the task: asyncio's {@code set_name()}.
     *
     * @param value the new name ({@code null} becomes {@code "null"}, as Python's {@code str(None)})
     */
    public void setName(String value) {
        this.name = String.valueOf(value);
    }

    /**
     * The coroutine this task runs: asyncio's {@code get_coro()}.
     *
     * @return the coroutine this task runs
     */
    public Coroutine<T> getCoro() {
        return coro;
    }

    /** The future the task is waiting on, or null. */
    Future<?> waitingOn() {
        return waitingOn;
    }

    /**
     * The task's frames, oldest first: asyncio's {@code get_stack(limit)}. While the task is
     * suspended, where it is suspended (every frame of its strand, not only one as in CPython);
     * for a task that failed, the frames of its exception; otherwise empty.
     *
     * @param limit the most frames to return (the newest of a stack, the oldest of a traceback),
     *     or 0 for all
     * @return the task's frames, oldest first
     */
    public StackTraceElement[] getStack(int limit) {
        StackTraceElement[] frames;
        if (isDone()) {
            if (isCancelled() || exceptionUnchecked() == null) {
                return new StackTraceElement[0];
            }
            frames = reversed(userFrames(exceptionUnchecked().getStackTrace()));
            return limit > 0 && frames.length > limit ? Arrays.copyOf(frames, limit) : frames;
        }
        Strand current = strand;
        Thread thread = current == null ? null : current.thread();
        if (thread == null) {
            return new StackTraceElement[0];  // done, or not started yet
        }
        frames = reversed(userFrames(thread.getStackTrace()));
        return limit > 0 && frames.length > limit
                ? Arrays.copyOfRange(frames, frames.length - limit, frames.length) : frames;
    }

    /**
     * Prints {@link #getStack(int)} like a traceback: asyncio's {@code print_stack()}. The header is
     * "Stack for ..." (pending), "Traceback for ..." (failed, followed by the exception) or
     * "No stack for ..." when there are no frames.
     *
     * @param limit the most frames to print, as for {@link #getStack(int)} (0: all)
     * @param out where to print
     */
    public void printStack(int limit, PrintStream out) {
        StackTraceElement[] frames = getStack(limit);
        Throwable error = isDone() ? exceptionUnchecked() : null;
        if (frames.length == 0) {
            out.println("No stack for " + this);
        } else {
            out.println((error != null ? "Traceback for " : "Stack for ") + this + " (most recent call last):");
        }
        for (StackTraceElement frame : frames) {
            out.println("  at " + frame);
        }
        if (error != null) {
            out.println(error);
        }
    }

    private Throwable exceptionUnchecked() {
        return isCancelled() ? null : exceptionRaw();
    }

    private static StackTraceElement[] userFrames(StackTraceElement[] frames) {
        return Arrays.stream(frames)
                .filter(frame -> !frame.getClassName().startsWith("java.")
                        && !frame.getClassName().startsWith("jdk.internal.")
                        && !Debug.isCoreFrame(frame.getClassName()))
                .toArray(StackTraceElement[]::new);
    }

    private static StackTraceElement[] reversed(StackTraceElement[] frames) {
        StackTraceElement[] out = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            out[i] = frames[frames.length - 1 - i];
        }
        return out;
    }

    @Override
    void appendInfo(StringBuilder sb) {
        // asyncio's _task_repr_info: "cancelling" while cancel requests are pending.
        sb.append(cancelRequests > 0 && !isDone() ? "cancelling" : stateForDisplay());
        sb.append(", name=").append(getName()).append(", coro=").append(coro.name());
        appendOutcome(sb);
        if (waitingOn != null) {
            sb.append(", waitFor=").append(waitingOn.getClass().getSimpleName()).append('[')
                    .append(waitingOn.stateForDisplay()).append(']');
        }
        appendCallbacksAndOrigin(sb);
    }
}
