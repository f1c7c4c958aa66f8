package dev.asyncio4j;

import dev.asyncio4j.internal.Strands;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * asyncio's module-level functions, as static methods: the facade most programs import.
 *
 * <pre>{@code
 * import static dev.asyncio4j.Asyncio.*;
 *
 * static Coroutine<Void> speakAsync() {                 // async def speak_async():
 *     return async(() -> System.out.println("OMG asynchronicity!"));
 * }
 *
 * public static void main(String[] args) throws Exception {
 *     run(async(() -> {                                  // asyncio.run(main())
 *         Task<Void> a = createTask(speakAsync());
 *         await(sleep(Duration.ofMillis(10)));
 *         await(a);
 *     }));
 * }
 * }</pre>
 *
 * <p>Thread confinement: {@link #async}, {@link #run}, the loop accessors and
 * {@link #isCoroutine} may be called on any thread; {@link #await} and the functions that return
 * coroutines are meant for code running inside a task; the others act on the running loop and are
 * loop-confined.
 */
public final class Asyncio {

    /**
     * The task factory that starts each new task's coroutine at once, until its first suspension:
     * asyncio's {@code eager_task_factory}. Install it with {@link EventLoop#setTaskFactory}.
     */
    public static final TaskFactory EAGER_TASK_FACTORY = (loop, coro, name) -> new Task<>(loop, coro, name, true);

    private static final ThreadLocal<EventLoop> CURRENT_LOOP = new ThreadLocal<>();

    private Asyncio() {}

    // ---------------------------------------------------------------- coroutines

    /**
     * Makes a coroutine from {@code body} without running it: the Java form of calling an
     * {@code async def} function. Thread-safe.
     *
     * @param <T> the result type
     * @param body the coroutine's body
     * @return a coroutine to await for the result
     */
    public static <T> Coroutine<T> async(AsyncCallable<T> body) {
        return new Coroutine<>(null, body);
    }

    /**
     * Makes a coroutine that returns nothing ({@code null}) from {@code body}. Thread-safe.
     *
     * @param body the coroutine's body
     * @return a coroutine to await
     */
    public static Coroutine<Void> async(AsyncRunnable body) {
        return new Coroutine<>(null, body);
    }

    /**
     * {@link #async(AsyncCallable)} with a name, shown in task names, reports and stack dumps.
     *
     * @param <T> the result type
     * @param name the name
     * @param body the coroutine's body
     * @return a coroutine to await for the result
     */
    public static <T> Coroutine<T> async(String name, AsyncCallable<T> body) {
        return new Coroutine<>(name, body);
    }

    /**
     * {@link #async(AsyncRunnable)} with a name, shown in reports and stack dumps.
     *
     * @param name the name
     * @param body the coroutine's body
     * @return a coroutine to await
     */
    public static Coroutine<Void> async(String name, AsyncRunnable body) {
        return new Coroutine<>(name, body);
    }

    /**
     * Waits for {@code awaitable} and returns its result: Python's {@code await}.
     *
     * <p>A {@link Coroutine} runs inline in the calling task. A {@link Future} or {@link Task} that
     * is already done returns at once, without yielding to the loop; a pending one suspends the
     * calling task (never the loop thread) until it is done.
     *
     * @param <T> the result type
     * @param awaitable a coroutine or a future
     * @return the awaitable's result
     * @throws IllegalStateException outside a task: {@code await} only works inside a coroutine run
     *     by an event loop (the Java form of Python's "'await' outside function")
     * @throws CancelledException if the awaited future was cancelled, or this task was cancelled
     *     while it waited
     * @throws Exception the awaitable's own exception, as it was raised
     */
    @SuppressWarnings("unchecked")
    public static <T> T await(Awaitable<T> awaitable) throws Exception {
        Objects.requireNonNull(awaitable, "awaitable");
        Task<?> task = requireTask("await()");
        if (awaitable instanceof Coroutine<T> coroutine) {
            return coroutine.runInline();
        }
        return task.await((Future<T>) awaitable);
    }

    /**
     * Waits for a {@link CompletionStage} (a {@code CompletableFuture}, say) completed on any thread:
     * the Java stand-in for the older generator-based coroutine style, so both styles mix.
     *
     * @param <T> the result type
     * @param stage the stage to wait for
     * @return the stage's result
     * @throws Exception the stage's exception (unwrapped from a {@code CompletionException}), or
     *     {@link CancelledException}
     */
    public static <T> T await(CompletionStage<T> stage) throws Exception {
        Task<?> task = requireTask("await()");
        return task.await(Future.wrap(stage, task.loop));
    }

    private static Task<?> requireTask(String what) {
        Task<?> task = Task.current();
        if (task == null) {
            throw new IllegalStateException(what + " outside a coroutine: it can only be called by code "
                    + "running inside a task. Wrap the code in async(() -> ...) and run it with "
                    + "Asyncio.run(...), loop.runUntilComplete(...) or createTask(...) "
                    + "(Python: SyntaxError: 'await' outside async function)");
        }
        return task;
    }

    /**
     * Whether {@code object} is a coroutine object: asyncio's {@code iscoroutine()}. Thread-safe.
     *
     * @param object any object
     * @return whether {@code object} is a coroutine object
     */
    public static boolean isCoroutine(Object object) {
        return object instanceof Coroutine<?>;
    }

    /**
     * Whether {@code method} is a coroutine function, that is, returns a {@link Coroutine}:
     * asyncio's {@code iscoroutinefunction()}. Thread-safe.
     *
     * @param method the method
     * @return whether {@code method} is a coroutine function, that is, returns a {@link Coroutine}
     */
    public static boolean isCoroutineFunction(Method method) {
        return Coroutine.class.isAssignableFrom(method.getReturnType());
    }

    /**
     * Whether {@code type} declares a method {@code name} that is a coroutine function (any
     * overload): asyncio's {@code iscoroutinefunction(obj.name)}. Thread-safe.
     *
     * @param type the class
     * @param name the name
     * @return whether {@code type} declares a method {@code name} that is a coroutine function (any
     *     overload)
     */
    public static boolean isCoroutineFunction(Class<?> type, String name) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name) && isCoroutineFunction(method)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- running

    /**
     * Runs {@code main} on a new event loop and returns its result: asyncio's {@code run()}. Then
     * cancels the tasks still pending and waits for them, closes open async generators, shuts the
     * default executor down and closes the loop. The first Ctrl-C cancels {@code main}; a second
     * one stops the loop ({@link KeyboardInterruptException}).
     *
     * @param <T> the result type
     * @param main the coroutine to run
     * @return {@code main}'s result
     * @throws IllegalStateException if called from a running event loop
     * @throws Exception the coroutine's own exception, as it was raised
     */
    public static <T> T run(Coroutine<T> main) throws Exception {
        return run(main, null);
    }

    /**
     * {@link #run(Coroutine)} with debug mode on or off ({@code null}: the loop's default).
     *
     * @param <T> the result type
     * @param main the coroutine to run
     * @param debug debug mode (null: the default)
     * @return {@code main}'s result
     * @throws Exception {@code main}'s own exception, as it was raised
     */
    public static <T> T run(Coroutine<T> main, Boolean debug) throws Exception {
        return run(main, debug, null);
    }

    /**
     * {@link #run(Coroutine)} on a loop made by {@code loopFactory}, with debug mode on or off:
     * asyncio's {@code run(main, debug=..., loop_factory=...)} (3.12). The loop is closed
     * afterwards, like one {@code run} makes itself.
     *
     * @param <T> the result type
     * @param main the coroutine to run
     * @param debug debug mode (null: the default)
     * @param loopFactory makes the loop to run on (null: a new {@link EventLoop})
     * @return {@code main}'s result
     * @throws IllegalStateException if called from a running event loop
     * @throws Exception {@code main}'s own exception, as it was raised
     */
    public static <T> T run(Coroutine<T> main, Boolean debug, Supplier<EventLoop> loopFactory) throws Exception {
        if (runningLoopOrNull() != null) {
            throw new IllegalStateException("Asyncio.run() cannot be called from a running event loop");
        }
        try (Runner runner = new Runner(debug, loopFactory)) {
            return runner.run(main);
        }
    }

    /**
     * Wraps {@code coro} in a task on the running loop: asyncio's {@code create_task()}.
     * Loop-confined.
     *
     * @param <T> the result type
     * @param coro the coroutine, not yet started
     * @return the new task
     * @throws IllegalStateException if no event loop is running in this thread ("no running event
     *     loop")
     */
    public static <T> Task<T> createTask(Coroutine<T> coro) {
        return getRunningLoop().createTask(coro);
    }

    /**
     * {@link #createTask(Coroutine)} with a name for the task.
     *
     * @param <T> the result type
     * @param coro the coroutine, not yet started
     * @param name the name
     * @return the new task
     */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return getRunningLoop().createTask(coro, name);
    }

    /**
     * A future for {@code awaitable}: a future as it is, a coroutine wrapped in a task of the
     * running loop (or the current thread's loop): asyncio's {@code ensure_future()}.
     *
     * @param <T> the result type
     * @param awaitable a coroutine or a future
     * @return a future for {@code awaitable}: a future as it is, a coroutine wrapped in a task of
     *     the running loop (or the current thread's loop)
     */
    public static <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
        return ensureFuture(awaitable, null);
    }

    /**
     * {@link #ensureFuture(Awaitable)} on {@code loop} (null: the running or current loop).
     *
     * @param <T> the result type
     * @param awaitable a coroutine or a future
     * @param loop the event loop
     * @return a future for {@code awaitable}
     * @throws IllegalArgumentException if {@code awaitable} is a future of another loop
     */
    @SuppressWarnings("unchecked")
    public static <T> Future<T> ensureFuture(Awaitable<T> awaitable, EventLoop loop) {
        Objects.requireNonNull(awaitable, "awaitable");
        if (awaitable instanceof Future<T> future) {
            if (loop != null && loop != future.getLoop()) {
                throw new IllegalArgumentException(
                        "The future belongs to a different loop than the one specified as the loop argument");
            }
            return future;
        }
        EventLoop target = loop != null ? loop : loopForNewFuture();
        return target.createTask((Coroutine<T>) awaitable);
    }

    // ---------------------------------------------------------------- sleeping

    /**
     * A coroutine that waits {@code delay} without blocking the loop: asyncio's {@code sleep()}.
     * A zero or negative delay yields to the loop exactly once (one pass through the ready queue).
     *
     * @param delay how long to wait
     * @return a coroutine that waits {@code delay} without blocking the loop
     */
    public static Coroutine<Void> sleep(Duration delay) {
        return sleep(delay, null);
    }

    /**
     * {@link #sleep(Duration)} that then returns {@code result}: asyncio's {@code sleep(delay,
     * result)}.
     *
     * @param <T> the result type
     * @param delay how long to wait
     * @param result the value the coroutine returns
     * @return a coroutine to await for the result
     */
    public static <T> Coroutine<T> sleep(Duration delay, T result) {
        Objects.requireNonNull(delay, "delay");
        return new Coroutine<>("sleep", (AsyncCallable<T>) () -> sleepNow(delay, result));
    }

    /**
     * {@link #sleep(Duration)} with the delay in seconds, as in Python: {@code sleep(0.5)}.
     *
     * @param seconds the delay in seconds
     * @return a coroutine to await
     * @throws IllegalArgumentException if {@code seconds} is NaN
     */
    public static Coroutine<Void> sleep(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("Invalid delay: NaN (not a number)");
        }
        return sleep(seconds <= 0 ? Duration.ZERO : seconds >= 1e9
                ? Duration.ofSeconds(1_000_000_000L) : Duration.ofNanos((long) (seconds * 1e9)));
    }

    private static <T> T sleepNow(Duration delay, T result) throws Exception {
        Task<?> task = requireTask("sleep()");
        if (delay.isZero() || delay.isNegative()) {
            task.yieldNow();
            return result;
        }
        EventLoop loop = task.loop;
        Future<T> future = loop.createFuture();
        TimerHandle timer = loop.callLater(delay, () -> {
            if (!future.isCancelled()) {
                future.setResult(result);
            }
        });
        try {
            return task.await(future);
        } finally {
            timer.cancel();
        }
    }

    // ---------------------------------------------------------------- gathering and waiting

    /**
     * A future of the results of {@code awaitables}, in argument order: asyncio's
     * {@code gather(*aws)}. Coroutines are wrapped in tasks; a repeated argument runs once. The
     * first exception (a cancelled child counts as raising {@link CancelledException}) fails the
     * gather at once while the other children keep running. Cancelling the gather cancels the
     * children that are not done. With no argument, a future already done with an empty list.
     * Loop-confined.
     *
     * @param <T> the result type
     * @param awaitables coroutines or futures
     * @return a future of the results of {@code awaitables}, in argument order
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Awaitable<? extends T>... awaitables) {
        return GatheringFuture.gather(Arrays.asList(awaitables), false);
    }

    /**
     * {@link #gather(Awaitable[])} for a list of awaitables.
     *
     * @param <T> the result type
     * @param awaitables coroutines or futures
     * @return a future of the results, in list order
     */
    public static <T> Future<List<T>> gather(List<? extends Awaitable<? extends T>> awaitables) {
        return GatheringFuture.gather(awaitables, false);
    }

    /**
     * asyncio's {@code gather(*aws, return_exceptions=...)}: with {@code returnExceptions}, each
     * child's exception (a {@link CancelledException} for a cancelled child) takes its place in
     * the result list instead of failing the gather.
     *
     * @param returnExceptions deliver failures as results instead of failing the gather
     * @param awaitables coroutines or futures
     * @return a future of the results (or, with {@code returnExceptions}, the exceptions), in
     *     argument order
     */
    public static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... awaitables) {
        return GatheringFuture.gather(Arrays.asList(awaitables), returnExceptions);
    }

    /**
     * {@link #gather(boolean, Awaitable[])} for a list of awaitables.
     *
     * @param awaitables coroutines or futures
     * @param returnExceptions deliver failures as results instead of failing the gather
     * @return a future of the results (or, with {@code returnExceptions}, the exceptions), in list
     *     order
     */
    public static Future<List<Object>> gather(List<? extends Awaitable<?>> awaitables, boolean returnExceptions) {
        return GatheringFuture.gather(awaitables, returnExceptions);
    }

    /**
     * A coroutine that waits until {@code futures} are done as {@code returnWhen} says, or
     * {@code timeout} passes (null: no limit), and returns the done and pending ones: asyncio's
     * {@code wait(fs, timeout=, return_when=)}. It never raises on the timeout. Call it as
     * {@code Asyncio.wait(...)}: inside a class, a bare {@code wait(...)} means {@link Object#wait()}.
     *
     * @param <T> the result type
     * @param futures the futures
     * @param timeout the time limit (null: none)
     * @param returnWhen when to return: {@code FIRST_COMPLETED}, {@code FIRST_EXCEPTION} or {@code
     *     ALL_COMPLETED}
     * @return a coroutine that waits until {@code futures} are done as {@code returnWhen} says, or
     *     {@code timeout} passes (null: no limit), and returns the done and pending ones
     * @throws IllegalArgumentException (when awaited) for an empty collection ("Set of
     *     Tasks/Futures is empty.") or a coroutine in it ("Passing coroutines is forbidden, use tasks
     *     explicitly.")
     */
    public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<? extends T>> futures,
            Duration timeout, ReturnWhen returnWhen) {
        return Waiting.wait(futures, timeout, returnWhen);
    }

    /**
     * {@link #wait(Collection, Duration, ReturnWhen)} until all are done, without a time limit.
     *
     * @param <T> the result type
     * @param futures the futures
     * @return a coroutine to await for the result
     */
    public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<? extends T>> futures) {
        return Waiting.wait(futures, null, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * A coroutine that awaits {@code awaitable} for at most {@code timeout} (null: no limit):
     * asyncio's {@code wait_for()} (3.12+). A coroutine runs inline in the awaiting task; on
     * timeout it is cancelled and {@link java.util.concurrent.TimeoutException} raised once it has
     * finished; if it absorbed the cancellation and returned a value, that value is returned.
     *
     * @param <T> the result type
     * @param awaitable a coroutine or a future
     * @param timeout the time limit (null: none)
     * @return a coroutine that awaits {@code awaitable} for at most {@code timeout} (null: no
     *     limit)
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, Duration timeout) {
        return Waiting.waitFor(awaitable, timeout);
    }

    /**
     * The awaitables in the order they complete, as an async iterable of futures (or, through
     * {@link AsCompleted#coroutines()}, as coroutines): asyncio's {@code as_completed(aws,
     * timeout=)}. Waiting past {@code timeout} (null: no limit) raises
     * {@link java.util.concurrent.TimeoutException}. Loop-confined.
     *
     * @param <T> the result type
     * @param awaitables coroutines or futures
     * @param timeout the time limit (null: none)
     * @return the awaitables in the order they complete, as an async iterable of futures (or,
     *     through {@link AsCompleted#coroutines()}, as coroutines)
     */
    public static <T> AsCompleted<T> asCompleted(Collection<? extends Awaitable<? extends T>> awaitables,
            Duration timeout) {
        return new AsCompleted<>(awaitables, timeout);
    }

    /**
     * {@link #asCompleted(Collection, Duration)} without a time limit.
     *
     * @param <T> the result type
     * @param awaitables coroutines or futures
     * @return the awaitables in the order they complete
     */
    public static <T> AsCompleted<T> asCompleted(Collection<? extends Awaitable<? extends T>> awaitables) {
        return new AsCompleted<>(awaitables, null);
    }

    /**
     * A future that completes like {@code awaitable} but whose cancellation does not cancel it:
     * asyncio's {@code shield()}. Loop-confined.
     *
     * @param <T> the result type
     * @param awaitable a coroutine or a future
     * @return a future that completes like {@code awaitable} but whose cancellation does not cancel
     *     it
     */
    public static <T> Future<T> shield(Awaitable<T> awaitable) {
        return Waiting.shield(awaitable);
    }

    // ---------------------------------------------------------------- structured scopes

    /**
     * An entered {@link Timeout} that expires after {@code delay} (null: never), for
     * try-with-resources inside a task: asyncio's {@code timeout(delay)}.
     *
     * @param delay how long to wait
     * @return an entered {@link Timeout} that expires after {@code delay} (null: never), for
     *     try-with-resources inside a task
     * @throws IllegalStateException outside a task ("Timeout should be used inside a task")
     */
    public static Timeout timeout(Duration delay) {
        Task<?> task = Scopes.requireTask("Timeout should be used inside a task");
        return new Timeout(delay == null ? null : task.loop.time() + Waiting.seconds(delay)).enter();
    }

    /**
     * An entered {@link Timeout} that expires at loop time {@code when} (null: never): asyncio's
     * {@code timeout_at(when)}.
     *
     * @param when the deadline in loop time (null: none)
     * @return an entered {@link Timeout} that expires at loop time {@code when} (null: never)
     */
    public static Timeout timeoutAt(Double when) {
        return new Timeout(when).enter();
    }

    /**
     * Runs {@code body} in the current task with a {@link Timeout} of {@code delay} (null: none):
     * {@code async with asyncio.timeout(delay): return ...}, exactly.
     *
     * @param <T> the result type
     * @param delay how long to wait
     * @param body the coroutine's body
     * @return the body's result
     * @throws java.util.concurrent.TimeoutException if the delay passed and the body left with
     *     the resulting cancellation
     */
    public static <T> T timeout(Duration delay, AsyncCallable<T> body) throws Exception {
        Task<?> task = Scopes.requireTask("Timeout should be used inside a task");
        return new Timeout(delay == null ? null : task.loop.time() + Waiting.seconds(delay)).run(body);
    }

    /**
     * {@link #timeout(Duration, AsyncCallable)} for a body without a result.
     *
     * @param delay how long to wait
     * @param body the coroutine's body
     * @throws Exception the body's own exception, or {@link java.util.concurrent.TimeoutException}
     *     if the deadline passed
     */
    public static void timeout(Duration delay, AsyncRunnable body) throws Exception {
        timeout(delay, Scopes.callable(body));
    }

    /**
     * An entered {@link TaskGroup} whose parent is the current task, for try-with-resources.
     *
     * @return an entered {@link TaskGroup} whose parent is the current task, for try-with-resources
     */
    public static TaskGroup taskGroup() {
        return new TaskGroup().enter();
    }

    // ---------------------------------------------------------------- threads

    /**
     * A coroutine that runs {@code function} in the loop's default executor, in the caller's
     * context, and returns its result (or raises its exception): asyncio's {@code to_thread()}.
     *
     * <p>What "context" means here. asyncio runs the function in a copy of the caller's
     * {@code contextvars}. Java's nearest equivalents are the {@link InheritableThreadLocal}s and
     * the context class loader, which a thread inherits from the thread that creates it and which
     * no public API copies onto an existing thread: so the function runs on a fresh platform
     * thread made by the calling task's thread, and a worker of the default executor starts and
     * waits for it, which keeps asyncio's bound on how many run at once. (Not a virtual thread: one
     * made inside a task of a fast-mode loop would have the loop as its scheduler, and run on the
     * loop thread.) Plain {@link ThreadLocal}s are not
     * carried (they are not meant to be), nor are {@link ScopedValue} bindings (the JDK passes
     * those only to a {@code StructuredTaskScope}'s subtasks): bind what the function needs inside
     * it. A task itself is a thread made by the code that created it, so it sees its creator's
     * inheritable thread-locals, as an asyncio task copies the context at {@code create_task()}.
     *
     * @param <T> the result type
     * @param function the function
     * @return a coroutine that runs {@code function} in the loop's default executor, in the
     *     caller's context, and returns its result (or raises its exception)
     */
    public static <T> Coroutine<T> toThread(Callable<T> function) {
        return Threads.toThread(function);
    }

    /**
     * {@link #toThread(Callable)} for a function without a result.
     *
     * @param function the function
     * @return a coroutine to await
     */
    public static Coroutine<Void> toThread(Runnable function) {
        Objects.requireNonNull(function, "function");
        return Threads.toThread(() -> {
            function.run();
            return null;
        });
    }

    /**
     * Submits {@code coro} to {@code loop} from any thread and returns a future of its result:
     * asyncio's {@code run_coroutine_threadsafe()}. Cancelling the returned future cancels the
     * task. Thread-safe.
     *
     * @param <T> the result type
     * @param coro the coroutine, not yet started
     * @param loop the event loop
     * @return a future of the coroutine's result, completed on the loop's thread
     * @throws IllegalStateException if the loop is closed
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        return Threads.runCoroutineThreadsafe(coro, loop);
    }

    // ---------------------------------------------------------------- async generators

    /**
     * A new async generator running {@code body}: calling an {@code async def} that yields.
     * Nothing runs until the first value is asked for. Thread-safe (to make).
     *
     * @param <T> the result type
     * @param body the coroutine's body
     * @return a new async generator running {@code body}: calling an {@code async def} that yields
     */
    public static <T> AsyncGenerator<T> asyncGenerator(AsyncGeneratorBody<T> body) {
        return new AsyncGenerator<>(body);
    }

    // ---------------------------------------------------------------- tasks and loops

    /**
     * The task running the caller, or null outside a task: asyncio's {@code current_task()}.
     *
     * @return the task running the caller, or null outside a task
     */
    public static Task<?> currentTask() {
        return Task.current();
    }

    /**
     * The task of {@code loop} running the caller, or null: asyncio's {@code current_task(loop)}.
     *
     * @param loop the event loop
     * @return the task of {@code loop} running the caller, or null
     */
    public static Task<?> currentTask(EventLoop loop) {
        Task<?> task = Task.current();
        return task != null && task.loop == loop ? task : null;
    }

    /**
     * The running loop's tasks that are not done: asyncio's {@code all_tasks()}. Loop-confined.
     *
     * @return the running loop's tasks that are not done
     */
    public static Set<Task<?>> allTasks() {
        return getRunningLoop().pendingTasks();
    }

    /**
     * {@code loop}'s tasks that are not done: asyncio's {@code all_tasks(loop)}. Loop-confined.
     *
     * @param loop the event loop
     * @return {@code loop}'s tasks that are not done
     */
    public static Set<Task<?>> allTasks(EventLoop loop) {
        return loop.pendingTasks();
    }

    /**
     * The event loop running in this thread (or running the calling task): asyncio's
     * {@code get_running_loop()}.
     *
     * @return the event loop running in this thread (or running the calling task)
     * @throws IllegalStateException if none runs ("no running event loop")
     */
    public static EventLoop getRunningLoop() {
        EventLoop loop = runningLoopOrNull();
        if (loop == null) {
            throw new IllegalStateException("no running event loop");
        }
        return loop;
    }

    static EventLoop runningLoopOrNull() {
        Task<?> task = Task.current();
        return task != null ? task.loop : EventLoop.runningOnThisThread();
    }

    /**
     * The running loop; outside one, this thread's current loop (set by {@link #setEventLoop}):
     * asyncio's {@code get_event_loop()}. On the JVM's main thread, a loop is made and set as
     * current when there is none, as asyncio's default policy does in the main thread.
     *
     * @return the running loop; outside one, this thread's current loop (set by {@link
     *     #setEventLoop})
     * @throws IllegalStateException on another thread with no current loop ("There is no current
     *     event loop in thread ...")
     */
    public static EventLoop getEventLoop() {
        EventLoop running = runningLoopOrNull();
        if (running != null) {
            return running;
        }
        EventLoop current = CURRENT_LOOP.get();
        if (current == null && MainThread.isCurrent()) {
            current = new EventLoop();
            CURRENT_LOOP.set(current);
        }
        if (current == null) {
            throw new IllegalStateException(
                    "There is no current event loop in thread '" + Thread.currentThread().getName() + "'.");
        }
        return current;
    }

    /**
     * Makes {@code loop} this thread's current loop (null: none): asyncio's {@code
     * set_event_loop()}.
     *
     * @param loop the event loop
     */
    public static void setEventLoop(EventLoop loop) {
        if (loop == null) {
            CURRENT_LOOP.remove();
        } else {
            CURRENT_LOOP.set(loop);
        }
    }

    /**
     * A new event loop: asyncio's {@code new_event_loop()}. It is not made current. Thread-safe.
     *
     * @return a new event loop
     */
    public static EventLoop newEventLoop() {
        return new EventLoop();
    }

    /**
     * How tasks run in this JVM: {@link SchedulingMode#FAST} or {@link SchedulingMode#PORTABLE}.
     *
     * @return how tasks run in this JVM: {@link SchedulingMode#FAST} or {@link
     *     SchedulingMode#PORTABLE}
     */
    public static SchedulingMode schedulingMode() {
        return Strands.mode();
    }

    /** The loop for a future made without one: the running loop, else {@link #getEventLoop()}. */
    static EventLoop loopForNewFuture() {
        EventLoop running = runningLoopOrNull();
        return running != null ? running : getEventLoop();
    }

    /**
     * A future of the running (or current) loop that completes like {@code stage}: asyncio's
     * {@code wrap_future()}. Thread-safe.
     *
     * @param <T> the result type
     * @param stage the stage to wait for
     * @return a future of the running (or current) loop that completes like {@code stage}
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return Future.wrap(stage);
    }

    // ---------------------------------------------------------------- streams

    /**
     * Opens a TCP connection and returns its reader and writer: asyncio's
     * {@code open_connection(host, port)}. See {@link dev.asyncio4j.stream.Streams}.
     *
     * @param host the host name or IP address
     * @param port the port to connect to
     * @return a coroutine to await for the result
     */
    public static Coroutine<dev.asyncio4j.stream.StreamConnection> openConnection(String host, int port) {
        return dev.asyncio4j.stream.Streams.openConnection(host, port);
    }

    /**
     * {@link #openConnection(String, int)} with {@code createConnection}'s options.
     *
     * @param host the host name or IP address
     * @param port the port to connect to
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public static Coroutine<dev.asyncio4j.stream.StreamConnection> openConnection(String host, int port,
            dev.asyncio4j.net.ConnectOptions options) {
        return dev.asyncio4j.stream.Streams.openConnection(host, port, options);
    }

    /**
     * Starts a TCP server that runs {@code callback} in a new task for each client: asyncio's
     * {@code start_server(client_connected_cb, host, port)}.
     *
     * @param callback what to run
     * @param host the host name or IP address
     * @param port the port (0: one the OS chooses, for a server)
     * @return a coroutine to await for the result
     */
    public static Coroutine<dev.asyncio4j.net.Server> startServer(dev.asyncio4j.stream.ClientConnectedCallback callback,
            String host, int port) {
        return dev.asyncio4j.stream.Streams.startServer(callback, host, port);
    }

    /**
     * {@link #startServer(dev.asyncio4j.stream.ClientConnectedCallback, String, int)} with options.
     *
     * @param callback what to run
     * @param host the host name or IP address
     * @param port the port (0: one the OS chooses, for a server)
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public static Coroutine<dev.asyncio4j.net.Server> startServer(dev.asyncio4j.stream.ClientConnectedCallback callback,
            String host, int port, dev.asyncio4j.net.ServerOptions options) {
        return dev.asyncio4j.stream.Streams.startServer(callback, host, port, options);
    }

    /**
     * Connects to a Unix-domain socket: asyncio's {@code open_unix_connection(path)}.
     *
     * @param path the Unix-domain socket's path
     * @return a coroutine to await for the result
     */
    public static Coroutine<dev.asyncio4j.stream.StreamConnection> openUnixConnection(java.nio.file.Path path) {
        return dev.asyncio4j.stream.Streams.openUnixConnection(path);
    }

    /**
     * {@link #openUnixConnection(java.nio.file.Path)} with {@code createUnixConnection}'s options
     * (TLS, for one).
     *
     * @param path the Unix-domain socket's path
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public static Coroutine<dev.asyncio4j.stream.StreamConnection> openUnixConnection(java.nio.file.Path path,
            dev.asyncio4j.net.ConnectOptions options) {
        return dev.asyncio4j.stream.Streams.openUnixConnection(path, options);
    }

    /**
     * Starts a Unix-domain server: asyncio's {@code start_unix_server(client_connected_cb, path)}.
     *
     * @param callback what to run
     * @param path the Unix-domain socket's path
     * @return a coroutine to await for the result
     */
    public static Coroutine<dev.asyncio4j.net.Server> startUnixServer(
            dev.asyncio4j.stream.ClientConnectedCallback callback, java.nio.file.Path path) {
        return dev.asyncio4j.stream.Streams.startUnixServer(callback, path);
    }

    /**
     * {@link #startUnixServer(dev.asyncio4j.stream.ClientConnectedCallback, java.nio.file.Path)}
     * with options (TLS, for one).
     *
     * @param callback what to run
     * @param path the Unix-domain socket's path
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public static Coroutine<dev.asyncio4j.net.Server> startUnixServer(
            dev.asyncio4j.stream.ClientConnectedCallback callback, java.nio.file.Path path,
            dev.asyncio4j.net.ServerOptions options) {
        return dev.asyncio4j.stream.Streams.startUnixServer(callback, path, options);
    }

    // ---------------------------------------------------------------- subprocesses

    /**
     * Starts {@code program} with {@code args}, its streams inherited: asyncio's
     * {@code create_subprocess_exec(program, *args)}. See {@link dev.asyncio4j.subprocess.Subprocesses}.
     *
     * @param program the program to run (found on the {@code PATH})
     * @param args the program's arguments
     * @return a coroutine to await for the result
     */
    public static Coroutine<dev.asyncio4j.subprocess.Subprocess> createSubprocessExec(String program, String... args) {
        return dev.asyncio4j.subprocess.Subprocesses.createSubprocessExec(program, args);
    }

    /**
     * Starts {@code command} (program, then arguments) with asyncio's keyword arguments (pipes,
     * environment, working directory): {@code create_subprocess_exec(*command, stdout=PIPE, ...)}.
     *
     * @param command the program and its arguments
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public static Coroutine<dev.asyncio4j.subprocess.Subprocess> createSubprocessExec(List<String> command,
            dev.asyncio4j.subprocess.SubprocessOptions options) {
        return dev.asyncio4j.subprocess.Subprocesses.createSubprocessExec(command, options);
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c}: asyncio's {@code create_subprocess_shell(cmd)}.
     *
     * @param cmd the shell command line, run by {@code /bin/sh -c}
     * @return a coroutine to await for the result
     */
    public static Coroutine<dev.asyncio4j.subprocess.Subprocess> createSubprocessShell(String cmd) {
        return dev.asyncio4j.subprocess.Subprocesses.createSubprocessShell(cmd);
    }

    /**
     * {@link #createSubprocessShell(String)} with asyncio's keyword arguments.
     *
     * @param cmd the shell command line, run by {@code /bin/sh -c}
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public static Coroutine<dev.asyncio4j.subprocess.Subprocess> createSubprocessShell(String cmd,
            dev.asyncio4j.subprocess.SubprocessOptions options) {
        return dev.asyncio4j.subprocess.Subprocesses.createSubprocessShell(cmd, options);
    }

    // ---------------------------------------------------------------- helpers

    /** {@code error} as an Exception to throw; an Error is thrown directly. */
    static Exception asException(Throwable error) {
        if (error instanceof Exception exception) {
            return exception;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return new UndeclaredThrowableException(error);
    }

    /** Throws {@code error} unchanged, whatever its type; the return type lets callers write {@code throw}. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable error) throws E {
        throw (E) error;
    }

    /** Whether the caller is the JVM's main thread. */
    static boolean isMainThread() {
        return MainThread.isCurrent();
    }

    /** Finds the JVM's main thread once: the non-daemon thread named "main" in group "main". */
    private static final class MainThread {
        private static final Thread MAIN = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("main") && !t.isDaemon() && !t.isVirtual()
                        && t.getThreadGroup() != null && t.getThreadGroup().getName().equals("main"))
                .findFirst().orElse(null);

        static boolean isCurrent() {
            return Thread.currentThread() == MAIN;
        }
    }
}
