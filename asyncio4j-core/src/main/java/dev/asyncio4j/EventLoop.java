package dev.asyncio4j;

import dev.asyncio4j.internal.IoReady;
import dev.asyncio4j.internal.LoopClock;
import dev.asyncio4j.internal.LoopInternals;
import dev.asyncio4j.internal.LoopScheduler;
import dev.asyncio4j.internal.SignalHandlers;
import dev.asyncio4j.internal.Strand;
import dev.asyncio4j.internal.Strands;
import dev.asyncio4j.internal.net.Connections;
import dev.asyncio4j.internal.net.Datagrams;
import dev.asyncio4j.internal.net.Sendfile;
import dev.asyncio4j.internal.net.Servers;
import dev.asyncio4j.internal.net.SocketOps;
import dev.asyncio4j.internal.net.StartTls;
import dev.asyncio4j.internal.subprocess.ChildProcesses;
import dev.asyncio4j.net.BaseProtocol;
import dev.asyncio4j.net.ConnectOptions;
import dev.asyncio4j.net.DatagramOptions;
import dev.asyncio4j.net.DatagramProtocol;
import dev.asyncio4j.net.DatagramTransport;
import dev.asyncio4j.net.Endpoint;
import dev.asyncio4j.net.Server;
import dev.asyncio4j.net.ServerOptions;
import dev.asyncio4j.net.SslOptions;
import dev.asyncio4j.net.Transport;
import dev.asyncio4j.subprocess.SubprocessOptions;
import dev.asyncio4j.subprocess.SubprocessProtocol;
import dev.asyncio4j.subprocess.SubprocessTransport;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An event loop: asyncio's {@code AbstractEventLoop}, on one thread, with a {@link Selector}.
 *
 * <p>The loop runs callbacks ({@link #callSoon}, {@link #callLater}, {@link #callAt}), the steps of
 * its {@link Task tasks}, and I/O callbacks, one at a time, on the thread that called
 * {@link #runForever()} or {@link #runUntilComplete}. Each iteration polls the selector (blocking
 * only when nothing is ready, at most until the next timer), moves due timers to the ready queue,
 * and runs exactly the callbacks that were ready when the pass began; callbacks they schedule run
 * in the next iteration. This is asyncio's {@code _run_once}, and its ordering guarantees hold:
 * callbacks run in the order they were scheduled, timers in the order of their due time.
 *
 * <p>Thread confinement: the loop is not thread-safe. Call its methods on the loop thread or in
 * one of its tasks; a loop-confined method called from another thread while the loop runs throws
 * {@link WrongThreadException}. The thread-safe methods say so: {@link #callSoonThreadsafe},
 * {@link #stop()}, {@link #isRunning()}, {@link #isClosed()}, {@link #time()}.
 *
 * <pre>{@code
 * EventLoop loop = Asyncio.getEventLoop();              // loop = asyncio.get_event_loop()
 * loop.runUntilComplete(async(() -> System.out.println("OMG asynchronicity!")));
 * loop.close();
 * }</pre>
 *
 * <p>Most programs use {@link Asyncio#run} instead, which makes a loop, runs a coroutine and
 * closes the loop.
 */
public final class EventLoop {

    /*
     * Overview for maintainers.
     *
     * ready: the ready queue (Handles and internal Runnables: task steps, IoReady registrations).
     * Invariant: touched only by the loop thread or a task holding control (inLoop()); while the
     * loop is not running, other threads queue through `inbound`, which the loop drains at the
     * start of each iteration and after the select, so order is FIFO across both.
     *
     * inbound: the thread-safe queue (callSoonThreadsafe, task resumptions from JDK threads).
     * waiting: true while the loop may be blocked in select; a producer that flips it back to false
     * wakes the selector, so several producers cost one wakeup.
     *
     * timers: a heap ordered by (due time, sequence). cancelledTimers counts cancelled handles still
     * in the heap; purged as asyncio does (see purgeCancelledTimers).
     *
     * remaining: how many items of the current pass are still to run; an eager task start puts
     * items at the head of the queue and raises it, so they run inside the current pass.
     */

    private static final System.Logger LOG = System.getLogger("dev.asyncio4j");
    private static final int MIN_SCHEDULED_TIMER_HANDLES = 100;
    private static final double MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5;
    private static final long MAXIMUM_SELECT_TIMEOUT_NANOS = TimeUnit.HOURS.toNanos(24);
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
    private static final AtomicInteger EXECUTOR_THREADS = new AtomicInteger();

    static {
        LoopInternals.set(new InternalAccess());
    }

    private final LoopClock clock;
    private final Selector selector;
    private final ArrayDeque<Object> ready = new ArrayDeque<>(256);
    // Run after the current iteration's ready items, before the next select: transports sending
    // together what their protocols wrote during the iteration (LoopInternals.atIterationEnd).
    private final ArrayDeque<Runnable> iterationEnd = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Object> inbound = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean waiting = new AtomicBoolean();
    private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>(TimerHandle::compare);
    private int cancelledTimers;
    private long timerSequence;
    private volatile Thread thread;
    private volatile boolean stopping;
    private volatile boolean closed;
    private boolean debug = Debug.DEFAULT;
    private Duration slowCallbackDuration = Duration.ofMillis(100);
    private ExceptionHandler exceptionHandler;
    private ExecutorService defaultExecutor;
    // The default executor this loop made (platform threads), as opposed to one set by the user.
    private ExecutorService ownExecutor;
    private boolean executorShutdownCalled;
    private TaskFactory taskFactory;
    private final Strands.Factory strands;
    private final Scheduler scheduler = new Scheduler();
    private long stepsRun;
    private int remaining;
    private boolean captureNext;
    private Runnable captured;
    private boolean frontNext;
    private Throwable raiseAfterStep;
    private Object currentItem;
    // The task whose step runs now (asyncio's _current_tasks[loop]); null between steps.
    private Task<?> steppingTask;
    // Pending tasks, in creation order, as an intrusive doubly linked list through the tasks'
    // own fields (no allocation, no hashing). Invariant: a task is linked from creation until done.
    private Task<?> firstPending;
    private Task<?> lastPending;
    // Coroutines made on this loop during the current pass; those not started by its end get a
    // never-awaited watch (most are awaited or wrapped in a task at once and never need one).
    private final ArrayList<Coroutine<?>> freshCoroutines = new ArrayList<>();
    private final Map<Signal, Handle> signalHandlers = new EnumMap<>(Signal.class);
    // What SignalHandlers.install returned for each signal, to restore only our own installation.
    private final Map<Signal, Object> signalInstallations = new EnumMap<>(Signal.class);
    private final Set<AsyncCloseable> asyncGenerators = Collections.newSetFromMap(new WeakHashMap<>());
    private boolean asyncGeneratorsShutDown;

    /** A new event loop on the real clock: asyncio's {@code new_event_loop()}. Thread-safe. */
    public EventLoop() {
        this(LoopClock.SYSTEM);
    }

    private EventLoop(LoopClock clock) {
        this.clock = clock;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event loop's selector", e);
        }
        this.strands = Strands.forLoop(scheduler, scheduler, Thread.currentThread().isVirtual());
        Strands.announceOnce();
    }

    // ---------------------------------------------------------------- time and callbacks

    /**
     * The loop's time in seconds, from a monotonic clock: asyncio's {@code time()}. The timebase
     * of {@link #callAt} and {@link TimerHandle#when()}. Thread-safe.
     *
     * @return the loop's time in seconds, from a monotonic clock
     */
    public double time() {
        return clock.nanoTime() / 1e9;
    }

    /**
     * Schedules {@code callback} to run in the next iteration, after every callback already
     * scheduled: asyncio's {@code call_soon()}. Loop-confined (any thread before the loop runs).
     *
     * @param callback what to run
     * @return the handle, to cancel the call
     */
    public Handle callSoon(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        return schedule(new Handle(this, callback, null));
    }

    Handle schedule(Handle handle) {
        checkClosed();
        Thread owner = thread;
        if (owner == null) {
            inbound.add(handle);
        } else {
            if (Thread.currentThread() != owner) {
                checkThread();
            }
            ready.addLast(handle);
        }
        return handle;
    }

    /**
     * Like {@link #callSoon}, from any thread, waking the loop if it waits: asyncio's
     * {@code call_soon_threadsafe()}. Thread-safe. Memory consistency: actions of the calling
     * thread before this call happen-before the callback runs.
     *
     * @param callback what to run
     * @return the handle, to cancel the call
     * @throws IllegalStateException if the loop is closed ("Event loop is closed")
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkClosed();
        Handle handle = new Handle(this, callback, null);
        enqueueThreadsafe(handle);
        return handle;
    }

    /** {@link #callSoonThreadsafe}, or false if the loop is closed. Thread-safe. */
    boolean callSoonThreadsafeIfOpen(Runnable callback) {
        if (closed) {
            return false;
        }
        enqueueThreadsafe(new Handle(this, callback, null));
        return true;
    }

    /**
     * Queues {@code callback} through the thread-safe inbound queue even when the caller looks
     * like one of the loop's tasks (a portable-mode task thread that does not hold control);
     * false if the loop is closed. Thread-safe.
     */
    boolean callSoonFromAnyThread(Runnable callback) {
        if (closed) {
            return false;
        }
        inbound.add(new Handle(this, callback, null));
        wakeUp();
        return true;
    }

    private void enqueueThreadsafe(Object item) {
        if (inLoop()) {
            ready.addLast(item);
        } else {
            inbound.add(item);
            wakeUp();
        }
    }

    private void wakeUp() {
        if (waiting.compareAndSet(true, false)) {
            try {
                selector.wakeup();
            } catch (ClosedSelectorException ignored) {
                // Closed meanwhile: nothing to wake.
            }
        }
    }

    /**
     * Schedules {@code callback} to run after {@code delay}: asyncio's {@code call_later()}.
     * Callbacks due at the same time run in the order they were scheduled. Loop-confined.
     *
     * @param delay how long to wait
     * @param callback what to run
     * @return the timer's handle, to cancel it
     */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        Objects.requireNonNull(delay, "delay");
        return callAtNanos(clock.nanoTime() + saturatedNanos(delay), callback);
    }

    /**
     * Schedules {@code callback} to run at loop time {@code when} (seconds, see {@link #time()}):
     * asyncio's {@code call_at()}. Loop-confined.
     *
     * @param when the deadline in loop time (null: none)
     * @param callback what to run
     * @return the timer's handle, to cancel it
     */
    public TimerHandle callAt(double when, Runnable callback) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("when cannot be NaN");
        }
        return callAtNanos((long) Math.clamp(when * 1e9, -Long.MAX_VALUE / 2.0, Long.MAX_VALUE / 2.0), callback);
    }

    private TimerHandle callAtNanos(long whenNanos, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkClosed();
        checkThread();
        TimerHandle timer = new TimerHandle(this, whenNanos, timerSequence++, callback);
        timers.add(timer);
        timer.scheduled = true;
        return timer;
    }

    void timerHandleCancelled(TimerHandle timer) {
        if (timer.scheduled) {
            cancelledTimers++;
        }
    }

    /**
     * The delay in nanoseconds, kept negative when it is (a timer 2 s overdue runs before one 1 s
     * overdue, as in asyncio's test_call_later_negative_delays), within a quarter of the long range.
     */
    private static long saturatedNanos(Duration delay) {
        try {
            return Math.clamp(delay.toNanos(), -Long.MAX_VALUE / 4, Long.MAX_VALUE / 4);
        } catch (ArithmeticException overflow) {
            return delay.isNegative() ? -Long.MAX_VALUE / 4 : Long.MAX_VALUE / 4;
        }
    }

    // ---------------------------------------------------------------- futures and tasks

    /**
     * A new pending future of this loop: asyncio's {@code create_future()}. Loop-confined.
     *
     * @param <T> the result type
     * @return a new pending future of this loop
     */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /**
     * Wraps {@code coro} in a task scheduled to start in the next iteration: asyncio's
     * {@code create_task()}. Loop-confined (any thread before the loop runs).
     *
     * @param <T> the result type
     * @param coro the coroutine, not yet started
     * @return the new task
     * @throws IllegalStateException if the loop is closed ("Event loop is closed")
     */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /**
     * {@link #createTask(Coroutine)} with a name for the task ({@code null}: {@code Task-<n>}).
     *
     * @param <T> the result type
     * @param coro the coroutine, not yet started
     * @param name the name
     * @return the new task
     */
    @SuppressWarnings("unchecked")
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        Objects.requireNonNull(coro, "coro");
        checkClosed();
        checkThread();
        TaskFactory factory = taskFactory;
        if (factory == null) {
            return new Task<>(this, coro, name, false);
        }
        Task<T> task = (Task<T>) factory.create(this, coro, name);
        if (name != null) {
            task.setName(name);
        }
        return task;
    }

    /**
     * Sets the factory {@link #createTask} uses; null restores the default. Loop-confined.
     *
     * @param factory the factory (null: the default)
     */
    public void setTaskFactory(TaskFactory factory) {
        this.taskFactory = factory;
    }

    /**
     * The task factory, or null for the default: asyncio's {@code get_task_factory()}.
     *
     * @return the task factory, or null for the default
     */
    public TaskFactory getTaskFactory() {
        return taskFactory;
    }

    /** The tasks of this loop that are not done, in creation order. Loop-confined. */
    Set<Task<?>> pendingTasks() {
        Set<Task<?>> pending = new LinkedHashSet<>();
        for (Task<?> task = firstPending; task != null; task = task.nextPending) {
            pending.add(task);
        }
        return Collections.unmodifiableSet(pending);
    }

    void registerTask(Task<?> task) {
        task.previousPending = lastPending;
        if (lastPending == null) {
            firstPending = task;
        } else {
            lastPending.nextPending = task;
        }
        lastPending = task;
    }

    void unregisterTask(Task<?> task) {
        Task<?> previous = task.previousPending;
        Task<?> next = task.nextPending;
        if (previous == null) {
            firstPending = next;
        } else {
            previous.nextPending = next;
        }
        if (next == null) {
            lastPending = previous;
        } else {
            next.previousPending = previous;
        }
        task.previousPending = null;
        task.nextPending = null;
    }

    /** Defers the never-awaited watch of a coroutine made on this loop to the end of the pass. */
    void coroutineCreated(Coroutine<?> coroutine) {
        freshCoroutines.add(coroutine);
    }

    private void watchFreshCoroutines() {
        for (int i = 0, n = freshCoroutines.size(); i < n; i++) {
            freshCoroutines.get(i).watchIfNotStarted();
        }
        freshCoroutines.clear();
    }

    Strand newStrand(dev.asyncio4j.internal.StrandBody body) {
        return strands.newStrand(body);
    }

    /**
     * A task's step begins (asyncio's _enter_task). Debug mode also remembers it, so a slow step
     * can be reported as the task's; the pass item that ran it forgets it again.
     */
    void enterTask(Task<?> task) {
        steppingTask = task;
        if (debug) {
            steppedTask = task;
        }
    }

    /** A task's step ends (asyncio's _leave_task). */
    void leaveTask(Task<?> task) {
        if (steppingTask == task) {
            steppingTask = null;
        }
    }

    /**
     * Runs a new task's first step now, as asyncio's eager start does: inline when called from a
     * callback; when called from a task, by putting the new task's step and then the creator's
     * resumption at the head of the ready queue and suspending the creator.
     */
    void startEagerly(Strand strand) {
        captureNext = true;
        try {
            strand.start();
        } finally {
            captureNext = false;
        }
        Runnable firstStep = captured;
        captured = null;
        Task<?> creator = Task.current();
        if (creator == null) {
            // Called from a callback: run the first step inline. Eager tasks that step creates
            // put their first steps and their creators' resumptions at the head of the ready
            // queue (counted in `remaining`); run those inline too, so that, as in asyncio, every
            // nested eager step has run when createTask returns to the callback.
            int before = remaining;
            stepsRun++;
            firstStep.run();
            while (remaining > before) {
                remaining--;
                stepsRun++;
                runItem(ready.pollFirst());
            }
            return;
        }
        ready.addFirst((Runnable) () -> {
            frontNext = true;
            try {
                creator.wakeUp();
            } finally {
                frontNext = false;
            }
        });
        ready.addFirst(firstStep);
        remaining += 2;
        creator.suspendForEagerStart();
    }

    /**
     * Runs {@code resume} (which queues one strand step, say {@code strand.resume()}) so that the
     * step goes to the head of the ready queue and runs next, within the current pass: a direct
     * hand-off between two strands of one task, as an async generator's yield is.
     */
    void runNextInPass(Runnable resume) {
        frontNext = true;
        try {
            resume.run();
        } finally {
            frontNext = false;
        }
    }

    void raiseAfterStep(Throwable error) {
        raiseAfterStep = error;
    }

    // ---------------------------------------------------------------- running and stopping

    /**
     * Runs the loop until {@code awaitable} is done and returns its result, or throws its
     * exception: asyncio's {@code run_until_complete()}. A coroutine is wrapped in a task.
     * Call it on the thread that will be the loop thread.
     *
     * @param <T> the result type
     * @param awaitable a coroutine or a future
     * @return the awaitable's result
     * @throws IllegalStateException if the loop is closed, already running, another loop runs on
     *     this thread, or the loop was stopped before the future completed ("Event loop stopped
     *     before Future completed.")
     * @throws Exception the awaitable's own exception, as it was raised
     */
    public <T> T runUntilComplete(Awaitable<T> awaitable) throws Exception {
        checkClosed();
        checkRunning();
        boolean newTask = !(awaitable instanceof Future);
        Future<T> future = Asyncio.ensureFuture(awaitable, this);
        Consumer<Future<T>> stopWhenDone = done -> {
            if (!done.isCancelled() && done.exception() instanceof KeyboardInterruptException) {
                return;
            }
            done.getLoop().stop();
        };
        future.addDoneCallback(stopWhenDone);
        try {
            runForever();
        } catch (Throwable e) {
            if (newTask && future.isDone() && !future.isCancelled()) {
                future.exception();
            }
            throw e;
        } finally {
            future.removeDoneCallback(stopWhenDone);
        }
        if (!future.isDone()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    /**
     * Runs the loop until {@link #stop()} is called: asyncio's {@code run_forever()}. The calling
     * thread becomes the loop thread while it runs.
     *
     * @throws IllegalStateException if the loop is closed, already running, or another loop runs
     *     on this thread
     * @throws KeyboardInterruptException if a task raised it, or the second Ctrl-C under a
     *     {@link Runner}
     */
    public void runForever() {
        runForeverSetup();
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            runForeverCleanup();
        }
    }

    private void runForeverSetup() {
        checkClosed();
        checkRunning();
        Thread current = Thread.currentThread();
        if (current.isVirtual() && strands.mode() == SchedulingMode.FAST) {
            throw new IllegalStateException("this event loop was created on a platform thread and "
                    + "carries its tasks' virtual threads itself, so it must run on a platform "
                    + "thread; create the loop on the virtual thread that runs it instead");
        }
        thread = current;
        RUNNING.set(this);
        drainInbound();
    }

    private void runForeverCleanup() {
        watchFreshCoroutines();
        stopping = false;
        thread = null;
        RUNNING.remove();
        if (interruptedWhileRunning) {
            interruptedWhileRunning = false;
            Thread.currentThread().interrupt();
        }
    }

    private boolean interruptedWhileRunning;

    /** One iteration: asyncio's {@code _run_once}. */
    private void runOnce() {
        drainInbound();
        purgeCancelledTimers();
        long timeout;
        if (!ready.isEmpty() || stopping) {
            timeout = 0;
        } else if (!timers.isEmpty()) {
            timeout = Math.clamp(timers.peek().whenNanos - clock.nanoTime(), 0, MAXIMUM_SELECT_TIMEOUT_NANOS);
        } else {
            timeout = -1;
        }
        select(timeout);
        drainInbound();
        if (Thread.interrupted()) {
            // An interrupt of the loop thread asks the loop to stop, as it asks any Java thread.
            interruptedWhileRunning = true;
            stopping = true;
        }
        long endTime = clock.nanoTime() + 1;
        while (!timers.isEmpty()) {
            TimerHandle timer = timers.peek();
            if (timer.whenNanos >= endTime) {
                break;
            }
            timers.poll();
            timer.scheduled = false;
            ready.addLast(timer);
        }
        remaining = ready.size();
        while (remaining > 0) {
            remaining--;
            Object item = ready.pollFirst();
            stepsRun++;
            if (debug) {
                runTimed(item);
            } else {
                runItem(item);
            }
            if (raiseAfterStep != null) {
                Throwable error = raiseAfterStep;
                raiseAfterStep = null;
                throw Asyncio.sneaky(error);
            }
        }
        if (!iterationEnd.isEmpty()) {
            runIterationEnd();
        }
        if (!freshCoroutines.isEmpty()) {
            watchFreshCoroutines();
        }
    }

    private void runIterationEnd() {
        Runnable action;
        while ((action = iterationEnd.pollFirst()) != null) {
            try {
                action.run();
            } catch (KeyboardInterruptException | VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                callExceptionHandler(ExceptionContext.of("Exception in end-of-iteration action " + action, e));
            }
        }
    }

    private void runItem(Object item) {
        if (item instanceof Handle handle) {
            if (!handle.isCancelled()) {
                handle.run();
            }
        } else if (item instanceof IoReady io) {
            try {
                io.runReady();
            } catch (KeyboardInterruptException | VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                callExceptionHandler(ExceptionContext.of("Exception in I/O callback " + io, e));
            }
        } else {
            ((Runnable) item).run();
        }
    }

    private void runTimed(Object item) {
        currentItem = item;
        steppedTask = null;
        long start = System.nanoTime();
        try {
            runItem(item);
        } finally {
            currentItem = null;
        }
        long took = System.nanoTime() - start;
        Task<?> task = steppedTask;
        steppedTask = null;
        if (took >= slowCallbackDuration.toNanos()) {
            Object what = item instanceof Handle || task == null ? item : "step of " + task;
            LOG.log(System.Logger.Level.WARNING,
                    String.format(java.util.Locale.ROOT, "Executing %s took %.3f seconds", what, took / 1e9));
        }
    }

    // The task whose step the current debug-mode pass item ran; null outside runTimed, so the
    // loop never keeps a finished task reachable.
    private Task<?> steppedTask;
    private static final long POLL_INTERVAL_NANOS = 20_000;
    private long lastPoll;

    private void select(long timeoutNanos) {
        if (timeoutNanos == 0) {
            // Work is ready, so this is only a poll. Skip it when no channel is registered, and
            // poll at most every POLL_INTERVAL_NANOS while busy: a poll is a system call, which
            // would otherwise cost more than a task switch. The last iteration before the loop
            // stops always polls: asyncio's stop() promises one select(0), and a pre-stopped
            // run_forever() is how callers run the loop exactly once.
            if (selector.keys().isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (!stopping && now - lastPoll < POLL_INTERVAL_NANOS) {
                return;
            }
            lastPoll = now;
        }
        long wait = timeoutNanos == 0 ? 0 : clock.beforeWait(timeoutNanos);
        int selected;
        try {
            if (wait == 0) {
                selected = selector.selectNow(onSelected);
            } else {
                waiting.set(true);
                try {
                    // Read after publishing `waiting`: a producer that queued work, or a thread
                    // that called stop(), before seeing it would not wake the selector.
                    if (!inbound.isEmpty() || stopping) {
                        selected = selector.selectNow(onSelected);
                    } else if (wait < 0) {
                        selected = selector.select(onSelected);
                    } else {
                        selected = selector.select(onSelected, Math.max(1, (wait + 999_999) / 1_000_000));
                    }
                } finally {
                    waiting.set(false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("event loop selector failed", e);
        }
        if (timeoutNanos != 0) {
            clock.afterWait(selected > 0 || !inbound.isEmpty(), timeoutNanos);
        }
    }

    // One consumer for every select, rather than a new method reference each time.
    private final Consumer<SelectionKey> onSelected = this::onSelected;

    private void onSelected(SelectionKey key) {
        try {
            IoReady io = (IoReady) key.attachment();
            if (io.selected(key.readyOps())) {
                ready.addLast(io);
            }
        } catch (CancelledKeyException ignored) {
            // Unregistered while the select ran.
        }
    }

    private void drainInbound() {
        Object item;
        while ((item = inbound.poll()) != null) {
            ready.addLast(item);
        }
    }

    private void purgeCancelledTimers() {
        int scheduled = timers.size();
        if (scheduled > MIN_SCHEDULED_TIMER_HANDLES
                && (double) cancelledTimers / scheduled > MIN_CANCELLED_TIMER_HANDLES_FRACTION) {
            List<TimerHandle> kept = new ArrayList<>(scheduled - cancelledTimers);
            for (TimerHandle timer : timers) {
                if (timer.isCancelled()) {
                    timer.scheduled = false;
                } else {
                    kept.add(timer);
                }
            }
            timers.clear();
            timers.addAll(kept);
            cancelledTimers = 0;
        } else {
            while (!timers.isEmpty() && timers.peek().isCancelled()) {
                cancelledTimers--;
                timers.poll().scheduled = false;
            }
        }
    }

    /** How many timers are scheduled, cancelled ones included (for tests and statistics). */
    int scheduledTimerCount() {
        return timers.size();
    }

    /**
     * Stops the loop: asyncio's {@code stop()}. A running loop finishes the callbacks of the current
     * pass, then {@link #runForever()} returns; if the loop is not running, the next
     * {@code runForever} polls I/O once, runs what is ready, and returns. Thread-safe (asyncio's
     * loop needs {@code call_soon_threadsafe(loop.stop)} for that; here a direct call suffices).
     */
    public void stop() {
        stopping = true;
        if (!inLoop()) {
            wakeUp();
        }
    }

    /**
     * Whether the loop is running: asyncio's {@code is_running()}. Thread-safe.
     *
     * @return whether the loop is running
     */
    public boolean isRunning() {
        return thread != null;
    }

    /**
     * Whether {@link #close()} was called: asyncio's {@code is_closed()}. Thread-safe.
     *
     * @return whether {@link #close()} was called
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop: asyncio's {@code close()}. Discards pending callbacks and timers, shuts the
     * default executor down without waiting, removes signal handlers and closes the selector.
     * Closing a closed loop does nothing. Loop-confined.
     *
     * @throws IllegalStateException if the loop is running ("Cannot close a running event loop")
     */
    public void close() {
        if (isRunning()) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        if (debug) {
            LOG.log(System.Logger.Level.DEBUG, "Close " + this);
        }
        for (Signal signal : List.copyOf(signalHandlers.keySet())) {
            removeSignalHandler(signal);
        }
        closed = true;
        watchFreshCoroutines();
        List<Object> strandSteps = new ArrayList<>();
        drainInbound();
        for (Object item : ready) {
            if (!(item instanceof Handle) && !(item instanceof IoReady)) {
                strandSteps.add(item);
            }
        }
        ready.clear();
        timers.clear();
        destroyPendingTasks(strandSteps);
        ready.clear();
        inbound.clear();
        cancelledTimers = 0;
        executorShutdownCalled = true;
        ExecutorService executor = defaultExecutor;
        if (executor != null) {
            defaultExecutor = null;
            executor.shutdown();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "error closing the event loop's selector", e);
        }
    }

    /**
     * Reports each task still pending ("Task was destroyed but it is pending!", as asyncio does when
     * such a task is collected) and unwinds it: its suspension point throws {@link CoroutineExit},
     * so its finally blocks run and its thread ends. The loop is already closed, so nothing the
     * unwinding code schedules runs; only the tasks' own steps do, on this thread.
     */
    private void destroyPendingTasks(List<Object> strandSteps) {
        if (firstPending == null) {
            return;
        }
        List<Task<?>> pending = new ArrayList<>(pendingTasks());
        for (Task<?> task : pending) {
            callExceptionHandler(ExceptionContext.of("Task was destroyed but it is pending!", null)
                    .with("task", task));
        }
        Thread current = Thread.currentThread();
        if (current.isVirtual() && strands.mode() == SchedulingMode.FAST) {
            LOG.log(System.Logger.Level.WARNING, "cannot unwind " + pending.size() + " pending task(s) of "
                    + this + ": it is closed on a virtual thread, which cannot carry their steps");
            return;
        }
        thread = current;
        try {
            ready.addAll(strandSteps);
            for (Task<?> task : pending) {
                task.destroy();
            }
            long budget = 1_000L + 100L * pending.size();
            while (!ready.isEmpty() && budget-- > 0) {
                Object item = ready.pollFirst();
                if (!(item instanceof Handle) && !(item instanceof IoReady)) {
                    stepsRun++;
                    runItem(item);
                }
                drainInbound();
            }
            if (firstPending != null) {
                LOG.log(System.Logger.Level.WARNING, "some tasks did not finish unwinding when " + this
                        + " was closed: " + pendingTasks());
            }
        } finally {
            thread = null;
        }
    }

    private void checkRunning() {
        if (isRunning()) {
            throw new IllegalStateException("This event loop is already running");
        }
        if (Asyncio.runningLoopOrNull() != null) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
    }

    void checkClosed() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed");
        }
    }

    /**
     * Throws {@link WrongThreadException} if the loop runs and the caller is neither its thread nor
     * one of its tasks. asyncio checks this in debug mode only; the check is cheap, so always.
     */
    void checkThread() {
        if (thread != null && !inLoop()) {
            throw new WrongThreadException(
                    "Non-thread-safe operation invoked on an event loop other than the current one");
        }
    }

    /** True on the loop thread, or in one of its tasks while it holds control. */
    boolean inLoop() {
        if (Thread.currentThread() == thread) {
            return true;
        }
        Task<?> task = Task.current();
        return task != null && task.loop == this;
    }

    /** The loop running on the calling thread (its thread or one of its tasks), or null. */
    static EventLoop runningOnThisThread() {
        return RUNNING.get();
    }

    // ---------------------------------------------------------------- async generators

    /**
     * Closes every async generator of this loop that is still open, concurrently: asyncio's
     * {@code shutdown_asyncgens()}. An error while closing one is reported to the exception
     * handler. Await it in a task of this loop.
     *
     * @return a coroutine to await
     */
    public Coroutine<Void> shutdownAsyncgens() {
        return Asyncio.async("shutdownAsyncgens", () -> {
            asyncGeneratorsShutDown = true;
            if (asyncGenerators.isEmpty()) {
                return;
            }
            List<AsyncCloseable> closing = new ArrayList<>(asyncGenerators);
            asyncGenerators.clear();
            List<Task<Void>> closers = new ArrayList<>();
            for (AsyncCloseable generator : closing) {
                closers.add(createTask(generator.aclose()));
            }
            for (int i = 0; i < closers.size(); i++) {
                try {
                    Asyncio.await(closers.get(i));
                } catch (CancelledException e) {
                    // asyncio reports only Exception, not CancelledError, here.
                } catch (Exception e) {
                    callExceptionHandler(ExceptionContext.of(
                            "an error occurred during closing of asynchronous generator " + closing.get(i), e)
                            .with("asyncgen", closing.get(i)));
                }
            }
        });
    }

    /**
     * An async generator's handle was collected while the generator was open: remove it from the
     * tracked ones and close it in a new task, unless shutdownAsyncgens() took it first. asyncio's
     * {@code _asyncgen_finalizer_hook}. Thread-safe (called on the cleaner's thread); nothing
     * happens once the loop is closed.
     */
    void finalizeAsyncGenerator(AsyncCloseable generator) {
        callSoonThreadsafeIfOpen(() -> {
            if (asyncGenerators.remove(generator)) {
                createTask(generator.aclose());
            }
        });
    }

    // ---------------------------------------------------------------- executors

    /**
     * Runs {@code function} on {@code executor} (null: the default executor) and returns a future
     * of its result: asyncio's {@code run_in_executor()}. Cancelling the future cancels the work if
     * it has not started (a running call is not interrupted). Loop-confined.
     *
     * <p>Any executor runs the function off the loop, one that makes virtual threads too: called
     * in a task of a fast-mode loop, the work is handed to an executor other than the loop's own
     * default from the loop's thread, in the next iteration (a virtual thread made on a task's
     * thread would have the loop as its scheduler). An executor that then refuses the work fails
     * the returned future with its {@link java.util.concurrent.RejectedExecutionException}.
     *
     * @param <T> the result type
     * @param executor the executor (null: the loop's default)
     * @param function the function
     * @return a future of {@code function}'s result
     * @throws IllegalStateException if the loop is closed, or the default executor was shut down
     *     ("Executor shutdown has been called")
     */
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> function) {
        Objects.requireNonNull(function, "function");
        checkClosed();
        Executor target = executor;
        if (target == null) {
            if (executorShutdownCalled) {
                throw new IllegalStateException("Executor shutdown has been called");
            }
            target = defaultExecutor();
        }
        Future<T> future = createFuture();
        FutureTask<T> work = new FutureTask<>(function) {
            @Override
            protected void done() {
                callSoonThreadsafeIfOpen(() -> copyOutcome(this, future));
            }
        };
        future.addDoneCallback(done -> {
            if (done.isCancelled()) {
                work.cancel(false);
            }
        });
        if (target != ownExecutor && strands.mode() == SchedulingMode.FAST && Thread.currentThread().isVirtual()
                && inLoop()) {
            // Called in a task: a virtual thread the executor made on this thread (a
            // newVirtualThreadPerTaskExecutor, say) would inherit the loop as its scheduler and run
            // the function on the loop thread. Submit from the loop's own thread instead.
            Executor chosen = target;
            callSoon(() -> {
                try {
                    chosen.execute(work);
                } catch (RuntimeException rejected) {
                    if (!future.isDone()) {
                        future.setException(rejected);
                    }
                }
            });
        } else {
            target.execute(work);
        }
        return future;
    }

    private static <T> void copyOutcome(FutureTask<T> work, Future<T> future) {
        if (future.isDone()) {
            return;
        }
        if (work.isCancelled()) {
            future.cancel();
            return;
        }
        try {
            future.setResult(work.get());
        } catch (ExecutionException e) {
            future.setException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.setException(e);
        }
    }

    private ExecutorService defaultExecutor() {
        if (defaultExecutor == null) {
            int workers = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            ThreadPoolExecutor executor = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), runnable -> {
                        Thread worker = new Thread(runnable,
                                "asyncio4j-executor-" + EXECUTOR_THREADS.incrementAndGet());
                        worker.setDaemon(true);
                        return worker;
                    });
            executor.allowCoreThreadTimeOut(true);
            defaultExecutor = executor;
            ownExecutor = executor;
        }
        return defaultExecutor;
    }

    /**
     * Replaces the default executor used by {@link #runInExecutor}: asyncio's {@code
     * set_default_executor()}. Loop-confined.
     *
     * @param executor the executor
     * @throws NullPointerException if {@code executor} is null (asyncio's TypeError)
     */
    public void setDefaultExecutor(ExecutorService executor) {
        this.defaultExecutor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * {@link #shutdownDefaultExecutor(Duration)} without a time limit.
     *
     * @return a coroutine to await
     */
    public Coroutine<Void> shutdownDefaultExecutor() {
        return shutdownDefaultExecutor(null);
    }

    /**
     * Shuts the default executor down and waits, without blocking the loop, for its threads to
     * finish: asyncio's {@code shutdown_default_executor(timeout)}. After {@code timeout} (null:
     * none) it warns and stops waiting. Later {@link #runInExecutor} calls with the default
     * executor fail. Await it in a task of this loop.
     *
     * @param timeout the time limit (null: none)
     * @return a coroutine to await
     */
    public Coroutine<Void> shutdownDefaultExecutor(Duration timeout) {
        return Asyncio.async("shutdownDefaultExecutor", () -> {
            executorShutdownCalled = true;
            ExecutorService executor = defaultExecutor;
            if (executor == null) {
                return;
            }
            Future<Boolean> joined = createFuture();
            Thread joiner = new Thread(() -> {
                executor.shutdown();
                boolean terminated = false;
                try {
                    terminated = executor.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                boolean result = terminated;
                callSoonThreadsafeIfOpen(() -> {
                    if (!joined.isDone()) {
                        joined.setResult(result);
                    }
                });
            }, "asyncio4j-executor-shutdown");
            joiner.setDaemon(true);
            joiner.start();
            TimerHandle deadline = timeout == null ? null : callLater(timeout, () -> {
                if (!joined.isDone()) {
                    joined.setResult(false);
                }
            });
            boolean finished;
            try {
                finished = Asyncio.await(joined);
            } finally {
                if (deadline != null) {
                    deadline.cancel();
                }
            }
            if (!finished) {
                LOG.log(System.Logger.Level.WARNING, "The executor did not finishing joining its threads within "
                        + (timeout == null ? "the" : timeout.toMillis() / 1000.0) + " seconds.");
                executor.shutdownNow();
            }
        });
    }

    // ---------------------------------------------------------------- I/O callbacks

    /**
     * Runs {@code callback} on the loop whenever {@code channel} is readable (or, for a server
     * channel, has a connection to accept): asyncio's {@code add_reader()}. Replaces the channel's
     * previous reader. The channel must be non-blocking. Loop-confined.
     *
     * @param channel the channel, made non-blocking
     * @param callback what to run
     */
    public void addReader(SelectableChannel channel, Runnable callback) {
        channelCallbacks(channel).setReader(new Handle(this, Objects.requireNonNull(callback), null));
    }

    /**
     * Stops watching {@code channel} for reading: asyncio's {@code remove_reader()}; false if not
     * watched.
     *
     * @param channel the channel, made non-blocking
     * @return false if the channel was not watched for reading
     */
    public boolean removeReader(SelectableChannel channel) {
        ChannelCallbacks callbacks = existingChannelCallbacks(channel);
        return callbacks != null && callbacks.setReader(null);
    }

    /**
     * Runs {@code callback} on the loop whenever {@code channel} is writable (or, for a connecting
     * socket, has finished connecting): asyncio's {@code add_writer()}. Loop-confined.
     *
     * @param channel the channel, made non-blocking
     * @param callback what to run
     */
    public void addWriter(SelectableChannel channel, Runnable callback) {
        channelCallbacks(channel).setWriter(new Handle(this, Objects.requireNonNull(callback), null));
    }

    /**
     * Stops watching {@code channel} for writing: asyncio's {@code remove_writer()}; false if not
     * watched.
     *
     * @param channel the channel, made non-blocking
     * @return false if the channel was not watched for writing
     */
    public boolean removeWriter(SelectableChannel channel) {
        ChannelCallbacks callbacks = existingChannelCallbacks(channel);
        return callbacks != null && callbacks.setWriter(null);
    }

    private ChannelCallbacks existingChannelCallbacks(SelectableChannel channel) {
        checkThread();
        SelectionKey key = channel.keyFor(selector);
        return key != null && key.isValid() && key.attachment() instanceof ChannelCallbacks callbacks
                ? callbacks : null;
    }

    private ChannelCallbacks channelCallbacks(SelectableChannel channel) {
        checkClosed();
        ChannelCallbacks existing = existingChannelCallbacks(channel);
        if (existing != null) {
            return existing;
        }
        ChannelCallbacks callbacks = new ChannelCallbacks(channel);
        try {
            callbacks.key = register(channel, 0, callbacks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return callbacks;
    }

    private SelectionKey register(SelectableChannel channel, int interestOps, IoReady ready) throws IOException {
        checkClosed();
        checkThread();
        if (channel.isBlocking()) {
            channel.configureBlocking(false);
        }
        return channel.register(selector, interestOps, ready);
    }

    /** The reader and writer callbacks of one channel, for the public add/remove API. */
    private final class ChannelCallbacks extends IoReady {
        private final SelectableChannel channel;
        private SelectionKey key;
        private Handle reader;
        private Handle writer;

        ChannelCallbacks(SelectableChannel channel) {
            this.channel = channel;
        }

        boolean setReader(Handle handle) {
            boolean had = reader != null;
            if (had) {
                reader.cancel();
            }
            reader = handle;
            update();
            return had;
        }

        boolean setWriter(Handle handle) {
            boolean had = writer != null;
            if (had) {
                writer.cancel();
            }
            writer = handle;
            update();
            return had;
        }

        private void update() {
            int valid = channel.validOps();
            int ops = 0;
            if (reader != null) {
                ops |= valid & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
            }
            if (writer != null) {
                boolean connecting = channel instanceof java.nio.channels.SocketChannel socket
                        && socket.isConnectionPending();
                ops |= connecting ? SelectionKey.OP_CONNECT : valid & SelectionKey.OP_WRITE;
            }
            // Interest 0 rather than cancel: a cancelled key cannot be registered again until the
            // next select, and the channel's key goes away by itself when the channel closes.
            key.interestOps(ops);
        }

        @Override
        protected void ioReady(int readyOps) {
            Handle read = reader;
            Handle write = writer;
            if (read != null && (readyOps & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
                read.run();
            }
            if (write != null && writer == write
                    && (readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
                write.run();
            }
        }

        @Override
        public String toString() {
            return "ChannelCallbacks[" + channel + "]";
        }
    }

    // ---------------------------------------------------------------- signals

    /**
     * Runs {@code callback} on the loop thread whenever {@code signal} arrives: asyncio's
     * {@code add_signal_handler()}. Replaces the signal's previous handler on this loop, and the
     * JVM's own handler (for SIGINT and SIGTERM: running shutdown hooks and exiting) until it is
     * removed. Loop-confined.
     *
     * @param signal the signal
     * @param callback what to run
     * @throws IllegalArgumentException if the JVM or the OS reserves the signal
     */
    public void addSignalHandler(Signal signal, Runnable callback) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(callback, "callback");
        checkClosed();
        checkThread();
        Handle handle = new Handle(this, callback, null);
        Handle previous = signalHandlers.put(signal, handle);
        if (previous != null) {
            previous.cancel();
        }
        try {
            // Runs on a JVM signal thread: queue the handle itself, which the loop skips once it
            // is cancelled (replaced or removed meanwhile).
            Object installed = SignalHandlers.install(signal.jvmName(), () -> {
                if (!handle.isCancelled() && !closed) {
                    enqueueThreadsafe(handle);
                }
            });
            if (installed == null) {
                LOG.log(System.Logger.Level.WARNING, signal + " is ignored by this process (it was started "
                        + "in the background, or its parent ignores the signal), and the JVM does not let "
                        + "an ignored " + signal + " be handled: the handler will not run");
            }
            signalInstallations.put(signal, installed);
        } catch (IllegalArgumentException e) {
            signalHandlers.remove(signal);
            throw new IllegalArgumentException("cannot handle " + signal + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes this loop's handler for {@code signal} and restores the JVM's: asyncio's
     * {@code remove_signal_handler()}. Loop-confined.
     *
     * @param signal the signal
     * @return false if the loop had no handler for it
     */
    public boolean removeSignalHandler(Signal signal) {
        Handle handle = signalHandlers.remove(signal);
        if (handle == null) {
            return false;
        }
        handle.cancel();
        SignalHandlers.restore(signal.jvmName(), signalInstallations.remove(signal));
        return true;
    }

    // ---------------------------------------------------------------- errors and debug

    /**
     * Sets the handler for errors nobody else can receive; null restores the default: asyncio's
     * {@code set_exception_handler()}. Loop-confined.
     *
     * @param handler the handler
     */
    public void setExceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = handler;
    }

    /**
     * The exception handler set with {@link #setExceptionHandler}, or null: asyncio's
     * {@code get_exception_handler()}.
     *
     * @return the exception handler set with {@link #setExceptionHandler}, or null
     */
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    /**
     * Reports {@code context} to the exception handler, or to {@link #defaultExceptionHandler}:
     * asyncio's {@code call_exception_handler()}. An error in the handler is logged, never thrown.
     * Called on the loop thread, or on the thread that found a leaked object.
     *
     * @param context the error's context
     */
    public void callExceptionHandler(ExceptionContext context) {
        ExceptionHandler handler = exceptionHandler;
        if (handler == null) {
            try {
                defaultExceptionHandler(context);
            } catch (KeyboardInterruptException | VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.ERROR, "Exception in default exception handler", e);
            }
            return;
        }
        try {
            handler.handle(this, context);
        } catch (KeyboardInterruptException | VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            try {
                defaultExceptionHandler(ExceptionContext.of("Unhandled error in exception handler", e)
                        .with("context", context));
            } catch (KeyboardInterruptException | VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable again) {
                LOG.log(System.Logger.Level.ERROR, "Exception in default exception handler while "
                        + "handling an unexpected error in custom exception handler", again);
            }
        }
    }

    /**
     * Logs {@code context} at ERROR through {@link System.Logger} {@code dev.asyncio4j}: the message,
     * then each other key in sorted order, then the exception's stack trace. asyncio's
     * {@code default_exception_handler()}.
     *
     * @param context the error's context
     */
    public void defaultExceptionHandler(ExceptionContext context) {
        String message = context.message();
        if (message == null || message.isEmpty()) {
            message = "Unhandled exception in event loop";
        }
        StringBuilder text = new StringBuilder(message);
        Map<String, Object> others = new TreeMap<>(context.asMap());
        others.remove("message");
        others.remove("exception");
        if (!others.containsKey("source_traceback") && currentItem instanceof Handle handle
                && handle.sourceTraceback() != null) {
            others.put("handle_traceback", handle.sourceTraceback());
        }
        for (Map.Entry<String, Object> entry : others.entrySet()) {
            Object value = entry.getValue();
            String shown;
            if (entry.getKey().equals("source_traceback") && value instanceof StackTraceElement[] stack) {
                shown = "Object created at (most recent call last):" + Debug.formatStack(stack);
            } else if (entry.getKey().equals("handle_traceback") && value instanceof StackTraceElement[] stack) {
                shown = "Handle created at (most recent call last):" + Debug.formatStack(stack);
            } else {
                shown = String.valueOf(value);
            }
            text.append('\n').append(entry.getKey()).append(": ").append(shown);
        }
        LOG.log(System.Logger.Level.ERROR, text.toString(), context.exception());
    }

    /**
     * Whether debug mode is on: asyncio's {@code get_debug()}.
     *
     * @return whether debug mode is on
     */
    public boolean getDebug() {
        return debug;
    }

    /**
     * Turns debug mode on or off: asyncio's {@code set_debug()}. In debug mode handles and futures
     * record where they were created, coroutines record it too (for "never awaited" reports), and
     * callbacks slower than {@link #getSlowCallbackDuration()} are logged. On by default when the
     * JVM runs with {@code -Dasyncio4j.debug=true} or the environment has {@code ASYNCIO4J_DEBUG}.
     *
     * @param enabled true to turn it on
     */
    public void setDebug(boolean enabled) {
        this.debug = enabled;
    }

    /**
     * The duration above which debug mode logs a callback as slow (default 100 ms): asyncio's
     * {@code slow_callback_duration}.
     *
     * @return the duration above which debug mode logs a callback as slow (default 100 ms)
     */
    public Duration getSlowCallbackDuration() {
        return slowCallbackDuration;
    }

    /**
     * Sets the slow-callback threshold: asyncio's {@code slow_callback_duration}.
     *
     * @param duration the duration
     */
    public void setSlowCallbackDuration(Duration duration) {
        this.slowCallbackDuration = Objects.requireNonNull(duration, "duration");
    }

    /**
     * How this loop runs its tasks (fast or portable).
     *
     * @return how this loop runs its tasks (fast or portable)
     */
    public SchedulingMode schedulingMode() {
        return strands.mode();
    }

    /** The loop's state: {@code EventLoop[running=false, closed=false, debug=false]}. */
    @Override
    public String toString() {
        return "EventLoop[running=" + isRunning() + ", closed=" + closed + ", debug=" + debug + "]";
    }

    // ---------------------------------------------------------------- internals

    /** The ready queue as the strands see it. */
    private final class Scheduler implements Executor, LoopScheduler {

        @Override
        public void execute(Runnable step) {
            enqueue(step);
        }

        @Override
        public void enqueue(Runnable step) {
            if (!inLoop()) {
                inbound.add(step);
                wakeUp();
            } else if (captureNext) {
                captureNext = false;
                captured = step;
            } else if (frontNext) {
                frontNext = false;
                ready.addFirst(step);
                remaining++;
            } else {
                ready.addLast(step);
            }
        }

        @Override
        public boolean inLoop() {
            return EventLoop.this.inLoop();
        }

        @Override
        public long stepsRun() {
            return stepsRun;
        }

        @Override
        public void startInline(Thread strandThread) {
            captureNext = true;
            try {
                strandThread.start();
            } finally {
                captureNext = false;
            }
            Runnable firstStep = captured;
            captured = null;
            firstStep.run();
        }
    }

    private static final class InternalAccess implements LoopInternals.Access {
        @Override
        public EventLoop newLoop(LoopClock clock) {
            return new EventLoop(clock);
        }

        @Override
        public SelectionKey register(EventLoop loop, SelectableChannel channel, int interestOps, IoReady ready)
                throws IOException {
            return loop.register(channel, interestOps, ready);
        }

        @Override
        public long nanoTime(EventLoop loop) {
            return loop.clock.nanoTime();
        }

        @Override
        public void enqueue(EventLoop loop, Runnable step) {
            loop.scheduler.enqueue(step);
        }

        @Override
        public void atIterationEnd(EventLoop loop, Runnable action) {
            loop.iterationEnd.addLast(action);
        }

        @Override
        public void trackAsyncGenerator(EventLoop loop, AsyncCloseable generator) {
            loop.asyncGenerators.add(generator);
        }

        @Override
        public boolean asyncGeneratorsShutDown(EventLoop loop) {
            return loop.asyncGeneratorsShutDown;
        }
    }

    // ---------------------------------------------------------------- network
    //
    // Thin entry points: the work is done in dev.asyncio4j.internal.net. Each returns a coroutine
    // to await in a task of this loop.

    /**
     * Opens a TCP connection to {@code host}:{@code port} and wraps it in a transport whose
     * protocol {@code protocolFactory} makes: asyncio's {@code create_connection()}. The name is
     * resolved off the loop thread; its addresses are tried in turn until one connects (if all
     * fail, the error of the only or first attempt, or an {@link java.io.IOException} "Multiple
     * exceptions: ..." naming each). Resolves to the {@code (transport, protocol)} pair once the
     * protocol's {@code connectionMade} has run. Loop-confined.
     *
     * <pre>{@code
     * var endpoint = await(loop.createConnection(EchoClient::new, "127.0.0.1", 8888));
     * }</pre>
     *
     * @param <P> the protocol's type
     * @param protocolFactory makes the protocol of each connection
     * @param host the host name or IP address
     * @param port the port to connect to
     * @return a coroutine to await for the transport and the protocol; awaiting it throws
     *     {@link java.net.UnknownHostException} if the name does not resolve, and
     *     {@link java.net.ConnectException} if the connection is refused
     */
    public <P extends BaseProtocol<Transport>> Coroutine<Endpoint<Transport, P>> createConnection(
            Supplier<? extends P> protocolFactory, String host, int port) {
        return createConnection(protocolFactory, host, port, ConnectOptions.DEFAULT);
    }

    /**
     * {@link #createConnection(Supplier, String, int)} with asyncio's keyword arguments: address
     * family, local address, a time limit ({@link java.util.concurrent.TimeoutException}), an
     * already connected socket (host null, port 0), or TLS ({@link ConnectOptions#ssl()}: the call
     * then resolves once the handshake has succeeded, and fails with the handshake's
     * {@link javax.net.ssl.SSLHandshakeException} if it does not).
     *
     * @param <P> the protocol's type
     * @param protocolFactory makes the protocol of each connection
     * @param host the host name or IP address
     * @param port the port to connect to
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the transport and the protocol
     */
    public <P extends BaseProtocol<Transport>> Coroutine<Endpoint<Transport, P>> createConnection(
            Supplier<? extends P> protocolFactory, String host, int port, ConnectOptions options) {
        return Connections.createConnection(this, protocolFactory, host, port, options);
    }

    /**
     * Wraps the already connected socket of {@link ConnectOptions#socket()} in a transport:
     * asyncio's {@code create_connection(protocol_factory, sock=sock)}. Loop-confined.
     *
     * @param <P> the protocol's type
     * @param protocolFactory makes the protocol of each connection
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the transport and the protocol
     */
    public <P extends BaseProtocol<Transport>> Coroutine<Endpoint<Transport, P>> createConnection(
            Supplier<? extends P> protocolFactory, ConnectOptions options) {
        return createConnection(protocolFactory, null, 0, options);
    }

    /**
     * Connects to the Unix-domain socket at {@code path} ({@link java.net.UnixDomainSocketAddress}):
     * asyncio's {@code create_unix_connection()}. Loop-confined.
     *
     * @param <P> the protocol's type
     * @param protocolFactory makes the protocol of each connection
     * @param path the Unix-domain socket's path
     * @return a coroutine to await for the transport and the protocol
     */
    public <P extends BaseProtocol<Transport>> Coroutine<Endpoint<Transport, P>> createUnixConnection(
            Supplier<? extends P> protocolFactory, Path path) {
        return createUnixConnection(protocolFactory, path, ConnectOptions.DEFAULT);
    }

    /**
     * {@link #createUnixConnection(Supplier, Path)} with a time limit or an existing socket.
     *
     * @param <P> the protocol's type
     * @param protocolFactory makes the protocol of each connection
     * @param path the Unix-domain socket's path
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the transport and the protocol
     */
    public <P extends BaseProtocol<Transport>> Coroutine<Endpoint<Transport, P>> createUnixConnection(
            Supplier<? extends P> protocolFactory, Path path, ConnectOptions options) {
        return Connections.createUnixConnection(this, protocolFactory, path, options);
    }

    /**
     * Wraps a connection accepted outside the loop in a transport: asyncio's
     * {@code connect_accepted_socket()}. Loop-confined.
     *
     * @param <P> the protocol's type
     * @param protocolFactory makes the protocol of each connection
     * @param socket the socket channel
     * @return a coroutine to await for the transport and the protocol
     */
    public <P extends BaseProtocol<Transport>> Coroutine<Endpoint<Transport, P>> connectAcceptedSocket(
            Supplier<? extends P> protocolFactory, SocketChannel socket) {
        return Connections.connectAcceptedSocket(this, protocolFactory, socket, null);
    }

    /**
     * {@link #connectAcceptedSocket(Supplier, SocketChannel)} as the server side of a TLS
     * connection (asyncio's {@code ssl=}); resolves once the handshake has succeeded.
     * Loop-confined.
     *
     * @param <P> the protocol's type
     * @param protocolFactory makes the protocol of each connection
     * @param socket the socket channel
     * @param ssl the TLS settings
     * @return a coroutine to await for the transport and the protocol
     * @throws IllegalArgumentException (when awaited) if {@code ssl} has no context
     */
    public <P extends BaseProtocol<Transport>> Coroutine<Endpoint<Transport, P>> connectAcceptedSocket(
            Supplier<? extends P> protocolFactory, SocketChannel socket, SslOptions ssl) {
        return Connections.connectAcceptedSocket(this, protocolFactory, socket, java.util.Objects.requireNonNull(ssl, "ssl"));
    }

    /**
     * Upgrades a live connection to TLS, as its client: asyncio's {@code start_tls()}. The
     * transport's protocol is moved onto the TLS layer (it is not told {@code connectionMade}
     * again) and the call resolves, once the handshake has succeeded, to the new transport to
     * write to; the old one must no longer be used. On failure or cancellation the connection is
     * closed. The server's name to check comes from {@link SslOptions#serverHostname()}, which is
     * required ({@code ""} to check none). Loop-confined.
     *
     * <pre>{@code
     * transport.write("STARTTLS\r\n".getBytes(US_ASCII));   // after the peer agreed
     * Transport tls = await(loop.startTls(transport, protocol,
     *         SslOptions.of(context).withServerHostname("mail.example.com")));
     * }</pre>
     *
     * @param transport the transport
     * @param protocol the protocol
     * @param ssl the TLS settings
     * @return a coroutine to await for the new transport; awaiting it throws
     *     {@link javax.net.ssl.SSLHandshakeException} if the handshake fails, and
     *     {@link IllegalArgumentException} if no server hostname is given
     */
    public Coroutine<Transport> startTls(Transport transport, BaseProtocol<Transport> protocol, SslOptions ssl) {
        return StartTls.startTls(this, transport, protocol, ssl, false);
    }

    /**
     * {@link #startTls(Transport, BaseProtocol, SslOptions)} as the client ({@code serverSide}
     * false) or the server ({@code true}, whose {@code ssl} must hold a context with the server's
     * key): asyncio's {@code start_tls(..., server_side=...)}. Loop-confined.
     *
     * @param transport the transport
     * @param protocol the protocol
     * @param ssl the TLS settings
     * @param serverSide true for the server's side of the connection
     * @return a coroutine to await for the result
     */
    public Coroutine<Transport> startTls(Transport transport, BaseProtocol<Transport> protocol, SslOptions ssl,
            boolean serverSide) {
        return StartTls.startTls(this, transport, protocol, ssl, serverSide);
    }

    /**
     * Listens on {@code host}:{@code port} ({@code ""} or null: every interface; port 0: one the OS
     * chooses, see {@link Server#addresses()}): asyncio's {@code create_server()}. Each accepted
     * connection gets a protocol from {@code protocolFactory}. Loop-confined.
     *
     * @param protocolFactory makes the protocol of each connection
     * @param host the host name or IP address
     * @param port the port (0: one the OS chooses, for a server)
     * @return a coroutine to await for the result
     */
    public Coroutine<Server> createServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, String host,
            int port) {
        return createServer(protocolFactory, host, port, ServerOptions.DEFAULT);
    }

    /**
     * {@link #createServer(Supplier, String, int)} with asyncio's keyword arguments.
     *
     * @param protocolFactory makes the protocol of each connection
     * @param host the host name or IP address
     * @param port the port (0: one the OS chooses, for a server)
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public Coroutine<Server> createServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, String host,
            int port, ServerOptions options) {
        return createServer(protocolFactory, java.util.Collections.singletonList(host), port, options);
    }

    /**
     * Serves on the already bound socket of {@link ServerOptions#socket()}: asyncio's
     * {@code create_server(protocol_factory, sock=sock)}. Loop-confined.
     *
     * @param protocolFactory makes the protocol of each connection
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public Coroutine<Server> createServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory,
            ServerOptions options) {
        return createServer(protocolFactory, List.of(), 0, options);
    }

    /**
     * Listens on every address of every host in {@code hosts} (empty: every interface): asyncio's
     * {@code create_server()} with a sequence of hosts.
     *
     * @param protocolFactory makes the protocol of each connection
     * @param hosts the host names or addresses to listen on (null or empty: every interface)
     * @param port the port (0: one the OS chooses, for a server)
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public Coroutine<Server> createServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory,
            List<String> hosts, int port, ServerOptions options) {
        return Servers.createServer(this, protocolFactory, hosts, port, options);
    }

    /**
     * Listens on a Unix-domain socket at {@code path}, replacing a stale socket file there:
     * asyncio's {@code create_unix_server()}. Loop-confined.
     *
     * @param protocolFactory makes the protocol of each connection
     * @param path the Unix-domain socket's path
     * @return a coroutine to await for the result
     */
    public Coroutine<Server> createUnixServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, Path path) {
        return createUnixServer(protocolFactory, path, ServerOptions.DEFAULT);
    }

    /**
     * {@link #createUnixServer(Supplier, Path)} with asyncio's keyword arguments.
     *
     * @param protocolFactory makes the protocol of each connection
     * @param path the Unix-domain socket's path
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public Coroutine<Server> createUnixServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, Path path,
            ServerOptions options) {
        return Servers.createUnixServer(this, protocolFactory, path, options);
    }

    /**
     * Makes a UDP endpoint: asyncio's {@code create_datagram_endpoint()}; see
     * {@link DatagramOptions}. Loop-confined.
     *
     * @param <P> the protocol's type
     * @param protocolFactory makes the protocol of each connection
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public <P extends DatagramProtocol> Coroutine<Endpoint<DatagramTransport, P>> createDatagramEndpoint(
            Supplier<? extends P> protocolFactory, DatagramOptions options) {
        return Datagrams.createDatagramEndpoint(this, protocolFactory, options);
    }

    /**
     * Sends the whole of {@code file} to {@code transport} and resolves to the number of bytes
     * sent: asyncio's {@code sendfile()}. A socket transport uses the kernel's sendfile
     * ({@link FileChannel#transferTo}); others get the file in blocks read off the loop thread.
     * Writing to the transport meanwhile is refused. Loop-confined.
     *
     * @param transport the transport
     * @param file the file
     * @return a coroutine to await for the result
     */
    public Coroutine<Long> sendfile(Transport transport, FileChannel file) {
        return Sendfile.sendfile(this, transport, file, 0, -1);
    }

    /**
     * {@link #sendfile(Transport, FileChannel)} from {@code offset} to the end of the file.
     *
     * @param transport the transport
     * @param file the file
     * @param offset where to start in the file
     * @return a coroutine to await for the result
     */
    public Coroutine<Long> sendfile(Transport transport, FileChannel file, long offset) {
        return Sendfile.sendfile(this, transport, file, offset, -1);
    }

    /**
     * {@link #sendfile(Transport, FileChannel)} of {@code count} bytes from {@code offset}; the
     * file's position is left after the last byte sent.
     *
     * @param transport the transport
     * @param file the file
     * @param offset where to start in the file
     * @param count how many bytes (less than 0: to the end)
     * @return a coroutine to await for the result
     * @throws IllegalArgumentException if {@code offset} is negative or {@code count} is not
     *     positive
     */
    public Coroutine<Long> sendfile(Transport transport, FileChannel file, long offset, long count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be a positive integer (got " + count + ")");
        }
        return Sendfile.sendfile(this, transport, file, offset, count);
    }

    /**
     * Receives up to {@code n} bytes from a non-blocking socket: asyncio's {@code sock_recv()}.
     * Resolves to an empty array at end-of-file. Loop-confined.
     *
     * @param socket the socket channel
     * @param n how many
     * @return a coroutine to await for the result
     */
    public Coroutine<byte[]> sockRecv(SocketChannel socket, int n) {
        return SocketOps.sockRecv(this, socket, n);
    }

    /**
     * Receives into {@code buffer}: asyncio's {@code sock_recv_into()}. Resolves to the number of
     * bytes read, 0 at end-of-file. Loop-confined.
     *
     * @param socket the socket channel
     * @param buffer the buffer
     * @return a coroutine to await for the result
     */
    public Coroutine<Integer> sockRecvInto(SocketChannel socket, java.nio.ByteBuffer buffer) {
        return SocketOps.sockRecvInto(this, socket, buffer);
    }

    /**
     * Sends all of {@code data}: asyncio's {@code sock_sendall()}. Loop-confined.
     *
     * @param socket the socket channel
     * @param data the bytes
     * @return a coroutine to await
     */
    public Coroutine<Void> sockSendall(SocketChannel socket, byte[] data) {
        return SocketOps.sockSendall(this, socket, data);
    }

    /**
     * Sends the remaining bytes of {@code data}: asyncio's {@code sock_sendall()}. Loop-confined.
     *
     * @param socket the socket channel
     * @param data the bytes
     * @return a coroutine to await
     */
    public Coroutine<Void> sockSendall(SocketChannel socket, java.nio.ByteBuffer data) {
        return SocketOps.sockSendall(this, socket, data);
    }

    /**
     * Connects a non-blocking socket, resolving an unresolved address off the loop thread:
     * asyncio's {@code sock_connect()}. Loop-confined.
     *
     * @param socket the socket channel
     * @param address the address
     * @return a coroutine to await
     */
    public Coroutine<Void> sockConnect(SocketChannel socket, java.net.SocketAddress address) {
        return SocketOps.sockConnect(this, socket, address);
    }

    /**
     * Accepts a connection on a non-blocking listening socket: asyncio's {@code sock_accept()}.
     * Resolves to the new, non-blocking channel (its peer is {@code getRemoteAddress()}).
     * Loop-confined.
     *
     * @param socket the socket channel
     * @return a coroutine to await for the result
     */
    public Coroutine<SocketChannel> sockAccept(ServerSocketChannel socket) {
        return SocketOps.sockAccept(this, socket);
    }

    // ---------------------------------------------------------------- subprocesses
    //
    // The work is done in dev.asyncio4j.internal.subprocess; the streams API (createSubprocessExec,
    // Subprocess) is in dev.asyncio4j.subprocess and on the Asyncio facade.

    /**
     * Starts {@code program} with {@code args}, a pipe on each of its stdin, stdout and stderr
     * (asyncio's defaults here), and connects it to a protocol that {@code protocolFactory} makes:
     * asyncio's {@code subprocess_exec()}. Resolves to the {@code (transport, protocol)} pair once
     * the protocol's {@code connectionMade} has run. The child is started on a small pool of
     * threads (asyncio's {@code Popen} blocks the loop while the child execs; this does not), and
     * its pipes are read and written by small threads that are not the loop's. Loop-confined.
     *
     * <pre>{@code
     * var endpoint = await(loop.subprocessExec(Collect::new, "ls", "-l"));
     * }</pre>
     *
     * @param <P> the protocol's type
     * @param protocolFactory makes the protocol of each connection
     * @param program the program to run (found on the {@code PATH})
     * @param args the program's arguments
     * @return a coroutine to await for the result; awaiting it throws
     *     {@link java.io.FileNotFoundException} if the program does not exist
     */
    public <P extends SubprocessProtocol> Coroutine<Endpoint<SubprocessTransport, P>> subprocessExec(
            Supplier<? extends P> protocolFactory, String program, String... args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add(Objects.requireNonNull(program, "program"));
        command.addAll(List.of(args));
        return subprocessExec(protocolFactory, command, SubprocessOptions.ALL_PIPES);
    }

    /**
     * {@link #subprocessExec(Supplier, String, String...)} of {@code command} (the program, then
     * its arguments) with asyncio's keyword arguments: where each stream goes ({@code PIPE},
     * {@code DEVNULL}, {@code STDOUT}, inherited, a file), environment and working directory.
     *
     * @param <P> the protocol's type
     * @param protocolFactory makes the protocol of each connection
     * @param command the program and its arguments
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     * @throws IllegalArgumentException if {@code command} is empty
     */
    public <P extends SubprocessProtocol> Coroutine<Endpoint<SubprocessTransport, P>> subprocessExec(
            Supplier<? extends P> protocolFactory, List<String> command, SubprocessOptions options) {
        return ChildProcesses.subprocessExec(this, protocolFactory, command, options);
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c}, a pipe on each stream: asyncio's
     * {@code subprocess_shell()}. Loop-confined.
     *
     * @param <P> the protocol's type
     * @param protocolFactory makes the protocol of each connection
     * @param cmd the shell command line, run by {@code /bin/sh -c}
     * @return a coroutine to await for the result
     */
    public <P extends SubprocessProtocol> Coroutine<Endpoint<SubprocessTransport, P>> subprocessShell(
            Supplier<? extends P> protocolFactory, String cmd) {
        return subprocessShell(protocolFactory, cmd, SubprocessOptions.ALL_PIPES);
    }

    /**
     * {@link #subprocessShell(Supplier, String)} with asyncio's keyword arguments.
     *
     * @param <P> the protocol's type
     * @param protocolFactory makes the protocol of each connection
     * @param cmd the shell command line, run by {@code /bin/sh -c}
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public <P extends SubprocessProtocol> Coroutine<Endpoint<SubprocessTransport, P>> subprocessShell(
            Supplier<? extends P> protocolFactory, String cmd, SubprocessOptions options) {
        return ChildProcesses.subprocessShell(this, protocolFactory, cmd, options);
    }
}
