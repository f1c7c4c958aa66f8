package dev.asyncio4j;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * asyncio's bridges between the loop and other threads: {@code to_thread()} (threads.py) and
 * {@code run_coroutine_threadsafe()} (tasks.py), behind {@link Asyncio#toThread} and
 * {@link Asyncio#runCoroutineThreadsafe}.
 *
 * <p>{@link Asyncio#toThread(Callable)} says what "the caller's context" is and how it is carried.
 */
final class Threads {

    private Threads() {}

    /** asyncio's {@code to_thread(func)}: see the class description for the context carried. */
    static <T> Coroutine<T> toThread(Callable<T> function) {
        Objects.requireNonNull(function, "function");
        return Asyncio.async("toThread", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            // Created here, on the task's thread, so it inherits that thread's inheritable
            // thread-locals and context class loader. A platform thread: a virtual thread made
            // inside a fast-mode task would inherit the loop as its scheduler and run the
            // function on the loop thread, blocking the loop.
            Outcome<T> outcome = new Outcome<>(function);
            Thread carrier = Thread.ofPlatform().daemon().name("asyncio4j-to-thread").unstarted(outcome);
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
