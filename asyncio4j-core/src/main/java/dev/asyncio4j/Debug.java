package dev.asyncio4j;

import java.net.URL;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Creation stacks and descriptions for debug-mode reports. Thread-safe; package-private. */
final class Debug {

    private Debug() {}

    /**
     * Debug mode's default for new loops, and whether coroutines made outside a running loop record
     * where they were made: {@code -Dasyncio4j.debug=true} or a non-empty {@code ASYNCIO4J_DEBUG}
     * environment variable (asyncio's {@code PYTHONASYNCIODEBUG}).
     */
    static final boolean DEFAULT = Boolean.getBoolean("asyncio4j.debug")
            || !System.getenv().getOrDefault("ASYNCIO4J_DEBUG", "").isEmpty();

    /** The caller's stack, newest first, without the frames of asyncio4j's core at its top. */
    static StackTraceElement[] callerStack() {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        int first = 0;
        while (first < stack.length && isCoreFrame(stack[first].getClassName())) {
            first++;
        }
        return Arrays.copyOfRange(stack, first, stack.length);
    }

    // Class name -> whether the class comes from the core's own code (jar or classes directory).
    private static final Map<String, Boolean> CORE_CLASSES = new ConcurrentHashMap<>();

    /**
     * Whether a frame of {@code className} is the core's own code rather than its user's: decided
     * by where the class was loaded from, not by its package, so code in other packages under
     * {@code dev.asyncio4j} (the examples, the HTTP module, tests) counts as the user's.
     */
    static boolean isCoreFrame(String className) {
        return className.startsWith("dev.asyncio4j.")
                && CORE_CLASSES.computeIfAbsent(className, Debug::loadedFromTheCore);
    }

    private static boolean loadedFromTheCore(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, Debug.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // loaded by another class loader: not the core's
        }
        if (type.getModule().isNamed() || Debug.class.getModule().isNamed()) {
            return type.getModule() == Debug.class.getModule();
        }
        return Objects.equals(location(type), location(Debug.class));
    }

    private static URL location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    /** A stack as asyncio formats one: oldest call first, one frame per line. */
    static String formatStack(StackTraceElement[] stack) {
        StringBuilder sb = new StringBuilder();
        for (int i = stack.length - 1; i >= 0; i--) {
            sb.append("\n  at ").append(stack[i]);
        }
        return sb.toString();
    }

    /** A callback's description: the lambda's enclosing class, or the object's own string. */
    static String describeCallback(Object callback) {
        String name = callback.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        if (lambda > 0) {
            return "lambda in " + name.substring(0, lambda);
        }
        return callback.toString();
    }
}
