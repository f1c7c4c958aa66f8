package dev.asyncio4j;

import java.util.function.Consumer;

/**
 * A callback scheduled on an event loop: asyncio's {@code Handle}, returned by
 * {@link EventLoop#callSoon} and {@link EventLoop#callSoonThreadsafe}.
 *
 * <p>Loop-confined: {@link #cancel()} must be called on the loop thread (or in a task of the loop).
 * A cancelled handle is skipped when the loop reaches it.
 */
public sealed class Handle permits TimerHandle {

    final EventLoop loop;
    // Invariant: callback is a Runnable, or a Consumer to be given argument; null once cancelled.
    private Object callback;
    private Object argument;
    private boolean cancelled;
    private final StackTraceElement[] sourceTraceback;
    // Debug mode: what toString() said when the handle was cancelled, callback included.
    private String description;

    Handle(EventLoop loop, Object callback, Object argument) {
        this.loop = loop;
        this.callback = callback;
        this.argument = argument;
        this.sourceTraceback = loop.getDebug() ? Debug.callerStack() : null;
    }

    /** Cancels the callback; it will not run. Cancelling twice does nothing. */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            if (loop.getDebug()) {
                description = toString();
            }
            callback = null;
            argument = null;
        }
    }

    /**
     * Whether {@link #cancel()} was called.
     *
     * @return whether {@link #cancel()} was called
     */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Where the handle was created, in debug mode; otherwise null. */
    StackTraceElement[] sourceTraceback() {
        return sourceTraceback;
    }

    /** Runs the callback; an exception goes to the loop's exception handler. Loop thread only. */
    @SuppressWarnings("unchecked")
    final void run() {
        Object cb = callback;
        if (cb == null) {
            return; // cancelled
        }
        try {
            if (cb instanceof Runnable runnable) {
                runnable.run();
            } else {
                ((Consumer<Object>) cb).accept(argument);
            }
        } catch (KeyboardInterruptException | VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            ExceptionContext context = ExceptionContext.of("Exception in callback " + describe(cb), e)
                    .with("handle", this);
            if (sourceTraceback != null) {
                context = context.with("source_traceback", sourceTraceback);
            }
            loop.callExceptionHandler(context);
        }
    }

    static String describe(Object callback) {
        return callback == null ? "null" : Debug.describeCallback(callback);
    }

    @Override
    public String toString() {
        if (description != null) {
            return description;
        }
        // asyncio's _repr_info: "cancelled", then the callback while it is known (a handle
        // cancelled in debug mode keeps its description, made before the callback is dropped).
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('[');
        if (cancelled) {
            sb.append("cancelled");
        }
        if (callback != null) {
            sb.append(cancelled ? ", " : "").append(describe(callback));
        }
        appendInfo(sb);
        if (sourceTraceback != null && sourceTraceback.length > 0) {
            sb.append(", created at ").append(sourceTraceback[0].getFileName()).append(':')
                    .append(sourceTraceback[0].getLineNumber());
        }
        return sb.append(']').toString();
    }

    void appendInfo(StringBuilder sb) {}
}
