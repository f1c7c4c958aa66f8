package dev.asyncio4j.http.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.LongSupplier;

/**
 * The {@code Date} header value (IMF-fixdate, RFC 9110 5.6.7), formatted at most once a second:
 * aiohttp's {@code RequestHandler}'s date cache. A server shares one.
 *
 * <p>Thread-safe: the current second's value is an immutable snapshot in a volatile field; two
 * threads crossing a second at once may both format it, harmlessly.
 */
public final class DateCache {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
        "Sep", "Oct", "Nov", "Dec"};

    private record Snapshot(long second, String value, byte[] line) {
    }

    private final LongSupplier millis;
    private volatile Snapshot current = new Snapshot(Long.MIN_VALUE, "", new byte[0]);

    /** A cache reading the system clock. */
    public DateCache() {
        this(System::currentTimeMillis);
    }

    /** A cache reading {@code millis} (epoch milliseconds), for tests. */
    public DateCache(LongSupplier millis) {
        this.millis = millis;
    }

    private Snapshot snapshot() {
        long second = Math.floorDiv(millis.getAsLong(), 1000);
        Snapshot s = current;
        if (s.second != second) {
            String value = format(second);
            s = new Snapshot(second, value, ("Date: " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            current = s;
        }
        return s;
    }

    /** The current value: {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    public String value() {
        return snapshot().value;
    }

    /** The whole header line, {@code Date: ...\r\n}; shared, do not modify. */
    byte[] headerLine() {
        return snapshot().line;
    }

    /** Formats {@code epochSecond} as an IMF-fixdate. */
    public static String format(long epochSecond) {
        ZonedDateTime t = Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(29);
        sb.append(DAYS[t.getDayOfWeek().getValue() - 1]).append(", ");
        two(sb, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        sb.append(t.getYear()).append(' ');
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond()).append(" GMT");
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int n) {
        return sb.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    @Override
    public String toString() {
        return "DateCache[" + current.value + "]";
    }
}
