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

    // Per signal: the JVM's handler before our first installation, and our installation in place.
    private static final Map<String, sun.misc.SignalHandler> ORIGINAL = new HashMap<>();
    private static final Map<String, sun.misc.SignalHandler> CURRENT = new HashMap<>();

    // The signals HotSpot refuses to handle when they were ignored at start-up.
    private static final java.util.Set<String> SHUTDOWN_SIGNALS = java.util.Set.of("INT", "TERM", "HUP");

    private SignalHandlers() {}

    /**
     * Makes {@code handler} the JVM's handler for the signal named {@code jvmName}, replacing
     * whatever asyncio4j installed before.
     *
     * @return the installation, to pass to {@link #restore}; null if the JVM refused quietly: it
     *     does not handle SIGINT, SIGTERM or SIGHUP when the process started with them ignored (a
     *     background job of a non-interactive shell), and says so only by answering "ignored"
     * @throws IllegalArgumentException if the JVM or the OS reserves the signal
     */
    public static synchronized Object install(String jvmName, Runnable handler) {
        sun.misc.Signal signal = new sun.misc.Signal(jvmName);
        sun.misc.SignalHandler installed = received -> handler.run();
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, installed);
        if (previous == sun.misc.SignalHandler.SIG_IGN && SHUTDOWN_SIGNALS.contains(jvmName)
                && !CURRENT.containsKey(jvmName)) {
            return null;
        }
        ORIGINAL.putIfAbsent(jvmName, previous);
        CURRENT.put(jvmName, installed);
        return installed;
    }

    /** Whether an installation of asyncio4j handles the signal now (a loop's or a runner's). */
    public static synchronized boolean isInstalled(String jvmName) {
        return CURRENT.containsKey(jvmName);
    }

    /**
     * Puts back the handler the JVM had before asyncio4j's first {@link #install} of this signal,
     * if {@code installation} is still the one in place; otherwise a later installation replaced
     * it and will restore the JVM's handler itself (as asyncio.Runner restores SIGINT only if its
     * own handler is still set).
     */
    public static synchronized void restore(String jvmName, Object installation) {
        if (installation == null || CURRENT.get(jvmName) != installation) {
            return;
        }
        CURRENT.remove(jvmName);
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
