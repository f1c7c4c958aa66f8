package dev.asyncio4j.sync;

/**
 * A {@link Semaphore} that may not be released above its initial value: asyncio's
 * {@code BoundedSemaphore}. Releasing it more often than it was acquired is a bug in the caller,
 * and is reported at once instead of silently raising the number of permits.
 *
 * <p>Loop-confined, like {@link Semaphore}.
 */
public final class BoundedSemaphore extends Semaphore {

    private final int bound;

    /** A bounded semaphore with one permit: asyncio's {@code BoundedSemaphore()}. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * A bounded semaphore with {@code value} permits, which is also its bound: asyncio's
     * {@code BoundedSemaphore(value)}.
     *
     * @param value the number of permits at the start, and the most there can be
     * @throws IllegalArgumentException if {@code value} is negative ("Semaphore initial value must
     *     be >= 0")
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Gives a permit back, as {@link Semaphore#release()} does: asyncio's {@code release()}.
     *
     * @throws IllegalStateException if that would raise the value above the initial value
     *     ("BoundedSemaphore released too many times"). asyncio raises ValueError here; the
     *     project maps ValueError to IllegalArgumentException when an argument is wrong, but
     *     {@code release()} takes none: what is wrong is the call in the semaphore's current state,
     *     which is what IllegalStateException means in Java (as {@code Lock.release()} on an
     *     unlocked lock).
     */
    @Override
    public void release() {
        if (value >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
