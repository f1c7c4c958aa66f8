package dev.asyncio4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * asyncio's waiting functions from {@code tasks.py}: {@code wait()}, {@code wait_for()} and
 * {@code shield()}, behind {@link Asyncio#wait}, {@link Asyncio#waitFor} and
 * {@link Asyncio#shield}. Loop-confined.
 */
final class Waiting {

    private Waiting() {}

    /** asyncio's {@code wait(fs, timeout=, return_when=)}. */
    @SuppressWarnings("unchecked")
    static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<? extends T>> awaitables,
            Duration timeout, ReturnWhen returnWhen) {
        Objects.requireNonNull(awaitables, "awaitables");
        Objects.requireNonNull(returnWhen, "returnWhen");
        return Asyncio.async("wait", () -> {
            if (awaitables.isEmpty()) {
                throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
            }
            Set<Future<T>> futures = new LinkedHashSet<>();
            for (Awaitable<? extends T> awaitable : awaitables) {
                if (awaitable instanceof Coroutine<?>) {
                    throw new IllegalArgumentException("Passing coroutines is forbidden, use tasks explicitly.");
                }
                futures.add((Future<T>) Objects.requireNonNull(awaitable, "awaitable"));
            }
            EventLoop loop = Asyncio.getRunningLoop();
            return waitFutures(futures, timeout, returnWhen, loop);
        });
    }

    /** asyncio's {@code _wait()}: one shared callback object for every future. */
    private static <T> WaitResult<T> waitFutures(Set<Future<T>> futures, Duration timeout, ReturnWhen returnWhen,
            EventLoop loop) throws Exception {
        Future<Void> waiter = loop.createFuture();
        TimerHandle timer = timeout == null ? null : loop.callLater(timeout, () -> releaseWaiter(waiter));
        Consumer<Future<T>> onCompletion = new Consumer<>() {
            private int counter = futures.size();

            @Override
            public void accept(Future<T> future) {
                counter--;
                if (counter <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                        || returnWhen == ReturnWhen.FIRST_EXCEPTION && !future.isCancelled()
                                && future.exception() != null) {
                    if (timer != null) {
                        timer.cancel();
                    }
                    releaseWaiter(waiter);
                }
            }
        };
        for (Future<T> future : futures) {
            future.addDoneCallback(onCompletion);
        }
        try {
            Asyncio.await(waiter);
        } finally {
            if (timer != null) {
                timer.cancel();
            }
            for (Future<T> future : futures) {
                future.removeDoneCallback(onCompletion);
            }
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> future : futures) {
            (future.isDone() ? done : pending).add(future);
        }
        return new WaitResult<>(done, pending);
    }

    private static void releaseWaiter(Future<?> waiter) {
        if (!waiter.isDone()) {
            waiter.setResult(null);
        }
    }

    /**
     * asyncio's {@code wait_for(aw, timeout)} (3.12+, on top of {@code timeout()}): a coroutine is
     * awaited inline, in the calling task.
     */
    @SuppressWarnings("unchecked")
    static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, Duration timeout) {
        Objects.requireNonNull(awaitable, "awaitable");
        return Asyncio.async("waitFor", () -> {
            if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
                // Special case: no time at all; the awaitable still gets the chance to finish,
                // eagerly or while it handles its cancellation.
                Future<T> future = Asyncio.ensureFuture(awaitable);
                if (future.isDone()) {
                    return future.result();
                }
                cancelAndWait(future);
                try {
                    return future.result();
                } catch (CancelledException e) {
                    TimeoutException timedOut = new TimeoutException();
                    timedOut.initCause(e);
                    throw timedOut;
                }
            }
            EventLoop loop = Asyncio.getRunningLoop();
            Double when = timeout == null ? null : loop.time() + seconds(timeout);
            return new Timeout(when).run(() -> Asyncio.await(awaitable));
        });
    }

    static double seconds(Duration delay) {
        return delay.getSeconds() + delay.getNano() / 1e9;
    }

    /** asyncio's {@code _cancel_and_wait()}: cancels {@code future} and waits until it is done. */
    static void cancelAndWait(Future<?> future) throws Exception {
        EventLoop loop = future.getLoop();
        Future<Void> waiter = loop.createFuture();
        Consumer<Future<?>> release = done -> releaseWaiter(waiter);
        ((Future<Object>) future).addDoneCallback(release);
        try {
            future.cancel();
            // Not awaiting the future itself, so this stays reliably cancellable.
            Asyncio.await(waiter);
        } finally {
            ((Future<Object>) future).removeDoneCallback(release);
        }
    }

    /** asyncio's {@code shield(aw)}. */
    static <T> Future<T> shield(Awaitable<T> awaitable) {
        Future<T> inner = Asyncio.ensureFuture(awaitable);
        if (inner.isDone()) {
            return inner;
        }
        Future<T> outer = inner.getLoop().createFuture();
        Consumer<Future<T>> innerDone = done -> {
            if (outer.isCancelled()) {
                if (!done.isCancelled()) {
                    done.exception(); // Marks it retrieved.
                }
                return;
            }
            if (done.isCancelled()) {
                outer.cancel();
            } else {
                Throwable error = done.exception();
                if (error != null) {
                    outer.setException(error);
                } else {
                    outer.setResult(done.resultNow());
                }
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(done -> {
            if (!inner.isDone()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }

    /** The futures of {@code awaitables} on one loop, coroutines wrapped in tasks (ensure_future). */
    static <T> List<Future<T>> ensureFutures(Collection<? extends Awaitable<? extends T>> awaitables) {
        List<Future<T>> futures = new ArrayList<>(awaitables.size());
        EventLoop loop = null;
        Set<Awaitable<?>> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Awaitable<? extends T> awaitable : awaitables) {
            if (!seen.add(Objects.requireNonNull(awaitable, "awaitable"))) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Future<T> future = Asyncio.ensureFuture((Awaitable<T>) awaitable, loop);
            loop = future.getLoop();
            futures.add(future);
        }
        return futures;
    }
}
