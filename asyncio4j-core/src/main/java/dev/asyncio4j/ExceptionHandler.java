package dev.asyncio4j;

/**
 * Receives errors that no caller can receive: asyncio's loop exception handler.
 *
 * <p>Called on the loop thread (or, for "never retrieved" reports, on the thread that found the
 * leaked object) through {@link EventLoop#callExceptionHandler}. Set with
 * {@link EventLoop#setExceptionHandler}.
 */
@FunctionalInterface
public interface ExceptionHandler {

    /** Handles one report; {@code context} always has a message. */
    void handle(EventLoop loop, ExceptionContext context);
}
