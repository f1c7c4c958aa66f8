package dev.asyncio4j.net;

/**
 * A transport's write-buffer water marks, in bytes: asyncio's {@code (low, high)} pair from
 * {@code get_write_buffer_limits()}. Immutable.
 *
 * @param low the size at or below which a paused protocol is resumed
 * @param high the size above which the protocol is paused
 */
public record WriteBufferLimits(int low, int high) {

    /**
     * Checks the marks.
     *
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     */
    public WriteBufferLimits {
        if (!(high >= low && low >= 0)) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
    }
}
