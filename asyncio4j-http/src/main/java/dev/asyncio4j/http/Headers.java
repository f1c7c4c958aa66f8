package dev.asyncio4j.http;

import java.util.Arrays;
import java.util.Map;

/**
 * Immutable HTTP header fields: aiohttp's {@code CIMultiDictProxy}. Names are case-insensitive
 * ({@code get("content-type")} finds {@code Content-Type}), a name may repeat, and the order of
 * arrival is kept. A message's headers as received are a {@code Headers}; build one to send with
 * {@link MutableHeaders} (aiohttp's {@code CIMultiDict}) or {@link #of(String...)}.
 *
 * <p>Immutable, hence thread-safe.
 */
public final class Headers extends Pairs {
    /** No headers. */
    public static final Headers EMPTY = new Headers(NO_PAIRS, 0);

    Headers(String[] pairs, int size) {
        super(pairs, size);
    }

    /**
     * Headers from alternating names and values: {@code Headers.of("Accept", "text/html",
     * "Accept", "application/json")}.
     *
     * @param namesAndValues alternating names and values
     * @return the headers
     * @throws IllegalArgumentException when the count is odd
     */
    public static Headers of(String... namesAndValues) {
        String[] copy = alternatingCopy(namesAndValues);
        return copy.length == 0 ? EMPTY : new Headers(copy, copy.length / 2);
    }

    /**
     * Headers holding every entry of {@code map}, in its iteration order.
     *
     * @param map the map
     * @return the headers
     */
    public static Headers copyOf(Map<String, String> map) {
        MutableHeaders m = new MutableHeaders(map.size());
        map.forEach(m::add);
        return m.toHeaders();
    }

    @Override
    boolean ignoreCase() {
        return true;
    }

    /**
     * A mutable copy to derive a variant from: {@code CIMultiDict(proxy)}.
     *
     * @return a mutable copy to derive a variant from: {@code CIMultiDict(proxy)}
     */
    public MutableHeaders toMutable() {
        return new MutableHeaders(Arrays.copyOf(pairs, Math.max(2 * size, 16)), size);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && samePairs(h);
    }

    @Override
    public int hashCode() {
        return pairsHash();
    }
}
