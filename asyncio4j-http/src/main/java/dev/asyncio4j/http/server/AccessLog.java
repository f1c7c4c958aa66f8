package dev.asyncio4j.http.server;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Access log lines in aiohttp's format notation ({@code AccessLogger}): {@code %a} remote
 * address, {@code %t} time the request started, {@code %P} process id, {@code %r} first line of
 * the request, {@code %s} status, {@code %b} body bytes sent, {@code %T} seconds taken,
 * {@code %Tf} seconds with fractions, {@code %D} microseconds, {@code %{Name}i} a request header,
 * {@code %{Name}o} a response header, {@code %%} a percent sign. Anything else is copied.
 *
 * <p>A line is only formatted when the logger is enabled for INFO; then it costs one
 * StringBuilder. Loop-confined (the time cache is per server).
 */
final class AccessLog {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.ROOT);

    private sealed interface Part permits Literal, Atom, Header {}

    private record Literal(String text) implements Part {}

    private record Atom(char kind, boolean fraction) implements Part {}

    private record Header(String name, boolean response) implements Part {}

    private final System.Logger logger;
    private final List<Part> parts;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedTime;

    AccessLog(System.Logger logger, String format) {
        this.logger = logger;
        this.parts = compile(format);
    }

    private static List<Part> compile(String format) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= n) {
                literal.append(c);
                i++;
                continue;
            }
            char k = format.charAt(i + 1);
            Part part = null;
            int next = i + 2;
            if (k == '{') {
                int close = format.indexOf('}', i + 2);
                if (close > 0 && close + 1 < n && (format.charAt(close + 1) == 'i' || format.charAt(close + 1) == 'o')) {
                    part = new Header(format.substring(i + 2, close), format.charAt(close + 1) == 'o');
                    next = close + 2;
                }
            } else if (k == 'T' && i + 2 < n && format.charAt(i + 2) == 'f') {
                part = new Atom('T', true);
                next = i + 3;
            } else if ("atPrsbTD".indexOf(k) >= 0) {
                part = new Atom(k, false);
            } else if (k == '%') {
                literal.append('%');
                i += 2;
                continue;
            }
            if (part == null) {
                literal.append(c);
                i++;
                continue;
            }
            if (!literal.isEmpty()) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(part);
            i = next;
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return List.copyOf(parts);
    }

    /** Logs one finished request, if the logger is enabled for INFO. */
    void log(Request request, StreamResponse response, long elapsedNanos) {
        if (!logger.isLoggable(System.Logger.Level.INFO)) {
            return;
        }
        logger.log(System.Logger.Level.INFO, format(request, response, elapsedNanos));
    }

    String format(Request request, StreamResponse response, long elapsedNanos) {
        StringBuilder sb = new StringBuilder(128);
        for (Part part : parts) {
            switch (part) {
                case Literal l -> sb.append(l.text());
                case Header h -> {
                    String v = h.response() ? (response.headersOrNull() == null ? null
                            : response.headersOrNull().get(h.name())) : request.header(h.name());
                    sb.append(v == null ? "-" : v);
                }
                case Atom a -> {
                    switch (a.kind()) {
                        case 'a' -> {
                            String remote = request.remote();
                            sb.append(remote == null ? "-" : remote);
                        }
                        case 't' -> sb.append(time(System.currentTimeMillis() - elapsedNanos / 1_000_000));
                        case 'P' -> sb.append('<').append(ProcessHandle.current().pid()).append('>');
                        case 'r' -> sb.append(request.method()).append(' ').append(request.pathQs()).append(' ')
                                .append(request.version());
                        case 's' -> sb.append(response.status());
                        case 'b' -> sb.append(response.bodyLength());
                        case 'T' -> {
                            if (a.fraction()) {
                                sb.append(String.format(Locale.ROOT, "%.6f", elapsedNanos / 1e9));
                            } else {
                                sb.append(Math.round(elapsedNanos / 1e9));
                            }
                        }
                        case 'D' -> sb.append(elapsedNanos / 1000);
                        default -> throw new IllegalStateException("unknown atom " + a);
                    }
                }
            }
        }
        return sb.toString();
    }

    private String time(long millis) {
        long second = Math.floorDiv(millis, 1000);
        if (second != cachedSecond) {
            cachedTime = TIME.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(second), ZoneId.systemDefault()));
            cachedSecond = second;
        }
        return cachedTime;
    }

    @Override
    public String toString() {
        return "AccessLog[" + logger.getName() + "]";
    }
}
