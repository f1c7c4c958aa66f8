package dev.asyncio4j;

/**
 * Receives errors that no caller can receive: asyncio's loop exception handler.
 *
 * <p>Called on the loop thread (or, for "never retrieved" reports, on the thread that found the
 * leaked object) through {@link EventLoop#callExceptionHandler}. Set with
 * {@link EventLoop#setExceptionHandler}. An implementation used by one loop is called by one
 * thread at a time, so it needs no locks unless it shares state with other loops.
 */
@FunctionalInterface
public interface ExceptionHandler {

    /**
     * Handles one report; {@code context} always has a message.
     *
     * @param loop the event loop
     * @param context the error's context
     */
    void handle(EventLoop loop, ExceptionContext context);
}
