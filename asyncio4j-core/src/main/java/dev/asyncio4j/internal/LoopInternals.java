package dev.asyncio4j.internal;

import dev.asyncio4j.EventLoop;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * The event loop's low-level operations that sibling modules (transports, the test loop, HTTP)
 * need and users do not: the JDK's "shared secrets" pattern, so {@link EventLoop} keeps a small
 * public surface. Exported only to asyncio4j's own modules.
 */
public final class LoopInternals {

    /** Implemented by {@link EventLoop}. */
    public interface Access {
        /** A new loop that reads time from {@code clock} and waits as it says. */
        EventLoop newLoop(LoopClock clock);

        /**
         * Registers {@code channel} with the loop's selector; {@code ready} runs on the loop when
         * the selector reports it ready. Loop-confined.
         */
        SelectionKey register(EventLoop loop, SelectableChannel channel, int interestOps, IoReady ready)
                throws IOException;

        /** Loop time in nanoseconds. */
        long nanoTime(EventLoop loop);

        /** Queues {@code step} as a ready item, from the loop; thread-safe from elsewhere. */
        void enqueue(EventLoop loop, Runnable step);

        /**
         * Runs {@code action} once the ready items of the current iteration have run, before the
         * loop next waits for I/O (the next iteration's if called outside one): how a transport
         * sends together what its protocol wrote during the iteration, with no extra iteration.
         * An exception it throws goes to the exception handler. Loop-confined.
         */
        void atIterationEnd(EventLoop loop, Runnable action);

        /**
         * Remembers an open async generator, weakly (asyncio keeps a WeakSet), so shutdownAsyncgens
         * can close it if it is still reachable then.
         */
        void trackAsyncGenerator(EventLoop loop, dev.asyncio4j.AsyncCloseable generator);

        /** Whether shutdownAsyncgens has run on {@code loop}. */
        boolean asyncGeneratorsShutDown(EventLoop loop);
    }

    private static volatile Access access;

    private LoopInternals() {}

    /** Called once, by EventLoop's static initializer. */
    public static void set(Access implementation) {
        access = implementation;
    }

    /** The loop's low-level operations. */
    public static Access get() {
        Access current = access;
        if (current == null) {
            try {
                Class.forName(EventLoop.class.getName(), true, EventLoop.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            current = access;
        }
        return current;
    }
}
