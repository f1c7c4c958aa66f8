package dev.asyncio4j.queue;

/**
 * A queue that returns the most recently added item first: asyncio's {@code LifoQueue}. Everything
 * else, waiting, {@code taskDone}, {@code join} and {@code shutdown}, is as in {@link Queue}.
 *
 * <p>Loop-confined, like {@link Queue}.
 *
 * @param <T> the item type
 */
public final class LifoQueue<T> extends Queue<T> {

    /** An unbounded LIFO queue: asyncio's {@code LifoQueue()}. */
    public LifoQueue() {
        super(0);
    }

    /**
     * A LIFO queue of at most {@code maxsize} items (zero or less: unbounded): asyncio's
     * {@code LifoQueue(maxsize)}.
     *
     * @param maxsize the most items the queue holds (0 or less: no limit)
     */
    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    T take() {
        return unmask(items.pollLast());
    }
}
