package dev.asyncio4j.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Installs JVM-wide signal handlers (through {@code sun.misc.Signal}, the JDK's supported way) and
 * restores the JVM's own handler when the last one is removed. Thread-safe.
 *
 * <p>The JVM runs a signal handler on a new thread each time the signal arrives; callers pass a
 * handler that only hands the work to an event loop.
 */
public final class SignalHandlers {

    private static final Map<String, sun.misc.SignalHandler> ORIGINAL = new HashMap<>();

    private SignalHandlers() {}

    /**
     * Makes {@code handler} the JVM's handler for the signal named {@code jvmName}.
     *
     * @throws IllegalArgumentException if the JVM or the OS reserves the signal
     */
    public static synchronized void install(String jvmName, Runnable handler) {
        sun.misc.Signal signal = new sun.misc.Signal(jvmName);
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, received -> handler.run());
        ORIGINAL.putIfAbsent(jvmName, previous);
    }

    /** Puts back the handler the JVM had before the first {@link #install} of this signal. */
    public static synchronized void restore(String jvmName) {
        sun.misc.SignalHandler original = ORIGINAL.remove(jvmName);
        if (original != null) {
            sun.misc.Signal.handle(new sun.misc.Signal(jvmName), original);
        }
    }

    /** Runs the JVM's own handler for the signal (for SIGINT: exit with status 130). */
    public static synchronized void runOriginal(String jvmName) {
        sun.misc.SignalHandler original = ORIGINAL.get(jvmName);
        sun.misc.Signal signal = new sun.misc.Signal(jvmName);
        if (original != null && original != sun.misc.SignalHandler.SIG_DFL
                && original != sun.misc.SignalHandler.SIG_IGN) {
            original.handle(signal);
        } else {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
    }
}
