package dev.asyncio4j;

import dev.asyncio4j.internal.LoopInternals;
import dev.asyncio4j.internal.Strand;
import dev.asyncio4j.internal.StrandBody;
import java.util.Objects;

/**
 * An async generator: Python's {@code async def} with {@code yield}. Made by
 * {@link Asyncio#asyncGenerator(AsyncGeneratorBody)}; nothing runs until the first value is asked
 * for.
 *
 * <pre>{@code
 * AsyncGenerator<Integer> ticks = asyncGenerator(emit -> {    // async def ticks():
 *     try {
 *         for (int i = 0; ; i++) {
 *             emit.yield(i);                                  //     yield i
 *             await(sleep(Duration.ofSeconds(1)));            //     await asyncio.sleep(1)
 *         }
 *     } finally {
 *         System.out.println("closed");
 *     }
 * });
 * for (int tick : ticks) {                                    // async for tick in ticks():
 *     if (tick == 3) break;
 * }
 * await(ticks.aclose());                                      // prints "closed"
 * }</pre>
 *
 * <p>It is an {@link AsyncIterable} and its own {@link AsyncIterator}: a for-each in a coroutine
 * is {@code async for}. {@link #anext()}, {@link #asend}, {@link #athrow} and {@link #aclose()} are
 * Python's methods, as coroutines. The body runs as part of the task that asks for the next value
 * ({@link Asyncio#currentTask()} inside it is that task, and cancelling that task cancels what the
 * body awaits). A generator left open is closed, as asyncio closes it: when it is collected
 * (asyncio's finalizer hook: the loop runs {@link #aclose()} in a new task), or by
 * {@link EventLoop#shutdownAsyncgens()}, which {@link Asyncio#run} and {@link Runner} call.
 *
 * <p>Loop-confined: iterate it from tasks of one loop.
 *
 * @param <T> the type of the values yielded
 */
public final class AsyncGenerator<T> implements AsyncIterable<T>, AsyncIterator<T>, AsyncCloseable {

    /*
     * Overview for maintainers. The body runs on its own strand (a virtual thread, like a task's),
     * made on the first step. A step is a direct hand-off inside one task: the driving task makes
     * the generator's strand its own (Task.swapStrand), queues it at the head of the ready queue
     * (EventLoop.runNextInPass) and suspends its own strand; the body runs until it yields, returns
     * or throws, then swaps the task's strand back and queues the driver the same way. So a step
     * that does not await costs two strand switches and no other ready item runs in between, as
     * when Python runs the generator's frame inline; when the body awaits, the task suspends on the
     * generator's strand (Task.await uses the task's current strand), and the future's callback
     * resumes that strand. The generator's thread carries the driving task's mark (its
     * uncaught-exception handler, see Task.current()), so the body runs "as" the task.
     *
     * This object is only the handle users hold; the state machine is a Machine, which is all the
     * body's strand reaches. A suspended body (a parked thread, which the JDK may keep reachable
     * for thread dumps) therefore never keeps the handle alive: once its user drops it, a Cleaner
     * hands the machine to the loop, which closes it in a new task (asyncio's
     * _asyncgen_finalizer_hook), so the body's finally blocks run and its thread ends.
     *
     * Phases: CREATED -> SUSPENDED (at a yield) <-> running (a step in progress) -> DONE.
     * Invariant: running is true from the start of a step until its result is handed back,
     * including while the body awaits; at most one step runs at a time.
     */

    private enum Phase { CREATED, SUSPENDED, DONE }

    private enum Outcome { YIELDED, RETURNED, RAISED }

    private final Machine<T> machine;
    // hasNext()'s look-ahead.
    private boolean peeked;
    private T peekedValue;

    AsyncGenerator(AsyncGeneratorBody<T> body) {
        this.machine = new Machine<>(Objects.requireNonNull(body, "body"));
        machine.watch = LeakReporter.watch(this, machine::collected);
    }

    // ---------------------------------------------------------------- consumer side

    /** The next value, as a coroutine: Python's {@code __anext__()}; raises {@link StopAsyncIterationException} at the end. */
    @Override
    public Coroutine<T> anext() {
        return asend(null);
    }

    /**
     * Resumes the body with {@code value} as the result of its pending {@code yield} and returns
     * the next value it yields: Python's {@code asend(value)}.
     *
     * @param value the value the body's pending {@code yield} returns
     * @return a coroutine to await for the result
     * @throws IllegalArgumentException (when awaited) for a non-null value to a generator not
     *     started yet ("can't send non-None value to a just-started async generator")
     */
    public Coroutine<T> asend(Object value) {
        // Each coroutine refers to this handle, as Python's awaitable does to its generator, so
        // the generator is not finalized while a step is in progress.
        return Asyncio.async("asend", () -> machine.step(value, null, "anext"));
    }

