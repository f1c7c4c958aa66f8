package dev.asyncio4j;

import dev.asyncio4j.internal.SignalHandlers;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs coroutines on one event loop it owns, then tears the loop down: asyncio's {@code Runner}.
 * {@link Asyncio#run} is a {@code Runner} used once.
 *
 * <pre>{@code
 * try (Runner runner = new Runner()) {
 *     runner.run(setUp());
 *     runner.run(mainWork());          // same loop, same tasks still pending from setUp
 * }                                    // cancels leftovers, closes generators and executor, closes the loop
 * }</pre>
 *
 * <p>On the JVM's main thread, while {@link #run} runs, the first SIGINT (Ctrl-C) cancels the
 * coroutine's task; if that makes {@code run} end with a {@link CancelledException}, it throws
 * {@link KeyboardInterruptException} instead. A second SIGINT stops the loop with a
 * {@link KeyboardInterruptException} once the current callback returns; a third one exits the JVM
 * as an unhandled SIGINT does (status 130).
 *
 * <p>Not thread-safe: use a runner from one thread.
 */
public final class Runner implements AutoCloseable {

    private enum State { CREATED, INITIALIZED, CLOSED }

    private static final Duration THREAD_JOIN_TIMEOUT = Duration.ofSeconds(300);

    private final Boolean debug;
    private final Supplier<EventLoop> loopFactory;
    private State state = State.CREATED;
    private EventLoop loop;
    private boolean setEventLoop;
    private final AtomicInteger interrupts = new AtomicInteger();
    private volatile boolean interruptPending;

    /** A runner with a new default loop, debug mode as the loop's default. */
    public Runner() {
        this(null, null);
    }

    /**
     * A runner.
     *
     * @param debug debug mode for the loop, or null for the loop's default
     * @param loopFactory makes the loop, or null for a new {@link EventLoop} that is also made the
     *     thread's current loop while the runner is open
     */
    public Runner(Boolean debug, Supplier<EventLoop> loopFactory) {
        this.debug = debug;
        this.loopFactory = loopFactory;
    }

    /**
     * Runs {@code coro} in a task on the runner's loop until it is done: asyncio's
     * {@code Runner.run()}.
     *
     * @param <T> the result type
     * @param coro the coroutine, not yet started
     * @return the coroutine's result
     * @throws IllegalStateException if called from a running loop, or after {@link #close()}
     * @throws KeyboardInterruptException on Ctrl-C, as the class describes
     * @throws Exception the coroutine's own exception
     */
    public <T> T run(Coroutine<T> coro) throws Exception {
        Objects.requireNonNull(coro, "coro");
        if (Asyncio.runningLoopOrNull() != null) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
        }
        lazyInit();
        Task<T> task = loop.createTask(coro);
        Object sigintHandler = installSigint(task);
        interrupts.set(0);
        interruptPending = false;
        try {
            return loop.runUntilComplete(task);
        } catch (CancelledException e) {
            if (interrupts.get() > 0 && task.uncancel() == 0) {
                KeyboardInterruptException interrupt = new KeyboardInterruptException();
                interrupt.addSuppressed(e);
                throw interrupt;
            }
            throw e;
        } finally {
            SignalHandlers.restore(Signal.SIGINT.jvmName(), sigintHandler);
        }
    }

    /**
     * The runner's loop, made now if not yet: asyncio's {@code Runner.get_loop()}.
     *
     * @return the runner's loop, made now if not yet
     */
    public EventLoop getLoop() {
        lazyInit();
        return loop;
    }

    private void lazyInit() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("Runner is closed");
        }
        if (state == State.INITIALIZED) {
            return;
        }
        if (loopFactory == null) {
            loop = new EventLoop();
            Asyncio.setEventLoop(loop);
            setEventLoop = true;
        } else {
            loop = loopFactory.get();
        }
        if (debug != null) {
            loop.setDebug(debug);
        }
        state = State.INITIALIZED;
    }

    /**
     * Installs the Ctrl-C handler for one run, as asyncio's Runner does: only on the main thread,
     * and only if SIGINT still has the JVM's handler (a loop's {@code addSignalHandler(SIGINT)}
     * keeps it). Returns the installation, or null.
     */
    private Object installSigint(Task<?> mainTask) {
        if (!Asyncio.isMainThread() || Boolean.getBoolean("asyncio4j.runner.noSigint")
                || SignalHandlers.isInstalled(Signal.SIGINT.jvmName())) {
            return null;
        }
        try {
            return SignalHandlers.install(Signal.SIGINT.jvmName(), () -> onSigint(mainTask));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Runs on the JVM's signal thread. */
    private void onSigint(Task<?> mainTask) {
        EventLoop target = loop;
        int count = interrupts.incrementAndGet();
        if (count == 1 && !mainTask.isDone() && target != null) {
            target.callSoonThreadsafeIfOpen(() -> {
                if (!mainTask.isDone()) {
                    mainTask.cancel();
                }
            });
            return;
        }
        if (!interruptPending && target != null && target.callSoonThreadsafeIfOpen(
                () -> target.raiseAfterStep(new KeyboardInterruptException()))) {
            interruptPending = true;
            return;
        }
        // The loop did not take the previous interrupt: it is stuck in a callback.
        SignalHandlers.runOriginal(Signal.SIGINT.jvmName());
    }

    /**
     * Cancels the loop's pending tasks and waits for them, closes open async generators, shuts the
     * default executor down and closes the loop: asyncio's {@code Runner.close()}. Does nothing if
     * the runner never made its loop or is already closed.
     */
    @Override
    public void close() throws Exception {
        if (state != State.INITIALIZED) {
            return;
        }
        try {
            cancelAllTasks(loop);
            loop.runUntilComplete(loop.shutdownAsyncgens());
            loop.runUntilComplete(loop.shutdownDefaultExecutor(THREAD_JOIN_TIMEOUT));
        } finally {
            if (setEventLoop) {
                Asyncio.setEventLoop(null);
            }
            loop.close();
            loop = null;
            state = State.CLOSED;
        }
    }

    private static void cancelAllTasks(EventLoop loop) throws Exception {
        Set<Task<?>> toCancel = loop.pendingTasks();
        if (toCancel.isEmpty()) {
            return;
        }
        for (Task<?> task : toCancel) {
            task.cancel();
        }
        loop.runUntilComplete(Asyncio.async("cancelAllTasks", () -> {
            for (Task<?> task : toCancel) {
                try {
                    Asyncio.await(task);
                } catch (Exception ignored) {
                    // Collected below, as asyncio's gather(return_exceptions=True) would.
                }
            }
        }));
        for (Task<?> task : toCancel) {
            if (task.isCancelled()) {
                continue;
            }
            Throwable error = task.exception();
            if (error != null) {
                loop.callExceptionHandler(ExceptionContext.of(
                        "unhandled exception during asyncio.run() shutdown", error).with("task", task));
            }
        }
    }

    @Override
    public String toString() {
        return "Runner[" + state.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
