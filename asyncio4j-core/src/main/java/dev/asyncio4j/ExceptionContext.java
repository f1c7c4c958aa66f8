package dev.asyncio4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link ExceptionHandler} is told: asyncio's exception handler {@code context} dict.
 *
 * <p>Always has a {@code "message"}; may have an {@code "exception"} and the objects involved, under
 * asyncio's keys: {@code "future"}, {@code "task"}, {@code "handle"}, {@code "protocol"},
 * {@code "transport"}, {@code "socket"}, {@code "asyncgen"}, {@code "source_traceback"}. Immutable;
 * {@link #with} returns a copy.
 */
public final class ExceptionContext {

    private final Map<String, Object> values;

    private ExceptionContext(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * A context with a message and, if not null, an exception.
     *
     * @param message the message
     * @param exception the exception
     * @return a context with a message and, if not null, an exception
     */
    public static ExceptionContext of(String message, Throwable exception) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("message", Objects.requireNonNull(message, "message"));
        if (exception != null) {
            values.put("exception", exception);
        }
        return new ExceptionContext(Collections.unmodifiableMap(values));
    }

    /**
     * A copy with {@code key} set to {@code value}; a null value leaves the key out.
     *
     * @param key the key
     * @param value the value (null: leave the key out)
     * @return a copy with {@code key} set to {@code value}; a null value leaves the key out
     */
    public ExceptionContext with(String key, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new ExceptionContext(Collections.unmodifiableMap(copy));
    }

    /**
     * The human-readable description of what went wrong: the context's {@code 'message'} in
     * asyncio.
     *
     * @return the human-readable description of what went wrong
     */
    public String message() {
        return (String) values.get("message");
    }

    /**
     * The exception, or null if the report has none: the context's {@code 'exception'} in asyncio.
     *
     * @return the exception, or null if the report has none
     */
    public Throwable exception() {
        return (Throwable) values.get("exception");
    }

    /**
     * The value under asyncio's key {@code key}, or null.
     *
     * @param key the key
     * @return the value under asyncio's key {@code key}, or null
     */
    public Object get(String key) {
        return values.get(key);
    }

    /**
     * Every key and value, in the order they were added; unmodifiable.
     *
     * @return every key and value, in the order they were added; unmodifiable
     */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return "ExceptionContext" + values;
    }
}
