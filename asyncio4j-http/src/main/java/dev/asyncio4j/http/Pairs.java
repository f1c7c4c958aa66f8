package dev.asyncio4j.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The storage and read side shared by {@link Headers}, {@link MutableHeaders} and
 * {@link MultiDict}: an insertion-ordered list of (name, value) string pairs, looked up by name
 * with or without case.
 */
abstract sealed class Pairs implements Iterable<Map.Entry<String, String>>
        permits Headers, MutableHeaders, MultiDict {
    /*
     * Overview: names and values interleaved in one array (name at 2i, value at 2i+1), so a
     * message of ten headers costs one array and its strings. Lookups are linear scans: HTTP
     * messages carry few fields, and a scan over a dozen short strings beats hashing them. The
     * parser hands in well-known names as interned constants, so the identity test in
     * nameMatches usually answers before equalsIgnoreCase runs.
     */

    static final String[] NO_PAIRS = new String[0];

    // Invariant: pairs[0 .. 2*size) are non-null; the rest of the array is unused.
    String[] pairs;
    int size;

    Pairs(String[] pairs, int size) {
        this.pairs = pairs;
        this.size = size;
    }

    abstract boolean ignoreCase();

    final boolean nameMatches(String stored, String name) {
        return stored == name || (ignoreCase() ? stored.equalsIgnoreCase(name) : stored.equals(name));
    }

    final int indexOf(String name, int from) {
        String[] p = pairs;
        for (int i = from; i < size; i++) {
            if (nameMatches(p[2 * i], name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Number of (name, value) pairs, counting every value of a repeated name.
     *
     * @return how many pairs there are, every value of a repeated name counted
     */
    public final int size() {
        return size;
    }

    /**
     * True when there are no pairs.
     *
     * @return true when there are no pairs
     */
    public final boolean isEmpty() {
        return size == 0;
    }

    /**
     * The name of the {@code index}-th pair, in insertion order, as it was given.
     *
     * @param index the position, from 0
     * @return the name of the {@code index}-th pair, in insertion order, as it was given
     */
    public final String name(int index) {
        return pairs[2 * checkIndex(index)];
    }

    /**
     * The value of the {@code index}-th pair, in insertion order.
     *
     * @param index the position, from 0
     * @return the value of the {@code index}-th pair, in insertion order
     */
    public final String value(int index) {
        return pairs[2 * checkIndex(index) + 1];
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " out of " + size);
        }
        return index;
    }

    /**
     * The first value for {@code name}, or null: multidict's {@code md.get(name)}.
     *
     * @param name the name
     * @return the first value for {@code name}, or null: multidict's {@code md.get(name)}
     */
    public final String get(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : pairs[2 * i + 1];
    }

    /**
     * The first value for {@code name}, or {@code defaultValue}: {@code md.get(name, default)}.
     *
     * @param name the name
     * @param defaultValue what to return when the key is absent
     * @return the first value for {@code name}, or {@code defaultValue}: {@code md.get(name,
     *     default)}
     */
    public final String get(String name, String defaultValue) {
        String value = get(name);
        return value == null ? defaultValue : value;
    }

    /**
     * The first value for {@code name}, if any.
     *
     * @param name the name
     * @return the first value for {@code name}, if any
     */
    public final Optional<String> first(String name) {
        return Optional.ofNullable(get(name));
    }

    /**
     * The first value for {@code name}: multidict's {@code getone}.
     *
     * @param name the name
     * @return the first value for {@code name}: multidict's {@code getone}
     * @throws NoSuchElementException when {@code name} is absent (multidict's KeyError)
     */
    public final String getOne(String name) {
        int i = indexOf(name, 0);
        if (i < 0) {
            throw new NoSuchElementException(name);
        }
        return pairs[2 * i + 1];
    }

    /**
     * Every value for {@code name} in insertion order; empty when absent: {@code getall(name, [])}.
     *
     * @param name the name
     * @return every value for {@code name} in insertion order; empty when absent: {@code
     *     getall(name, [])}
     */
    public final List<String> getAll(String name) {
        int i = indexOf(name, 0);
        if (i < 0) {
            return List.of();
        }
        List<String> values = new ArrayList<>(2);
        for (; i >= 0; i = indexOf(name, i + 1)) {
            values.add(pairs[2 * i + 1]);
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * True when {@code name} has at least one value: {@code name in md}.
     *
     * @param name the name
     * @return true when {@code name} has at least one value: {@code name in md}
     */
    public final boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    /**
     * The distinct names in first-seen order, each as first given.
     *
     * @return the distinct names in first-seen order, each as first given
     */
    public final Set<String> names() {
        Set<String> seen = new LinkedHashSet<>();
        outer:
        for (int i = 0; i < size; i++) {
            String n = pairs[2 * i];
            for (String s : seen) {
                if (nameMatches(s, n)) {
                    continue outer;
                }
            }
            seen.add(n);
        }
        return Collections.unmodifiableSet(seen);
    }

    /** Iterates the pairs in insertion order (names as given); the entries are immutable. */
    @Override
    public final Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Map.Entry<String, String> next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                return Map.entry(pairs[2 * i], pairs[2 * i + 1]);
            }
        };
    }

    /** Equal when both hold the same pairs in the same order (names compared as lookups are). */
    final boolean samePairs(Pairs other) {
        if (other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!nameMatches(pairs[2 * i], other.pairs[2 * i])
                    || !pairs[2 * i + 1].equals(other.pairs[2 * i + 1])) {
                return false;
            }
        }
        return true;
    }

    final int pairsHash() {
        int h = 1;
        for (int i = 0; i < size; i++) {
            String n = pairs[2 * i];
            int nh = 0;
            for (int j = 0; j < n.length(); j++) {
                nh = 31 * nh + (ignoreCase() ? Character.toLowerCase(n.charAt(j)) : n.charAt(j));
            }
            h = 31 * h + nh;
            h = 31 * h + pairs[2 * i + 1].hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(pairs[2 * i]).append(": ").append(pairs[2 * i + 1]);
        }
        return sb.append(']').toString();
    }

    static String[] alternatingCopy(String[] namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate; got an odd count "
                    + namesAndValues.length);
        }
        String[] copy = namesAndValues.clone();
        for (int i = 0; i < copy.length; i += 2) {
            requireValid(copy[i], copy[i + 1]);
        }
        return copy;
    }

    static void requireValid(String name, String value) {
        if (name == null || value == null) {
            throw new NullPointerException(name == null ? "name is null" : "value of " + name + " is null");
        }
    }
}