    /**
     * Throws {@code error} into the body at its pending {@code yield} and returns the next value
     * it yields: Python's {@code athrow(error)}. A generator not started yet is closed and the
     * error raised without running the body; a finished one raises
     * {@link StopAsyncIterationException}.
     *
     * @param error the exception
     * @return a coroutine to await for the result
     */
    public Coroutine<T> athrow(Throwable error) {
        Objects.requireNonNull(error, "error");
        return Asyncio.async("athrow", () -> machine.step(null, error, "athrow"));
    }

    /**
     * Closes the generator: throws {@link GeneratorExit} into the body at its pending
     * {@code yield}, so its {@code finally} blocks run: Python's {@code aclose()}. Closing a
     * generator that has not started, or is finished, does nothing.
     *
     * @throws IllegalStateException (when awaited) if the body yields instead of finishing
     *     ("async generator ignored GeneratorExit")
     */
    @Override
    public Coroutine<Void> aclose() {
        return Asyncio.async("aclose", () -> machine.closeInline());
    }

    /** This generator: Python's {@code __aiter__()}. */
    @Override
    public AsyncIterator<T> iterator() {
        return this;
    }

    /** Awaits the next value (inside a task); false when the body has returned. */
    @Override
    public boolean hasNext() {
        if (peeked) {
            return true;
        }
        try {
            peekedValue = machine.step(null, null, "anext");
        } catch (StopAsyncIterationException end) {
            return false;
        } catch (Exception e) {
            throw Asyncio.sneaky(e);
        }
        peeked = true;
        return true;
    }

