package dev.asyncio4j;

/**
 * What {@link Timeout} and {@link TaskGroup} share: finding the exception a body is leaving with,
 * which Java's try-with-resources does not pass to {@code close()}.
 *
 * <p>Both scopes have an exact block form ({@code run(body)}, which catches the body's exception
 * and hands it to the scope's exit) and a try-with-resources form whose {@code close()} infers it:
 * a scope whose task has had a {@link CancelledException} thrown into it since the scope began
 * (see {@link Task#lastCancellation}) while a cancel request it did not take back is pending takes
 * the body to be leaving with that exception. When asyncio would raise something else in its place,
 * the scope sets {@link CancelledException#replacement}, and {@link Coroutine} raises the
 * replacement when the exception leaves the coroutine. Loop-confined.
 */
final class Scopes {

    private Scopes() {}

    /** The exception a body leaves with, as a scope's exit must see it: replacements applied. */
    static Throwable leaving(Throwable error) {
        return error instanceof CancelledException cancelled ? cancelled.replacementOrSelf() : error;
    }

    /**
     * The CancelledException {@code task}'s body is taken to be leaving with, for a scope entered
     * when the task's last cancellation was {@code lastAtEntry} and its cancel count
     * {@code cancellingAtEntry}; null when the body is taken to have finished normally.
     */
    static CancelledException inferredCancellation(Task<?> task, CancelledException lastAtEntry, int cancellingAtEntry) {
        CancelledException last = task.lastCancellation;
        return last != lastAtEntry && task.cancelling() > cancellingAtEntry ? last : null;
    }

    /** The task running the caller. */
    static Task<?> requireTask(String message) {
        Task<?> task = Task.current();
        if (task == null) {
            throw new IllegalStateException(message);
        }
        return task;
    }

    /** A scope's exit: asyncio's {@code __aexit__}. */
    interface Exit {
        /** The body left with {@code bodyError} (null: normally); returns what to raise, or null for nothing. */
        Throwable exit(Throwable bodyError);
    }

    /** Runs {@code body} in an entered scope and leaves it through {@code exit}: the exact block form. */
    static <T> T run(AsyncCallable<T> body, Exit exit) throws Exception {
        T result;
        try {
            result = body.call();
        } catch (Throwable e) {
            Throwable raise = exit.exit(leaving(e));
            if (raise != null) {
                throw Asyncio.sneaky(raise);
            }
            return null;
        }
        Throwable raise = exit.exit(null);
        if (raise != null) {
            throw Asyncio.sneaky(raise);
        }
        return result;
    }

    /** {@code body} as a callable returning null. */
    static AsyncCallable<Void> callable(AsyncRunnable body) {
        return () -> {
            body.run();
            return null;
        };
    }
}
