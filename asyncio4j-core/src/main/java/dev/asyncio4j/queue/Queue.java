package dev.asyncio4j.queue;

import dev.asyncio4j.AsyncCallable;
import dev.asyncio4j.AsyncRunnable;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.sync.Event;
import java.util.ArrayDeque;

/**
 * A first-in, first-out queue for producer and consumer tasks: asyncio's {@code Queue}.
 *
 * <p>With a {@code maxsize} of zero or less the queue is unbounded; otherwise {@link #put} waits
 * while it holds {@code maxsize} items. {@link #get()} waits while it is empty. Waiting producers
 * and consumers are served in FIFO order. Because all its users run on one loop thread, the
 * {@link #qsize()} a task reads stays true until that task next suspends.
 *
 * <p>Every item put counts as an unfinished task until a consumer calls {@link #taskDone()} for
 * it; {@link #join()} waits until none is unfinished. {@link #shutdown(boolean)} (Python 3.13)
 * stops the queue: puts fail with {@link QueueShutDownException}, and gets fail too once the
 * queue is empty (at once, after a {@code shutdown(true)} that discards the items).
 *
 * <pre>{@code
 * Queue<String> urls = new Queue<>(100);
 * Task<Void> worker = createTask(async(() -> {
 *     while (true) {
 *         String url = await(urls.get());        // url = await queue.get()
 *         try {
 *             await(fetch(url));
 *         } finally {
 *             urls.taskDone();                   // queue.task_done()
 *         }
 *     }
 * }));
 * for (String url : list) {
 *     await(urls.put(url));                      // await queue.put(url)
 * }
 * await(urls.join());                            // await queue.join()
 * worker.cancel();
 * }</pre>
 *
 * <p>Items may be null (Python's {@code None}, a common end-of-work marker). The queue is sealed:
 * {@link LifoQueue} and {@link PriorityQueue} change the order; asyncio's overridable
 * {@code _get}/{@code _put}/{@code _init} are not offered.
 *
 * <p>Loop-confined: use it from the tasks and callbacks of one event loop (from another thread,
 * through {@code loop.callSoonThreadsafe}). It binds to the running loop the first time a task
 * has to wait on it; making a task of another loop wait on it afterwards throws
 * {@link IllegalStateException}.
 *
 * @param <T> the item type
 */
public sealed class Queue<T> permits LifoQueue, PriorityQueue {

    /*
     * Overview for maintainers (asyncio 3.13's Queue). getters and putters hold one future per
     * waiting get() and put(), in arrival order. A put or get that changes the queue wakes the
     * next waiter of the other side by taking its future off the deque (wakeUpNext), so a woken
     * waiter is no longer listed. A woken waiter re-checks the queue in a loop; one that is
     * cancelled after being woken wakes the next waiter of its side if the queue could serve it,
     * so no wake-up is lost. shutdown() wakes every waiter; they then find the queue shut down.
     *
     * Invariant: unfinishedTasks >= 0, and finished is set exactly when it is 0.
     */

    private static final Object BINDING = new Object();
    // Stands for a null item in the ArrayDeque, which refuses nulls.
    private static final Object NULL_ITEM = new Object();

    private final int maxsize;
    // The items of a FIFO or LIFO queue, null standing as NULL_ITEM; null for a PriorityQueue.
    final ArrayDeque<Object> items;
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    private int unfinishedTasks;
    private final Event finished = new Event();
    private boolean shutdown;
    // Invariant: null until the first wait, then the loop of that wait, never changed.
    private EventLoop loop;
    private final AsyncCallable<T> getBody = this::getInline;

    /** An unbounded queue: asyncio's {@code Queue()}. */
    public Queue() {
        this(0);
    }

    /**
     * A queue that holds at most {@code maxsize} items; zero or less means unbounded: asyncio's
     * {@code Queue(maxsize)}.
     *
     * @param maxsize the most items the queue holds (0 or less: no limit)
     */
    public Queue(int maxsize) {
        this(maxsize, true);
    }

    Queue(int maxsize, boolean dequeStorage) {
        this.maxsize = maxsize;
        this.items = dequeStorage ? new ArrayDeque<>() : null;
        finished.set();
    }

    // ---------------------------------------------------------------- storage (asyncio's _put, _get)

    /** Checks an item before it is waited for or stored; a PriorityQueue refuses what it cannot order. */
    void checkItem(T item) {}