    /** The next value, awaiting it if needed. */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new StopAsyncIterationException();
        }
        peeked = false;
        T value = peekedValue;
        peekedValue = null;
        return value;
    }

    /**
     * Whether a step is in progress (Python's {@code ag_running}).
     *
     * @return whether a step is in progress (Python's {@code ag_running})
     */
    public boolean isRunning() {
        return machine.running;
    }

    /** {@code AsyncGenerator[suspended]}, {@code AsyncGenerator[running]} ... */
    @Override
    public String toString() {
        return machine.toString();
    }

    // ---------------------------------------------------------------- the state machine

    /**
     * Everything a generator's body and its strand reach: the steps, the hand-offs and the body
     * side. Never refers to its {@link AsyncGenerator} handle (see the overview). It is also the
     * {@link AsyncCloseable} the loop tracks and closes.
     */
    private static final class Machine<T> implements AsyncCloseable {
        private final AsyncGeneratorBody<T> body;
        private Phase phase = Phase.CREATED;
        private boolean running;
        // Set by the first step on the loop thread, read by the Cleaner's thread.
        private volatile EventLoop loop;
        private volatile boolean done;
        private Strand strand;
        private LeakReporter.Cleanable watch;
        // The task driving the current step, and the strand it suspended.
        private Task<?> driver;
        private Strand driverStrand;
        // Step input: the value sent, or the exception to throw in at the yield.
        private Object sent;
        private Throwable thrownIn;
        // Step output.
        private Outcome outcome;
        private T yielded;
        private Throwable raised;
        private final Emitter<T> emitter = this::yieldFromBody;

        Machine(AsyncGeneratorBody<T> body) {
            this.body = body;
        }

        /** The handle was collected, on the Cleaner's thread: asyncio's finalizer hook. */
        void collected() {
            EventLoop target = loop;
            if (target != null && !done) {
                target.finalizeAsyncGenerator(this);
            }
        }

        private void finish() {
            phase = Phase.DONE;
            done = true;
            watch.disarm();
        }

        /** What the loop closes when the handle is collected, or at shutdownAsyncgens(). */
        @Override
        public Coroutine<Void> aclose() {
            return Asyncio.async("aclose", this::closeInline);
        }

        Void closeInline() throws Exception {
            if (phase == Phase.CREATED && !running) {
                finish();
                return null;
            }
            if (phase == Phase.DONE && !running) {
                return null;
            }
            try {
                step(null, new GeneratorExit(), "aclose");
            } catch (GeneratorExit | StopAsyncIterationException closed) {
                return null;
            }
            throw new IllegalStateException("async generator ignored GeneratorExit");
        }

        /** Runs one step of the body in the calling task: the common part of every method. */
        T step(Object value, Throwable error, String operation) throws Exception {
            if (running) {
                throw new IllegalStateException(operation + "(): asynchronous generator is already running");
            }
            if (phase == Phase.DONE) {
                throw new StopAsyncIterationException();
            }
            Task<?> task = Task.current();
            if (task == null) {
                throw new IllegalStateException(operation + "() outside a coroutine: iterate an async generator "
                        + "inside a task");
            }
            if (phase == Phase.CREATED) {
                if (error != null) {
                    finish();
                    throw Asyncio.sneaky(error);
                }
                if (value != null) {
                    throw new IllegalArgumentException("can't send non-None value to a just-started async generator");
                }
                firstIteration(task.loop);
            } else if (task.loop != loop) {
                throw new IllegalStateException("async generator " + this + " is attached to a different loop");
            }
            running = true;
            try {
                return handOff(task, value, error);
            } finally {
                running = false;
            }
        }

        private void firstIteration(EventLoop taskLoop) {
            loop = taskLoop;
            LoopInternals.Access access = LoopInternals.get();
            if (access.asyncGeneratorsShutDown(taskLoop)) {
                System.getLogger("dev.asyncio4j").log(System.Logger.Level.WARNING, "asynchronous generator " + this
                        + " was scheduled after loop.shutdownAsyncgens() call");
            }
            access.trackAsyncGenerator(taskLoop, this);
            strand = taskLoop.newStrand(new Body());
        }

        private T handOff(Task<?> task, Object value, Throwable error) throws Exception {
            sent = value;
            thrownIn = error;
            outcome = null;
            driver = task;
            // The body runs as the task: it carries the task's mark, and the task suspends and
            // resumes on the body's strand while it runs.
            strand.setUncaughtExceptionHandler(Thread.currentThread().getUncaughtExceptionHandler());
            driverStrand = task.swapStrand(strand);
            boolean first = phase == Phase.CREATED;
            phase = Phase.SUSPENDED;
            loop.runNextInPass(first ? strand::start : strand::resume);
            loop.leaveTask(task);
            driverStrand.suspend();
            loop.enterTask(task);
            driver = null;
            driverStrand = null;
            switch (outcome) {
                case YIELDED -> {
                    T result = yielded;
                    yielded = null;
                    return result;
                }
                case RETURNED -> throw new StopAsyncIterationException();
                default -> {
                    Throwable failure = raised;
                    raised = null;
                    throw Asyncio.sneaky(failure);
                }
            }
        }

        // ------------------------------------------------------------ body side

        /** Gives control back to the driving task, on the generator's strand. */
        private void handBack(Outcome result) {
            outcome = result;
            Task<?> task = driver;
            Strand resumeStrand = driverStrand;
            task.swapStrand(resumeStrand);
            loop.runNextInPass(resumeStrand::resume);
        }

        private Object yieldFromBody(T value) throws Exception {
            if (Thread.currentThread() != (strand == null ? null : strand.thread()) || !running) {
                throw new IllegalStateException("yield() called outside the async generator's body");
            }
            yielded = value;
            handBack(Outcome.YIELDED);
            strand.suspend();
            Throwable error = thrownIn;
            if (error != null) {
                thrownIn = null;
                throw Asyncio.sneaky(error);
            }
            Object received = sent;
            sent = null;
            return received;
        }

        /** What the generator's strand runs: the body, once. */
        private final class Body implements StrandBody {
            @Override
            public void run() {
                Outcome result;
                try {
                    Throwable error = thrownIn;
                    if (error != null) {
                        thrownIn = null;
                        throw error;
                    }
                    body.run(emitter);
                    result = Outcome.RETURNED;
                } catch (StopAsyncIterationException e) {
                    raised = new IllegalStateException("async generator raised StopAsyncIteration", e);
                    result = Outcome.RAISED;
                } catch (Throwable e) {
                    raised = e;
                    result = Outcome.RAISED;
                }
                finish();
                handBack(result);
            }

            @Override
            public void interrupted() {
                Task<?> task = driver;
                if (task != null) {
                    // On the body's thread, which in portable mode does not hold control here: go
                    // through the loop's thread-safe queue (see Task.interrupted).
                    task.loop.callSoonFromAnyThread(() -> task.cancel("interrupted"));
                }
            }
        }

        @Override
        public String toString() {
            String shown = running ? "running" : phase.name().toLowerCase(java.util.Locale.ROOT);
            return "AsyncGenerator[" + shown + ", body=" + Coroutine.defaultName(body.getClass()) + "]";
        }
    }
}
