package dev.asyncio4j.queue;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A queue that returns the smallest item first: asyncio's {@code PriorityQueue}. Items are ordered
 * by a {@link Comparator}, or else by their natural order ({@link Comparable}); a common item is a
 * record of a priority and a payload, as Python's {@code (priority, data)} tuples. Everything else,
 * waiting, {@code taskDone}, {@code join} and {@code shutdown}, is as in {@link Queue}.
 *
 * <p>The heap works as Python's {@code heapq} does, step for step, so items that compare equal come
 * out in the same order as from asyncio's {@code PriorityQueue} (which, like {@code heapq}, is not
 * FIFO among equals; add a sequence number to the priority for that).
 *
 * <p>Loop-confined, like {@link Queue}.
 *
 * @param <T> the item type
 */
public final class PriorityQueue<T> extends Queue<T> {

    /*
     * Overview for maintainers. heap[0, size) is a binary min-heap: heap[k] <= heap[2k+1] and
     * heap[k] <= heap[2k+2]. push is heapq.heappush (append, sift towards the root); pop is
     * heapq.heappop (move the last item to the root, then heapq's _siftup: walk the smaller child
     * down to a leaf and sift the moved item back up). Only "less than" is asked of the order, as
     * heapq asks only "<".
     */

    private final Comparator<? super T> comparator;
    private Object[] heap = new Object[16];
    private int size;

    /** An unbounded queue in natural order: asyncio's {@code PriorityQueue()}. */
    public PriorityQueue() {
        this(0, null);
    }

    /**
     * A queue of at most {@code maxsize} items (zero or less: unbounded) in natural order: asyncio's
     * {@code PriorityQueue(maxsize)}.
     *
     * @param maxsize the most items the queue holds (0 or less: no limit)
     */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /**
     * An unbounded queue in {@code comparator}'s order.
     *
     * @param comparator the order of the items
     */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /**
     * A queue of at most {@code maxsize} items (zero or less: unbounded) in {@code comparator}'s
     * order, or natural order if it is null.
     *
     * @param maxsize the most items the queue holds (0 or less: no limit)
     * @param comparator the order of the items
     */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize, false);
        this.comparator = comparator;
    }

    /**
     * The comparator, or null for natural order.
     *
     * @return the comparator, or null for natural order
     */
    public Comparator<? super T> comparator() {
        return comparator;
    }

    /**
     * Refuses, before anything is stored or waited for, an item the natural order cannot compare
     * (Python would fail with TypeError inside heappush).
     *
     * @throws NullPointerException for a null item in natural order
     * @throws ClassCastException for an item that is not {@link Comparable}, in natural order
     */
    @Override
    void checkItem(T item) {
        if (comparator == null) {
            if (item == null) {
                throw new NullPointerException("a PriorityQueue without a comparator cannot hold null");
            }
            if (!(item instanceof Comparable<?>)) {
                throw new ClassCastException("a PriorityQueue without a comparator needs Comparable items, got "
                        + item.getClass().getName());
            }
        }
    }

    @Override
    void store(T item) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = item;
        size++;
        siftTowardsRoot(0, size - 1);
    }

    @Override
    @SuppressWarnings("unchecked")
    T take() {
        size--;
        Object last = heap[size];
        heap[size] = null;
        if (size == 0) {
            return (T) last;
        }
        Object smallest = heap[0];
        heap[0] = last;
        siftTowardsLeaf(0);
        return (T) smallest;
    }

    @Override
    int size() {
        return size;
    }

    /** heapq's _siftdown: moves heap[pos] up while it is less than its parent, not above start. */
    private void siftTowardsRoot(int start, int pos) {
        Object item = heap[pos];
        while (pos > start) {
            int parent = (pos - 1) >>> 1;
            if (!less(item, heap[parent])) {
                break;
            }
            heap[pos] = heap[parent];
            pos = parent;
        }
        heap[pos] = item;
    }

    /** heapq's _siftup: moves the smaller child up to a leaf, then sifts heap[pos]'s item back. */
    private void siftTowardsLeaf(int pos) {
        int start = pos;
        Object item = heap[pos];
        int child = 2 * pos + 1;
        while (child < size) {
            int right = child + 1;
            if (right < size && !less(heap[child], heap[right])) {
                child = right;
            }
            heap[pos] = heap[child];
            pos = child;
            child = 2 * pos + 1;
        }
        heap[pos] = item;
        siftTowardsRoot(start, pos);
    }

    @SuppressWarnings("unchecked")
    private boolean less(Object a, Object b) {
        if (comparator != null) {
            return comparator.compare((T) a, (T) b) < 0;
        }
        return ((Comparable<Object>) a).compareTo(b) < 0;
    }
}