    /** Stores an item: asyncio's {@code _put}. */
    void store(T item) {
        items.addLast(item == null ? NULL_ITEM : item);
    }

    /** Removes the next item: asyncio's {@code _get}. The queue is not empty. */
    T take() {
        return unmask(items.pollFirst());
    }

    /** The number of items stored. */
    int size() {
        return items.size();
    }

    @SuppressWarnings("unchecked")
    static <T> T unmask(Object item) {
        return item == NULL_ITEM ? null : (T) item;
    }

    // ---------------------------------------------------------------- state

    /**
     * The number of items in the queue: asyncio's {@code qsize()}.
     *
     * @return the number of items in the queue
     */
    public final int qsize() {
        return size();
    }

    /**
     * The most items the queue holds, zero or less for unbounded: asyncio's {@code maxsize}.
     *
     * @return the most items the queue holds, zero or less for unbounded
     */
    public final int maxsize() {
        return maxsize;
    }

    /**
     * Whether the queue holds no item: asyncio's {@code empty()}.
     *
     * @return whether the queue holds no item
     */
    public final boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Whether the queue holds {@code maxsize} items, so {@link #put} would wait: asyncio's
     * {@code full()}. Never true for an unbounded queue.
     *
     * @return whether the queue holds {@code maxsize} items, so {@link #put} would wait
     */
    public final boolean isFull() {
        return maxsize > 0 && size() >= maxsize;
    }

    // ---------------------------------------------------------------- put

    /**
     * A coroutine that puts {@code item} into the queue, first waiting while it is full: asyncio's
     * {@code put(item)}. Nothing happens until it is awaited.
     *
     * <p>Awaiting it throws {@link QueueShutDownException} if the queue is shut down (also while
     * it waits), and {@link dev.asyncio4j.CancelledException} if the task is cancelled while it
     * waits; then the item is not put.
     *
     * @param item the item
     * @return a coroutine that puts {@code item} into the queue, first waiting while it is full
     */
    public final Coroutine<Void> put(T item) {
        checkItem(item);
        return Asyncio.async("Queue.put", (AsyncRunnable) () -> putInline(item));
    }

    private void putInline(T item) throws Exception {
        while (isFull()) {
            if (shutdown) {
                throw new QueueShutDownException("Queue is shut down");
            }
            waitTurn(putters);
        }
        putNowait(item);
    }

    /**
     * Puts {@code item} into the queue without waiting, and wakes the longest-waiting getter:
     * asyncio's {@code put_nowait(item)}.
     *
     * @param item the item
     * @throws QueueShutDownException if the queue is shut down
     * @throws QueueFullException if the queue is full
     */
    public final void putNowait(T item) {
        checkItem(item);
        if (shutdown) {
            throw new QueueShutDownException("Queue is shut down");
        }
        if (isFull()) {
            throw new QueueFullException("Queue is full (maxsize=" + maxsize + ")");
        }
        store(item);
        unfinishedTasks++;
        finished.clear();
        wakeUpNext(getters);
    }

    // ---------------------------------------------------------------- get

    /**
     * A coroutine that removes and returns the next item, first waiting while the queue is empty:
     * asyncio's {@code get()}. Nothing happens until it is awaited.
     *
     * <p>Awaiting it throws {@link QueueShutDownException} if the queue is shut down and empty
     * (also while it waits), and {@link dev.asyncio4j.CancelledException} if the task is cancelled
     * while it waits; then no item is taken.
     *
     * @return a coroutine that removes and returns the next item, first waiting while the queue is
     *     empty
     */
    public final Coroutine<T> get() {
        return Asyncio.async("Queue.get", getBody);
    }

    private T getInline() throws Exception {
        while (isEmpty()) {
            if (shutdown) {
                throw new QueueShutDownException("Queue is shut down");
            }
            waitTurn(getters);
        }
        return getNowait();
    }

    /**
     * Removes and returns the next item without waiting, and wakes the longest-waiting putter:
     * asyncio's {@code get_nowait()}.
     *
     * @return the next item
     * @throws QueueShutDownException if the queue is shut down and empty
     * @throws QueueEmptyException if the queue is empty
     */
    public final T getNowait() {
        if (isEmpty()) {
            if (shutdown) {
                throw new QueueShutDownException("Queue is shut down");
            }
            throw new QueueEmptyException("Queue is empty");
        }
        T item = take();
        wakeUpNext(putters);
        return item;
    }

    /**
     * Waits in {@code waiters} (the putters or the getters) until a get, a put or a shutdown wakes
     * this task. If the wait ends in an exception after this task was woken, and the queue could
     * still serve a waiter of the same side, wakes the next one instead: the wake-up is not lost.
     */
    private void waitTurn(ArrayDeque<Future<Void>> waiters) throws Exception {
        Future<Void> waiter = boundLoop().createFuture();
        waiters.addLast(waiter);
        try {
            Asyncio.await(waiter);
        } catch (Throwable e) {
            waiter.cancel();
            // Already gone if the put, get or shutdown() that woke it took it off.
            waiters.removeFirstOccurrence(waiter);
            boolean servable = waiters == putters ? !isFull() : !isEmpty();
            if (servable && !waiter.isCancelled()) {
                wakeUpNext(waiters);
            }
            throw e;
        }
    }

    /** Wakes the first waiter of {@code waiters} that is not done, dropping the done ones before it. */
    private static void wakeUpNext(ArrayDeque<Future<Void>> waiters) {
        Future<Void> waiter;
        while ((waiter = waiters.pollFirst()) != null) {
            if (!waiter.isDone()) {
                waiter.setResult(null);
                return;
            }
        }
    }

    // ---------------------------------------------------------------- tasks

    /**
     * Says that an item taken from the queue is fully processed: asyncio's {@code task_done()}.
     * When every item put has been processed, {@link #join()} returns.
     *
     * @throws IllegalStateException if called more times than items were put ("task_done() called
     *     too many times"). asyncio raises ValueError; the method takes no argument, so what is
     *     wrong is the call in the queue's current state, which Java says with
     *     IllegalStateException.
     */
    public final void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException("task_done() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /**
     * A coroutine that waits until every item put into the queue has been taken and processed
     * ({@link #taskDone()} called for it): asyncio's {@code join()}. Returns at once if there is
     * none.
     *
     * @return a coroutine that waits until every item put into the queue has been taken and
     *     processed ({@link #taskDone()} called for it)
     */
    public final Coroutine<Void> join() {
        return Asyncio.async("Queue.join", () -> {
            if (unfinishedTasks > 0) {
                Asyncio.await(finished.waitAsync());
            }
        });
    }

    // ---------------------------------------------------------------- shutdown

    /** Shuts the queue down, keeping its items for the getters: {@code shutdown(false)}. */
    public final void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down: asyncio's {@code shutdown(immediate)} (Python 3.13). Later puts throw
     * {@link QueueShutDownException}; gets go on returning the items left and then throw it too.
     * With {@code immediate}, the items are discarded at once, each counting as a
     * {@link #taskDone()} (so {@link #join()} returns if nothing else is unfinished), and gets
     * throw at once. Every task waiting in {@link #put} or {@link #get()} is woken, to finish or
     * throw as just said. Shutting down twice is allowed.
     *
     * @param immediate also drop the items still queued
     */
    public final void shutdown(boolean immediate) {
        shutdown = true;
        if (immediate) {
            while (!isEmpty()) {
                take();
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.set();
            }
        }
        // Every getter must re-check, to raise QueueShutDownException once the queue is empty.
        wakeAll(getters);
        wakeAll(putters);
    }

    private static void wakeAll(ArrayDeque<Future<Void>> waiters) {
        Future<Void> waiter;
        while ((waiter = waiters.pollFirst()) != null) {
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        }
    }

    // ---------------------------------------------------------------- loop binding

    /** The running loop, after binding the queue to it: asyncio's {@code _get_loop()}. */
    private EventLoop boundLoop() {
        EventLoop running = Asyncio.getRunningLoop();
        if (running != loop) {
            synchronized (BINDING) {
                if (loop == null) {
                    loop = running;
                } else if (loop != running) {
                    throw new IllegalStateException(this + " is bound to a different event loop");
                }
            }
        }
        return running;
    }

    // ---------------------------------------------------------------- for tests

    int getterCount() {
        return getters.size();
    }

    int putterCount() {
        return putters.size();
    }

    int unfinishedTasks() {
        return unfinishedTasks;
    }

    /**
     * The queue's state: {@code Queue[maxsize=0, size=3, getters=1, putters=0, tasks=3]}, with
     * {@code , shutdown} once shut down ({@code tasks} counts the unfinished items).
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[maxsize=" + maxsize + ", size=" + size() + ", getters=" + getters.size()
                + ", putters=" + putters.size() + ", tasks=" + unfinishedTasks + (shutdown ? ", shutdown" : "") + "]";
    }
}
