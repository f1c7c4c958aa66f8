package dev.asyncio4j.stream;

/**
 * {@link StreamReader#readuntil} found no separator within the reader's limit: asyncio's
 * {@code LimitOverrunError}. The data stays in the reader's buffer, so it can still be read.
 * Immutable.
 */
public final class LimitOverrunException extends Exception {

    /** How many bytes to consume to skip past the overrun. */
    private final int consumed;

    /**
     * A separator not found within the limit: asyncio's {@code LimitOverrunError(message, consumed)}.
     *
     * @param message what went wrong
     * @param consumed how many bytes to consume to skip past the overrun
     */
    public LimitOverrunException(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /**
     * How many bytes to consume to skip past the overrun: asyncio's {@code consumed}.
     *
     * @return how many bytes to consume to skip past the overrun
     */
    public int consumed() {
        return consumed;
    }
}
