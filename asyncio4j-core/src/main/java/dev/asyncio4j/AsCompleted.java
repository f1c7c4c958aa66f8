package dev.asyncio4j;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The futures of {@link Asyncio#asCompleted} in the order they complete: asyncio's
 * {@code as_completed()} iterator.
 *
 * <pre>{@code
 * for (Future<String> done : asCompleted(tasks, null)) {     // async for done in as_completed(tasks):
 *     System.out.println(await(done));
 * }
 * for (Coroutine<String> next : asCompleted(tasks, null).coroutines()) {   // for next in as_completed(tasks):
 *     System.out.println(await(next));
 * }
 * }</pre>
 *
 * <p>As an {@link AsyncIterable} (Python 3.13's {@code async for}), it yields the futures
 * themselves (the ones given, for futures; tasks wrapping the coroutines given) as each completes;
 * {@code hasNext()} awaits. {@link #coroutines()} is the classic form: coroutines, one per
 * awaitable, each returning (or raising) the outcome of the next awaitable to complete. With a
 * timeout, whatever is still pending when it passes makes the waiting raise
 * {@link TimeoutException}. Either form can be iterated once, not both. Loop-confined.
 *
 * @param <T> the awaitables' result type
 */
public final class AsCompleted<T> implements AsyncIterable<Future<T>>, AsyncIterator<Future<T>> {

    /*
     * Overview for maintainers. asyncio's _AsCompletedIterator: todo holds the futures not yet
     * reported; each completion moves one into done (a queue), in completion order; the timeout
     * empties todo and queues one TIMED_OUT marker per future left. remaining counts the elements
     * still to hand out. getters are the waiting consumers, woken in order; a woken consumer takes
     * its element from done itself (as asyncio.Queue does), so a consumer cancelled after it was
     * woken leaves the element for the next one.
     */

    private static final Object TIMED_OUT = new Object();

    private final EventLoop loop;
    private final Set<Future<T>> todo = new LinkedHashSet<>();
    private final ArrayDeque<Object> done = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final Consumer<Future<T>> onCompletion = this::handleCompletion;
    private final TimerHandle timer;
    private int remaining;
    private Future<T> peeked;

    AsCompleted(Collection<? extends Awaitable<? extends T>> awaitables, Duration timeout) {
        List<Future<T>> futures = Waiting.ensureFutures(awaitables);
        this.loop = futures.isEmpty() ? Asyncio.loopForNewFuture() : futures.get(0).getLoop();
        todo.addAll(futures);
        remaining = todo.size();
        for (Future<T> future : futures) {
            future.addDoneCallback(onCompletion);
        }
        timer = !todo.isEmpty() && timeout != null ? loop.callLater(timeout, this::handleTimeout) : null;
    }

    private void handleTimeout() {
        for (Future<T> future : todo) {
            future.removeDoneCallback(onCompletion);
            put(TIMED_OUT);
        }
        todo.clear();
    }

    private void handleCompletion(Future<T> future) {
        if (todo.isEmpty()) {
            return; // The timeout came first.
        }
        todo.remove(future);
        put(future);
        if (todo.isEmpty() && timer != null) {
            timer.cancel();
        }
    }

    private void put(Object item) {
        done.add(item);
        wakeNext();
    }

    private void wakeNext() {
        while (!getters.isEmpty()) {
            Future<Void> getter = getters.poll();
            if (!getter.isDone()) {
                getter.setResult(null);
                return;
            }
        }
    }

    /** Awaits the next completed future; throws TimeoutException if the timeout passed first. */
    @SuppressWarnings("unchecked")
    private Future<T> waitForOne() throws Exception {
        while (done.isEmpty()) {
            Future<Void> getter = loop.createFuture();
            getters.add(getter);
            try {
                Asyncio.await(getter);
            } catch (Throwable e) {
                getter.cancel();
                getters.remove(getter);
                if (!done.isEmpty() && !getter.isCancelled()) {
                    wakeNext(); // Pass the wake-up on.
                }
                throw e;
            }
        }
        Object item = done.poll();
        if (item == TIMED_OUT) {
            throw new TimeoutException();
        }
        return (Future<T>) item;
    }

    private void claimOne() {
        if (remaining <= 0) {
            throw new StopAsyncIterationException();
        }
        remaining--;
    }

    /** This object, a one-pass async iterator: Python's {@code __aiter__()}. */
    @Override
    public AsyncIterator<Future<T>> iterator() {
        return this;
    }

    /**
     * Awaits the next future to complete (inside a task); false when all were handed out. Throws
     * {@link TimeoutException} (undeclared, as {@code await} throws it) if the timeout passed.
     *
     * @return whether a future is ready for {@link #next()}
     */
    @Override
    public boolean hasNext() {
        if (peeked != null) {
            return true;
        }
        if (remaining <= 0) {
            return false;
        }
        claimOne();
        try {
            peeked = waitForOne();
        } catch (Exception e) {
            throw Asyncio.sneaky(e);
        }
        return true;
    }

    /** The next future to complete, awaiting it if needed. */
    @Override
    public Future<T> next() {
        if (!hasNext()) {
            throw new StopAsyncIterationException();
        }
        Future<T> next = peeked;
        peeked = null;
        return next;
    }

    /**
     * The classic form: an iterable of coroutines, one per awaitable; awaiting the n-th returns
     * the result of (or raises the exception of) the n-th awaitable to complete, or raises
     * {@link TimeoutException}. asyncio's {@code for f in as_completed(aws): await f}.
     *
     * @return an iterable of coroutines, one per awaitable, to await in turn
     */
    public Iterable<Coroutine<T>> coroutines() {
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return remaining > 0;
            }

            @Override
            public Coroutine<T> next() {
                if (remaining <= 0) {
                    throw new NoSuchElementException();
                }
                claimOne();
                return Asyncio.async("asCompleted", () -> waitForOne().result());
            }
        };
    }

    /** {@code AsCompleted[remaining=3, done=1]}. */
    @Override
    public String toString() {
        return "AsCompleted[remaining=" + remaining + ", done=" + done.size() + "]";
    }
}
