package dev.asyncio4j;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * asyncio's bridges between the loop and other threads: {@code to_thread()} (threads.py) and
 * {@code run_coroutine_threadsafe()} (tasks.py), behind {@link Asyncio#toThread} and
 * {@link Asyncio#runCoroutineThreadsafe}.
 *
 * <p>What "the caller's context" means here. asyncio's {@code to_thread} runs the function in a
 * copy of the caller's {@code contextvars} context. Java's nearest equivalents are a thread's
 * {@link InheritableThreadLocal}s and its context class loader, which a thread inherits from the
 * thread that creates it, and which no public API can copy onto an existing thread. So the
 * function runs on a fresh virtual thread created by the calling task's thread (inheriting both),
 * and that thread is run, and waited for, by a worker of the loop's default executor, which keeps
 * asyncio's bound on how many such calls run at once. A plain {@link ThreadLocal} is not carried
 * (it is not meant to be), and neither are {@link ScopedValue} bindings: the JDK passes those only
 * to the subtasks of a {@code StructuredTaskScope}; re-bind what the function needs inside it.
 * Since each task of a loop is a thread created by the code that made the task, a task itself sees
 * the {@code InheritableThreadLocal}s of its creator, which is how asyncio's tasks copy the
 * context at {@code create_task()}.
 */
final class Threads {

    private Threads() {}

    /** asyncio's {@code to_thread(func)}: see the class description for the context carried. */
    static <T> Coroutine<T> toThread(Callable<T> function) {
        Objects.requireNonNull(function, "function");
        return Asyncio.async("toThread", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            // Created here, on the task's thread, so it inherits that thread's inheritable
            // thread-locals and context class loader.
            Outcome<T> outcome = new Outcome<>(function);
            Thread carrier = Thread.ofVirtual().name("asyncio4j-to-thread").unstarted(outcome);
            return Asyncio.await(loop.runInExecutor(null, () -> {
                carrier.start();
                carrier.join();
                return outcome.get();
            }));
        });
    }

    /** Runs a function once and keeps its result or exception. */
    private static final class Outcome<T> implements Runnable {
        private final Callable<T> function;
        private T value;
        private Throwable error;

        Outcome(Callable<T> function) {
            this.function = function;
        }

        @Override
        public void run() {
            try {
                value = function.call();
            } catch (Throwable e) {
                error = e;
            }
        }

        T get() throws Exception {
            if (error != null) {
                throw Asyncio.asException(error);
            }
            return value;
        }
    }

    /**
     * asyncio's {@code run_coroutine_threadsafe(coro, loop)}: submits {@code coro} to {@code loop}
     * from any thread. Cancelling the returned future cancels the task.
     */
    static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        Objects.requireNonNull(coro, "coro");
        Objects.requireNonNull(loop, "loop");
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            loop.callSoonThreadsafe(() -> {
                Task<T> task;
                try {
                    task = loop.createTask(coro);
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                    throw e;
                }
                task.addDoneCallback(done -> {
                    if (done.isCancelled()) {
                        result.cancel(false);
                        return;
                    }
                    Throwable error = done.exception();
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(done.resultNow());
                    }
                });
                result.whenComplete((value, error) -> {
                    if (result.isCancelled()) {
                        loop.callSoonThreadsafeIfOpen(task::cancel);
                    }
                });
            });
        } catch (RuntimeException e) {
            coro.close();
            throw e;
        }
        return result;
    }
}
