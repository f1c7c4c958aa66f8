package dev.asyncio4j;

import java.lang.ref.Cleaner;

/**
 * Reports objects collected in a state that means a bug: a failed future nobody asked about, a
 * coroutine that never ran; and finalizes async generators whose user dropped them while open. asyncio does this in {@code __del__}; here a {@link Cleaner} watches
 * the object, and the watch is disarmed (and deregistered) as soon as the state is resolved.
 *
 * <p>Thread-safe. Reports run on the cleaner's thread and go to the loop's exception handler
 * through the loop while it runs (straight to it otherwise), or to the logger for coroutines.
 */
final class LeakReporter {

    private static final System.Logger LOG = System.getLogger("dev.asyncio4j");
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "asyncio4j-leak-reporter");
        thread.setDaemon(true);
        return thread;
    });

    private LeakReporter() {}

    /** A watch on one object; disarm it once the object is no longer a leak. */
    static final class Cleanable implements Runnable {
        private final Runnable report;
        private volatile boolean armed = true;
        private Cleaner.Cleanable registration;

        private Cleanable(Runnable report) {
            this.report = report;
        }

        void disarm() {
            armed = false;
            registration.clean();
        }

        @Override
        public void run() {
            if (armed) {
                armed = false;
                report.run();
            }
        }
    }

    /** Runs {@code report} on the cleaner's thread once {@code watched} is collected, unless disarmed first. */
    static Cleanable watch(Object watched, Runnable report) {
        Cleanable cleanable = new Cleanable(report);
        cleanable.registration = CLEANER.register(watched, cleanable);
        return cleanable;
    }

    /** Watches a future just completed with {@code error}. */
    static Cleanable watchUnretrieved(Future<?> future, EventLoop loop, Throwable error,
            StackTraceElement[] sourceTraceback) {
        String kind = future instanceof Task<?> ? "Task" : "Future";
        String description = future.toString();
        return watch(future, () -> {
            ExceptionContext context = ExceptionContext.of(kind + " exception was never retrieved", error)
                    .with(kind.equals("Task") ? "task" : "future", description);
            if (sourceTraceback != null) {
                context = context.with("source_traceback", sourceTraceback);
            }
            // On the loop thread while the loop runs; otherwise at once, as asyncio's __del__
            // does (a report queued on an idle loop could wait forever, or be dropped by close()).
            ExceptionContext report = context;
            if (!loop.isRunning() || !loop.callSoonThreadsafeIfOpen(() -> loop.callExceptionHandler(report))) {
                loop.callExceptionHandler(report);
            }
        });
    }

    /**
     * Watches a coroutine; {@code name} may be null (then named after {@code bodyClass} when
     * reported); {@code creation} is non-null in debug mode.
     */
    static Cleanable watchNeverAwaited(Object coroutine, String name, Class<?> bodyClass,
            StackTraceElement[] creation) {
        return watch(coroutine, () -> {
            String shownName = name != null ? name : Coroutine.defaultName(bodyClass);
            String message = "coroutine '" + shownName + "' was never awaited";
            if (creation != null) {
                message += "\nCoroutine created at (most recent call last)" + Debug.formatStack(creation);
            }
            LOG.log(System.Logger.Level.WARNING, message);
        });
    }
}
