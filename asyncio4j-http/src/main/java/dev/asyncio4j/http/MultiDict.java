package dev.asyncio4j.http;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An immutable, case-sensitive, multi-valued, insertion-ordered map of strings: multidict's
 * {@code MultiDictProxy}, as used for a URL's query ({@link Url#query()}) and for URL-encoded
 * form fields. {@code ?a=1&a=2&b=} is {@code [a=1, a=2, b=]}.
 *
 * <p>Immutable, hence thread-safe.
 */
public final class MultiDict extends Pairs {
    /** The empty multidict. */
    public static final MultiDict EMPTY = new MultiDict(NO_PAIRS, 0);

    private MultiDict(String[] pairs, int size) {
        super(pairs, size);
    }

    /**
     * From alternating names and values: {@code MultiDict.of("q", "asyncio", "page", "2")}.
     *
     * @param namesAndValues alternating names and values
     * @return the new multidict
     */
    public static MultiDict of(String... namesAndValues) {
        String[] copy = alternatingCopy(namesAndValues);
        return copy.length == 0 ? EMPTY : new MultiDict(copy, copy.length / 2);
    }

    /**
     * From a map's entries in its iteration order.
     *
     * @param map the map
     * @return the new multidict
     */
    public static MultiDict copyOf(Map<String, String> map) {
        return ofEntries(List.copyOf(map.entrySet()));
    }

    /**
     * From a list of entries, repeated names allowed.
     *
     * @param entries the entries
     * @return the new multidict
     */
    public static MultiDict ofEntries(List<? extends Map.Entry<String, String>> entries) {
        String[] p = new String[2 * entries.size()];
        int i = 0;
        for (Map.Entry<String, String> e : entries) {
            requireValid(e.getKey(), e.getValue());
            p[i++] = e.getKey();
            p[i++] = e.getValue();
        }
        return i == 0 ? EMPTY : new MultiDict(p, i / 2);
    }

    @Override
    boolean ignoreCase() {
        return false;
    }

    /**
     * A copy with one more pair at the end (existing values of {@code name} kept).
     *
     * @param name the name
     * @param value the value
     * @return a copy with one more pair at the end (existing values of {@code name} kept)
     */
    public MultiDict with(String name, String value) {
        requireValid(name, value);
        String[] p = Arrays.copyOf(pairs, 2 * size + 2);
        p[2 * size] = name;
        p[2 * size + 1] = value;
        return new MultiDict(p, size + 1);
    }

    /**
     * A copy with every pair of {@code other} appended: yarl's {@code extend_query}.
     *
     * @param other the pairs
     * @return the new multidict
     */
    public MultiDict withAll(MultiDict other) {
        if (other.size == 0) {
            return this;
        }
        String[] p = Arrays.copyOf(pairs, 2 * (size + other.size));
        System.arraycopy(other.pairs, 0, p, 2 * size, 2 * other.size);
        return new MultiDict(p, size + other.size);
    }

    /**
     * A copy in which each name of {@code other} has {@code other}'s values instead of its own:
     * yarl's {@code update_query}. Names not in {@code other} keep their values and places.
     *
     * @param other the pairs
     * @return a copy in which each name of {@code other} has {@code other}'s values instead of its
     *     own: yarl's {@code update_query}
     */
    public MultiDict updatedWith(MultiDict other) {
        String[] p = new String[2 * (size + other.size)];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (!other.contains(pairs[2 * i])) {
                p[2 * n] = pairs[2 * i];
                p[2 * n + 1] = pairs[2 * i + 1];
                n++;
            }
        }
        System.arraycopy(other.pairs, 0, p, 2 * n, 2 * other.size);
        n += other.size;
        return n == 0 ? EMPTY : new MultiDict(p, n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiDict m && samePairs(m);
    }

    @Override
    public int hashCode() {
        return pairsHash();
    }
}
