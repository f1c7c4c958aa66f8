package dev.asyncio4j.http.server;

import java.time.Duration;

/**
 * How an {@link AppRunner}'s server treats its connections: the keyword arguments aiohttp's
 * {@code AppRunner} passes to its request handlers, as an immutable record with {@code with*}
 * methods.
 *
 * <pre>{@code
 * new AppRunner(app, RunnerOptions.DEFAULT.withShutdownTimeout(Duration.ofSeconds(5)).withAccessLog(null));
 * }</pre>
 *
 * @param keepaliveTimeout how long an idle keep-alive connection is kept open (aiohttp's
 *     {@code keepalive_timeout}, 75 s)
 * @param headerTimeout how long a client may take to send a request's head once it began it,
 *     and the longest a new connection may stay silent: the slow-client (slowloris) bound, as
 *     nginx's {@code client_header_timeout} (60 s). A client over it gets 408 and is closed.
 * @param shutdownTimeout how long {@link AppRunner#cleanup()} lets in-flight requests finish
 *     before it closes their connections (aiohttp's {@code shutdown_timeout}, 60 s)
 * @param lingeringTime how long the rest of a request body the handler left unread is read and
 *     dropped after the response (aiohttp's {@code lingering_time}, 10 s): the connection is kept
 *     if it ends in time, and a connection being closed first waits that long for the client to
 *     stop sending, so the response is not lost to a TCP reset
 * @param accessLog where access log lines go, at level INFO, or null for none (aiohttp's
 *     {@code access_log}); by default the logger {@code dev.asyncio4j.http.access}. Nothing is
 *     formatted unless the logger is enabled for INFO.
 * @param accessLogFormat the line format, in aiohttp's (Apache's) notation; see
 *     {@link #DEFAULT_ACCESS_LOG_FORMAT}
 * @param maxLineSize the longest request line (aiohttp's {@code max_line_size}, 8190): 414 over it
 * @param maxFieldSize the longest header field line (aiohttp's {@code max_field_size}, 8190): 431
 * @param maxHeaderSection the whole header section (32 KiB): 431 over it
 * @param maxHeaders the most header fields in one request (100): 431 over it
 * @param backlog the listen queue of each site (aiohttp's 128)
 * @param reusePort {@code SO_REUSEPORT} on the sites' sockets
 */
