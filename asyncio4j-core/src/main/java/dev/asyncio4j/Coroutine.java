package dev.asyncio4j;

import java.util.Objects;

/**
 * A coroutine object: the lazy, run-once body made by {@link Asyncio#async(AsyncCallable)}.
 *
 * <p>Nothing runs when it is made. It runs when it is awaited ({@code await(coro)} runs the body
 * inline, in the awaiting task, as Python's {@code await coro} does) or when it is wrapped in a
 * task ({@link EventLoop#createTask}, {@link Asyncio#ensureFuture}, {@link Asyncio#run},
 * {@link EventLoop#runUntilComplete}). It runs once: awaiting it again is an error ("cannot reuse
 * already awaited coroutine", or "coroutine is being awaited already" while it runs). A coroutine that is collected without ever running is reported
 * ("coroutine '...' was never awaited"), with where it was created in debug mode.
 *
 * <p>Loop-confined once it runs; it may be made on any thread.
 *
 * @param <T> the result type
 */
public final class Coroutine<T> implements Awaitable<T> {

    private enum State { CREATED, RUNNING, DONE }

    // An AsyncCallable, or an AsyncRunnable (result null): kept as given, to save a wrapper frame
    // on every suspended task's stack.
    // Dropped once the coroutine is done, so what the body captured can be collected.
    private Object body;
    private final Class<?> bodyClass;
    private String name;
    private State state = State.CREATED;
    private StackTraceElement[] creation;
    private LeakReporter.Cleanable neverAwaited;
    // True once a task owns the coroutine: the task will run it (or consume it if cancelled
    // first), so the coroutine cannot leak on its own.
    private boolean adopted;

    Coroutine(String name, Object body) {
        this.body = Objects.requireNonNull(body, "body");
        this.bodyClass = body.getClass();
        this.name = name;
        // asyncio tracks coroutine origins while a debug loop runs in the thread; outside any
        // loop the JVM-wide default decides.
        EventLoop loop = Asyncio.runningLoopOrNull();
        if (loop != null ? loop.getDebug() : Debug.DEFAULT) {
            creation = Debug.callerStack();
        }
        if (loop != null) {
            loop.coroutineCreated(this);
        } else {
            watchIfNotStarted();
        }
    }

    /** Starts watching for collection without a run, unless it already ran or is closed. */
    void watchIfNotStarted() {
        if (state == State.CREATED && !adopted && neverAwaited == null) {
            neverAwaited = LeakReporter.watchNeverAwaited(this, name, bodyClass, creation);
        }
    }

    static String defaultName(Class<?> bodyClass) {
        String className = bodyClass.getName();
        int lambda = className.indexOf("$$Lambda");
        String owner = lambda > 0 ? className.substring(0, lambda) : className;
        return owner.substring(owner.lastIndexOf('.') + 1) + ".<async>";
    }

    /**
     * The coroutine's name: the one given to {@code async(name, ...)}, else its enclosing class.
     *
     * @return the coroutine's name: the one given to {@code async(name, ...)}, else its enclosing
     *     class
     */
    public String name() {
        if (name == null) {
            name = defaultName(bodyClass);
        }
        return name;
    }

    /**
     * Whether the body has started (asyncio: {@code cr_running} or finished).
     *
     * @return whether the body has started (asyncio: {@code cr_running} or finished)
     */
    public boolean isStarted() {
        return state != State.CREATED;
    }

    /**
     * Whether the body has finished, or the coroutine was closed.
     *
     * @return whether the body has finished, or the coroutine was closed
     */
    public boolean isDone() {
        return state == State.DONE;
    }

    /**
     * Closes a coroutine that has not started, so it will never run and is not reported as never
     * awaited: Python's {@code coro.close()}. Does nothing to one already started.
     */
    public void close() {
        if (state == State.CREATED) {
            state = State.DONE;
            body = null;
            disarm();
        }
    }

    /** A task now owns the coroutine; it needs no never-awaited watch of its own. */
    void adoptByTask() {
        adopted = true;
        disarm();
    }

    /** Marks the coroutine as consumed without running it (a task cancelled before its first step). */
    void consumeWithoutRunning() {
        claim();
        body = null;
        state = State.DONE;
    }

    /** Runs the body inline on the calling strand; at most once. */
    @SuppressWarnings("unchecked")
    T runInline() throws Exception {
        claim();
        Object work = body;
        body = null;
        try {
            if (work instanceof AsyncRunnable runnable) {
                runnable.run();
                return null;
            }
            return ((AsyncCallable<T>) work).call();
        } catch (CancelledException e) {
            // A Timeout or TaskGroup closed by try-with-resources may have decided that asyncio
            // raises something else in place of this cancellation; it leaves the coroutine as that.
            throw Asyncio.sneaky(e.replacementOrSelf());
        } finally {
            state = State.DONE;
        }
    }

    private void claim() {
        if (state == State.RUNNING) {
            throw new IllegalStateException("coroutine is being awaited already (" + name() + ")");
        }
        if (state != State.CREATED) {
            throw new IllegalStateException("cannot reuse already awaited coroutine " + name());
        }
        state = State.RUNNING;
        disarm();
    }

    private void disarm() {
        LeakReporter.Cleanable watch = neverAwaited;
        if (watch != null) {
            neverAwaited = null;
            watch.disarm();
        }
    }

    @Override
    public String toString() {
        return "Coroutine[" + name() + ", " + state.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
