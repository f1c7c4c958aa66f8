package dev.asyncio4j;

/**
 * The user pressed Ctrl-C twice: Python's {@code KeyboardInterrupt}.
 *
 * <p>{@link Runner} (and so {@link Asyncio#run}) cancels the main task on the first SIGINT; on the
 * second it stops the loop and throws this from {@code run}. It is also thrown when the main
 * task ends cancelled because of the first SIGINT and did not absorb the cancellation. A command
 * line program typically exits with status 130 on it. Immutable once thrown.
 */
public class KeyboardInterruptException extends RuntimeException {

    /** A keyboard interrupt. */
    public KeyboardInterruptException() {
        super("interrupted by SIGINT (Ctrl-C)");
    }
}