public record RunnerOptions(Duration keepaliveTimeout, Duration headerTimeout, Duration shutdownTimeout,
                            Duration lingeringTime, System.Logger accessLog, String accessLogFormat, int maxLineSize,
                            int maxFieldSize, int maxHeaderSection, int maxHeaders, int backlog, boolean reusePort) {

    /** aiohttp's default access log format: {@code %a %t "%r" %s %b "%{Referer}i" "%{User-Agent}i"}. */
    public static final String DEFAULT_ACCESS_LOG_FORMAT = "%a %t \"%r\" %s %b \"%{Referer}i\" \"%{User-Agent}i\"";

    /** The name of the default access logger. */
    public static final String ACCESS_LOGGER_NAME = "dev.asyncio4j.http.access";

    /** The defaults, as listed above. */
    public static final RunnerOptions DEFAULT = new RunnerOptions(Duration.ofSeconds(75), Duration.ofSeconds(60),
            Duration.ofSeconds(60), Duration.ofSeconds(10), System.getLogger(ACCESS_LOGGER_NAME),
            DEFAULT_ACCESS_LOG_FORMAT, 8190, 8190, 32 * 1024, 100, 128, false);

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException when a timeout is negative or a size not positive
     */
    public RunnerOptions {
        for (Duration d : new Duration[] {keepaliveTimeout, headerTimeout, shutdownTimeout, lingeringTime}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("timeouts must be zero or positive: " + d);
            }
        }
        if (maxLineSize <= 0 || maxFieldSize <= 0 || maxHeaderSection <= 0 || maxHeaders <= 0 || backlog <= 0) {
            throw new IllegalArgumentException("sizes and counts must be positive");
        }
        if (accessLogFormat == null) {
            accessLogFormat = DEFAULT_ACCESS_LOG_FORMAT;
        }
    }

    /**
     * A copy with {@link #keepaliveTimeout()} set.
     *
     * @param value the new {@code keepaliveTimeout}
     * @return a copy of these options with that {@code keepaliveTimeout}
     */
    public RunnerOptions withKeepaliveTimeout(Duration value) {
        return new RunnerOptions(value, headerTimeout, shutdownTimeout, lingeringTime, accessLog,
                accessLogFormat, maxLineSize, maxFieldSize, maxHeaderSection, maxHeaders, backlog, reusePort);
    }

    /**
     * A copy with {@link #headerTimeout()} set.
     *
     * @param value the new {@code headerTimeout}
     * @return a copy of these options with that {@code headerTimeout}
     */
    public RunnerOptions withHeaderTimeout(Duration value) {
        return new RunnerOptions(keepaliveTimeout, value, shutdownTimeout, lingeringTime, accessLog,
                accessLogFormat, maxLineSize, maxFieldSize, maxHeaderSection, maxHeaders, backlog, reusePort);
    }

    /**
     * A copy with {@link #shutdownTimeout()} set.
     *
     * @param value the new {@code shutdownTimeout}
     * @return a copy of these options with that {@code shutdownTimeout}
     */
    public RunnerOptions withShutdownTimeout(Duration value) {
        return new RunnerOptions(keepaliveTimeout, headerTimeout, value, lingeringTime, accessLog,
                accessLogFormat, maxLineSize, maxFieldSize, maxHeaderSection, maxHeaders, backlog, reusePort);
    }

    /**
     * A copy with {@link #lingeringTime()} set; zero closes at once.
     *
     * @param value the new {@code lingeringTime}
     * @return a copy of these options with that {@code lingeringTime}
     */
    public RunnerOptions withLingeringTime(Duration value) {
        return new RunnerOptions(keepaliveTimeout, headerTimeout, shutdownTimeout, value, accessLog,
                accessLogFormat, maxLineSize, maxFieldSize, maxHeaderSection, maxHeaders, backlog, reusePort);
    }

    /**
     * A copy with {@link #accessLog()} set; null turns the access log off.
     *
     * @param value the new {@code accessLog}
     * @return a copy of these options with that {@code accessLog}
     */
    public RunnerOptions withAccessLog(System.Logger value) {
        return new RunnerOptions(keepaliveTimeout, headerTimeout, shutdownTimeout, lingeringTime, value,
                accessLogFormat, maxLineSize, maxFieldSize, maxHeaderSection, maxHeaders, backlog, reusePort);
    }

    /**
     * A copy with {@link #accessLogFormat()} set.
     *
     * @param value the new {@code accessLogFormat}
     * @return a copy of these options with that {@code accessLogFormat}
     */
    public RunnerOptions withAccessLogFormat(String value) {
        return new RunnerOptions(keepaliveTimeout, headerTimeout, shutdownTimeout, lingeringTime, accessLog,
                value, maxLineSize, maxFieldSize, maxHeaderSection, maxHeaders, backlog, reusePort);
    }

    /**
     * A copy with the request head limits set.
     *
     * @param lineSize the longest line, in bytes
     * @param fieldSize the longest header field, in bytes
     * @param headerSection the largest header section, in bytes
     * @param headers the most header fields
     * @return a copy of these options with that {@code headLimits}
     */
    public RunnerOptions withHeadLimits(int lineSize, int fieldSize, int headerSection, int headers) {
        return new RunnerOptions(keepaliveTimeout, headerTimeout, shutdownTimeout, lingeringTime, accessLog,
                accessLogFormat, lineSize, fieldSize, headerSection, headers, backlog, reusePort);
    }

    /**
     * A copy with {@link #backlog()} set.
     *
     * @param value the new {@code backlog}
     * @return a copy of these options with that {@code backlog}
     */
    public RunnerOptions withBacklog(int value) {
        return new RunnerOptions(keepaliveTimeout, headerTimeout, shutdownTimeout, lingeringTime, accessLog,
                accessLogFormat, maxLineSize, maxFieldSize, maxHeaderSection, maxHeaders, value, reusePort);
    }

    /**
     * A copy with {@link #reusePort()} set.
     *
     * @param value the new {@code reusePort}
     * @return a copy of these options with that {@code reusePort}
     */
    public RunnerOptions withReusePort(boolean value) {
        return new RunnerOptions(keepaliveTimeout, headerTimeout, shutdownTimeout, lingeringTime, accessLog,
                accessLogFormat, maxLineSize, maxFieldSize, maxHeaderSection, maxHeaders, backlog, value);
    }
}
