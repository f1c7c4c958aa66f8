package dev.asyncio4j.http;

import java.util.Arrays;

/**
 * Mutable HTTP header fields: aiohttp's {@code CIMultiDict}. Case-insensitive, multi-valued and
 * insertion-ordered like {@link Headers}; {@link #toHeaders()} takes an immutable snapshot
 * without copying (the next change here copies first).
 *
 * <p>Not thread-safe: confine an instance to one thread (normally its event loop's).
 */
public final class MutableHeaders extends Pairs {
    /*
     * Overview: copy-on-write after toHeaders(). `shared` is set when the array has been handed
     * to a Headers snapshot; any mutation then copies it first, so the snapshot never changes.
     */
    private boolean shared;

    /** Empty headers. */
    public MutableHeaders() {
        this(8);
    }

    /**
     * Empty headers with room for {@code expected} fields before growing.
     *
     * @param expected how many fields to make room for
     */
    public MutableHeaders(int expected) {
        super(new String[Math.max(2, 2 * expected)], 0);
    }

    MutableHeaders(String[] pairs, int size) {
        super(pairs, size);
    }

    @Override
    boolean ignoreCase() {
        return true;
    }

    private void beforeChange(int extra) {
        int needed = 2 * (size + extra);
        if (shared || needed > pairs.length) {
            pairs = Arrays.copyOf(pairs, Math.max(needed, shared ? pairs.length : 2 * pairs.length));
            shared = false;
        }
    }

    /**
     * Appends a value, keeping existing ones: {@code md.add(name, value)}.
     *
     * @param name the name
     * @param value the value
     * @return these headers
     */
    public MutableHeaders add(String name, String value) {
        requireValid(name, value);
        beforeChange(1);
        pairs[2 * size] = name;
        pairs[2 * size + 1] = value;
        size++;
        return this;
    }

    /**
     * Appends every pair of {@code other}: {@code md.extend(other)}.
     *
     * @param other the pairs to append
     * @return these headers
     */
    public MutableHeaders addAll(Headers other) {
        beforeChange(other.size);
        System.arraycopy(other.pairs, 0, pairs, 2 * size, 2 * other.size);
        size += other.size;
        return this;
    }

    /**
     * Replaces every value of {@code name} with one, kept at the place of the first:
     * {@code md[name] = value}.
     *
     * @param name the name
     * @param value the value
     * @return these headers
     */
    public MutableHeaders set(String name, String value) {
        requireValid(name, value);
        int i = indexOf(name, 0);
        if (i < 0) {
            return add(name, value);
        }
        beforeChange(0);
        pairs[2 * i] = name;
        pairs[2 * i + 1] = value;
        removeFrom(name, i + 1);
        return this;
    }

    /**
     * Sets {@code name} only when absent: {@code md.setdefault(name, value)}; returns the value
     * now held.
     *
     * @param name the name
     * @param value the value
     * @return the value {@code name} has now
     */
    public String setDefault(String name, String value) {
        String existing = get(name);
        if (existing != null) {
            return existing;
        }
        add(name, value);
        return value;
    }

    /**
     * Removes every value of {@code name}; returns how many were removed ({@code del md[name]}).
     *
     * @param name the name
     * @return how many values were removed
     */
    public int remove(String name) {
        if (indexOf(name, 0) < 0) {
            return 0;
        }
        beforeChange(0);
        return removeFrom(name, 0);
    }

    private int removeFrom(String name, int from) {
        int out = from;
        int removed = 0;
        for (int i = from; i < size; i++) {
            if (nameMatches(pairs[2 * i], name)) {
                removed++;
            } else {
                pairs[2 * out] = pairs[2 * i];
                pairs[2 * out + 1] = pairs[2 * i + 1];
                out++;
            }
        }
        Arrays.fill(pairs, 2 * out, 2 * size, null);
        size = out;
        return removed;
    }

    /**
     * Removes everything.
     *
     * @return these headers
     */
    public MutableHeaders clear() {
        if (shared) {
            pairs = new String[pairs.length];
            shared = false;
        } else {
            Arrays.fill(pairs, 0, 2 * size, null);
        }
        size = 0;
        return this;
    }

    /**
     * An immutable snapshot: {@code CIMultiDictProxy(md)}, detached from later changes here.
     *
     * @return an immutable snapshot: {@code CIMultiDictProxy(md)}, detached from later changes here
     */
    public Headers toHeaders() {
        if (size == 0) {
            return Headers.EMPTY;
        }
        shared = true;
        return new Headers(pairs, size);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MutableHeaders h && samePairs(h);
    }

    @Override
    public int hashCode() {
        return pairsHash();
    }
}
