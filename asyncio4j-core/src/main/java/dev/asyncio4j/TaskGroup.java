package dev.asyncio4j;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a group of tasks and waits for all of them: asyncio's {@code TaskGroup}.
 *
 * <pre>{@code
 * // async with asyncio.TaskGroup() as tg:
 * //     t1 = tg.create_task(fetch(a))
 * //     t2 = tg.create_task(fetch(b))
 * try (TaskGroup tg = taskGroup()) {
 *     Task<String> t1 = tg.createTask(fetch(a));
 *     Task<String> t2 = tg.createTask(fetch(b));
 * }                                        // both are done here
 *
 * // the exact form (see below):
 * TaskGroup tg = new TaskGroup();
 * tg.run(() -> {
 *     tg.createTask(fetch(a));
 *     tg.createTask(fetch(b));
 * });
 * }</pre>
 *
 * <p>Leaving the group waits for every task made with {@link #createTask}. The first task that
 * fails (other than by being cancelled) cancels the other tasks and, once, the task running the
 * group's body, so the body stops at its pending {@code await}; when every task is done, all the
 * errors (the body's too) are raised together as one {@link ExceptionGroup} ("unhandled errors in
 * a TaskGroup"). A {@link KeyboardInterruptException} (or a {@link VirtualMachineError}) is raised
 * as itself instead. A cancellation of the body from outside cancels the tasks and goes on after
 * them, unless tasks failed: errors take priority. {@link Task#cancelling()} of the body's task is
 * back where it was once the group is left (asyncio 3.13's uncancel accounting).
 *
 * <p>Two forms. {@link #run} runs the body and sees what it throws: it is exact. With
 * try-with-resources, Java does not tell {@code close()} what the body threw and keeps the body's
 * exception over what {@code close()} throws: {@code close()} takes the body to be leaving with a
 * {@link CancelledException} when one was thrown into it while a cancel request was pending, and
 * otherwise to have finished normally. So in the try form: a body that throws an exception of its
 * own does not cancel the tasks early (they are waited for as after a normal exit, and the group's
 * {@link ExceptionGroup}, if any, is attached to the body's exception as suppressed); and when a
 * failing task cancelled the body, the body's {@code CancelledException} leaves the try statement
 * and the {@link ExceptionGroup} is raised in its place when it leaves the coroutine (see
 * {@link Timeout} for the same design). Use {@link #run} when the body can fail by itself or when
 * the {@code ExceptionGroup} is to be caught in the same method.
 *
 * <p>Loop-confined: use it in the task that entered it; {@link #createTask} may also be called
 * from the group's tasks.
 */
public final class TaskGroup implements AutoCloseable {

    /*
     * Overview for maintainers. Follows taskgroups.py (3.13, with the later fixes gh-135736: errors
     * are reported, not lost, when a KeyboardInterrupt propagates; gh-155418: a task made while the
     * group aborts is cancelled; gh-155433: a remaining cancel request that is not ours is not
     * dropped).
     *
     * Flags: entered -> exiting (exit() began); aborting (tasks cancelled, no new ones);
     * parentCancelRequested (we cancelled the body's task once and must uncancel() it once).
     * Invariant: tasks holds exactly the group's tasks whose done callback has not run yet;
     * onTaskDone is one shared callback object for all of them. exit() waits on a fresh
     * onCompleted future until tasks is empty; a cancel of the parent while it waits interrupts
     * that wait (and aborts the group the first time), and the loop waits again.
     */

    private static final String MESSAGE = "unhandled errors in a TaskGroup";

    private boolean entered;
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    private EventLoop loop;
    private Task<?> parentTask;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private List<Throwable> errors = new ArrayList<>();
    private Throwable baseError;
    private Future<Boolean> onCompleted;
    private final Consumer<Future<?>> onTaskDone = this::onTaskDone;
    private CancelledException lastCancellationAtEntry;
    private int cancellingAtEntry;

    /** A task group that is not entered yet; {@link Asyncio#taskGroup()} makes an entered one. */
    public TaskGroup() {}

    /**
     * Enters the group in the current task, which becomes its parent: asyncio's
     * {@code __aenter__}.
     *
     * @return this
     * @throws IllegalStateException if already entered, outside a running loop ("no running event
     *     loop"), or outside a task ("... cannot determine the parent task")
     */
    public TaskGroup enter() {
        if (entered) {
            throw new IllegalStateException("TaskGroup " + this + " has already been entered");
        }
        if (loop == null) {
            loop = Asyncio.getRunningLoop();
        }
        Task<?> parent = Asyncio.currentTask(loop);
        if (parent == null) {
            throw new IllegalStateException("TaskGroup " + this + " cannot determine the parent task");
        }
        parentTask = parent;
        lastCancellationAtEntry = parent.lastCancellation;
        cancellingAtEntry = parent.cancelling();
        entered = true;
        return this;
    }

    /**
     * Makes a task of the group: asyncio's {@code TaskGroup.create_task()}.
     *
     * @param <T> the result type
     * @param coro the coroutine, not yet started
     * @return the new task
     * @throws IllegalStateException if the group has not been entered, is finished, or is shutting
     *     down after a failure; the coroutine is then closed, so it is not reported as never awaited
     */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /**
     * {@link #createTask(Coroutine)} with a name for the task.
     *
     * @param <T> the result type
     * @param coro the coroutine, not yet started
     * @param name the name
     * @return the new task
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        Objects.requireNonNull(coro, "coro");
        if (!entered) {
            coro.close();
            throw new IllegalStateException("TaskGroup " + this + " has not been entered");
        }
        if (exiting && tasks.isEmpty()) {
            coro.close();
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            coro.close();
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coro, name);
        // Always through the callback, even for a task that finished eagerly, so a failure
        // cancels the parent only once the parent reaches its next suspension point.
        tasks.add(task);
        task.addDoneCallback(onTaskDone);
        if (aborting && !task.isDone()) {
            task.cancel();
        }
        return task;
    }

    private static boolean isBaseError(Throwable error) {
        return error instanceof KeyboardInterruptException || error instanceof VirtualMachineError;
    }

    private void abort() {
        aborting = true;
        for (Task<?> task : tasks) {
            if (!task.isDone()) {
                task.cancel();
            }
        }
    }

    private void onTaskDone(Future<?> done) {
        tasks.remove((Task<?>) done);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.isDone()) {
            onCompleted.setResult(true);
        }
        if (done.isCancelled()) {
            return;
        }
        Throwable error = done.exception();
        if (error == null) {
            return;
        }
        errors.add(error);
        if (isBaseError(error) && baseError == null) {
            baseError = error;
        }
        if (parentTask.isDone()) {
            loop.callExceptionHandler(ExceptionContext.of("Task " + done + " has errored out but its parent task "
                    + parentTask + " is already completed", error).with("task", done));
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Cancel the parent so the body stops at its pending await; exit() takes the request
            // back with uncancel().
            abort();
            parentCancelRequested = true;
            parentTask.cancel();
        }
    }

    /**
     * asyncio's {@code __aexit__}: the body left with {@code bodyError} (null: normally). Waits for
     * the tasks.
     *
     * @return what to raise (an ExceptionGroup, a KeyboardInterruptException, a
     *     CancelledException, or the body's own exception), or null to leave normally
     */
    Throwable exit(Throwable bodyError) {
        if (!entered) {
            throw new IllegalStateException("TaskGroup " + this + " has not been entered");
        }
        if (exiting) {
            throw new IllegalStateException("TaskGroup " + this + " has already been exited");
        }
        try {
            return exitNow(bodyError);
        } finally {
            parentTask = null;
            errors = null;
            baseError = null;
        }
    }

    private Throwable exitNow(Throwable bodyError) {
        exiting = true;
        if (bodyError != null && isBaseError(bodyError) && baseError == null) {
            baseError = bodyError;
        }
        Throwable propagateCancellation = bodyError instanceof CancelledException ? bodyError : null;
        if (bodyError != null && !aborting) {
            abort();
        }
        CancelledException pendingCancellation = null;
        while (!tasks.isEmpty()) {
            if (onCompleted == null) {
                onCompleted = loop.createFuture();
            }
            try {
                parentTask.await(onCompleted);
            } catch (CancelledException e) {
                pendingCancellation = e;
                if (!aborting) {
                    // The parent is being cancelled while it waits for the tasks.
                    propagateCancellation = e;
                    abort();
                }
            } catch (Exception impossible) {
                throw new IllegalStateException(impossible);
            }
            onCompleted = null;
        }
        if (baseError != null) {
            for (Throwable error : errors) {
                if (error != baseError) {
                    loop.callExceptionHandler(ExceptionContext.of("TaskGroup task exception was not propagated "
                            + "because the TaskGroup body is being closed with a BaseException", error)
                            .with("task_group", this));
                }
            }
            return baseError;
        }
        if (parentCancelRequested) {
            // We cancelled the parent once: take that request back, whatever happened since.
            if (parentTask.uncancel() == 0) {
                propagateCancellation = null;
            } else if (propagateCancellation == null) {
                propagateCancellation = pendingCancellation;
            }
        }
        if (propagateCancellation != null && errors.isEmpty()) {
            return propagateCancellation;
        }
        if (bodyError != null && !(bodyError instanceof CancelledException)) {
            errors.add(bodyError);
        }
        if (errors.isEmpty()) {
            return null;
        }
        if (parentTask.cancelling() > 0) {
            // Cancelled from outside too: uncancel and cancel again, which keeps the count while
            // the group's error goes first.
            parentTask.uncancel();
            parentTask.cancel();
        }
        if (bodyError instanceof GeneratorExit && errors.size() == 1) {
            return bodyError;
        }
        return new ExceptionGroup(MESSAGE, errors);
    }

    /**
     * Runs {@code body} inside this group, in the current task, then waits for the group's tasks:
     * the exact form of {@code async with TaskGroup() as tg: ...}. Enters the group first.
     *
     * @param <T> the result type
     * @param body the coroutine's body
     * @return the body's result, or null if the group absorbed the body's exception
     * @throws ExceptionGroup holding every error of the tasks and of the body
     * @throws CancelledException if the body's task was cancelled from outside and no task failed
     */
    public <T> T run(AsyncCallable<T> body) throws Exception {
        enter();
        return Scopes.run(body, this::exit);
    }

    /**
     * {@link #run(AsyncCallable)} for a body without a result.
     *
     * @param body the coroutine's body
     * @throws Exception the group's {@link ExceptionGroup}, or an exception of the body
     */
    public void run(AsyncRunnable body) throws Exception {
        run(Scopes.callable(body));
    }

    /**
     * Leaves the group at the end of a try-with-resources block: waits for its tasks, then throws
     * the group's {@link ExceptionGroup} if any task failed. The body's exception is inferred, as
     * the class description explains.
     */
    @Override
    public void close() throws Exception {
        Task<?> parent = parentTask;
        CancelledException leaving = parent == null ? null
                : Scopes.inferredCancellation(parent, lastCancellationAtEntry, cancellingAtEntry);
        Throwable body = leaving == null ? null : Scopes.leaving(leaving);
        Throwable raise = exit(body);
        if (raise == null) {
            return;
        }
        if (leaving == null) {
            throw Asyncio.sneaky(raise);
        }
        if (raise != body) {
            leaving.replacement = raise;
        }
        if (!(raise instanceof CancelledException)) {
            // Attached to the body's exception as suppressed if the body is leaving with it; raised
            // as it is if the body absorbed the cancellation after all.
            throw Asyncio.sneaky(raise);
        }
    }

    /** {@code TaskGroup[tasks=2 errors=1 cancelling]}: asyncio's repr. */
    @Override
    public String toString() {
        List<String> info = new ArrayList<>();
        if (!tasks.isEmpty()) {
            info.add("tasks=" + tasks.size());
        }
        if (errors != null && !errors.isEmpty()) {
            info.add("errors=" + errors.size());
        }
        if (aborting) {
            info.add("cancelling");
        } else if (entered) {
            info.add("entered");
        }
        return "TaskGroup[" + String.join(" ", info) + "]";
    }
}
