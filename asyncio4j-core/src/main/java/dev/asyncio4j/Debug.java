package dev.asyncio4j;

import java.util.Arrays;

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

    /** The caller's stack, newest first, without asyncio4j's own frames. */
    static StackTraceElement[] callerStack() {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        int first = 0;
        while (first < stack.length && stack[first].getClassName().startsWith("dev.asyncio4j.")
                && !stack[first].getClassName().contains("Test")) {
            first++;
        }
        return Arrays.copyOfRange(stack, first, stack.length);
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
