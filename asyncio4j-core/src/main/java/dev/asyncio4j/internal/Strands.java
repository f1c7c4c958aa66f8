package dev.asyncio4j.internal;

import dev.asyncio4j.SchedulingMode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Executor;

/**
 * Chooses the {@link SchedulingMode} once per JVM and makes strands for an event loop.
 *
 * <p>Fast mode needs the JDK's package-private {@code ThreadBuilders.VirtualThreadBuilder(Executor)}
 * constructor, which builds virtual threads with a custom scheduler; reaching it takes
 * {@code --add-opens java.base/java.lang=<this module>}. Without that access, portable mode.
 * Thread-safe.
 */
public final class Strands {

    private static final System.Logger LOG = System.getLogger("dev.asyncio4j");
    private static final String FAST_MODE_OPTION = "--add-opens java.base/java.lang="
            + (Strands.class.getModule().isNamed() ? Strands.class.getModule().getName() : "ALL-UNNAMED");

    private static final Constructor<?> BUILDER_CONSTRUCTOR;
    private static final String PORTABLE_REASON;
    private static volatile boolean announced;

    static {
        Constructor<?> constructor = null;
        String reason = null;
        if ("portable".equalsIgnoreCase(System.getProperty("asyncio4j.mode", ""))) {
            reason = "-Dasyncio4j.mode=portable";
        } else {
            try {
                Class<?> builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
                constructor = builder.getDeclaredConstructor(Executor.class);
                constructor.setAccessible(true);
            } catch (ReflectiveOperationException | RuntimeException e) {
                constructor = null;
                reason = "the JVM was started without " + FAST_MODE_OPTION;
            }
        }
        BUILDER_CONSTRUCTOR = constructor;
        PORTABLE_REASON = reason;
    }

    private Strands() {}

    /** The mode this JVM runs tasks in. */
    public static SchedulingMode mode() {
        return BUILDER_CONSTRUCTOR != null ? SchedulingMode.FAST : SchedulingMode.PORTABLE;
    }

    /** Logs, once per JVM, which mode is active and, in portable mode, how to get the fast one. */
    public static void announceOnce() {
        if (announced) {
            return;
        }
        synchronized (Strands.class) {
            if (announced) {
                return;
            }
            announced = true;
        }
        if (mode() == SchedulingMode.FAST) {
            LOG.log(System.Logger.Level.INFO,
                    "asyncio4j: fast mode (tasks are virtual threads scheduled by their event loop)");
        } else {
            LOG.log(System.Logger.Level.INFO, "asyncio4j: portable mode, because " + PORTABLE_REASON
                    + "; task switches are slower. Start the JVM with " + FAST_MODE_OPTION
                    + " for fast mode.");
        }
    }

    /** Makes strands for one event loop. */
    public interface Factory {
        /** The mode of the strands this factory makes. */
        SchedulingMode mode();

        /** A new, unstarted strand that will run {@code body}. */
        Strand newStrand(StrandBody body);
    }

    /**
     * A strand factory for one loop.
     *
     * @param loop where strands queue their steps
     * @param scheduler the loop's executor for virtual-thread continuations (fast mode)
     * @param preferPortable true when the loop itself runs on a virtual thread, which cannot
     *     carry other virtual threads
     */
    public static Factory forLoop(LoopScheduler loop, Executor scheduler, boolean preferPortable) {
        if (BUILDER_CONSTRUCTOR == null || preferPortable) {
            return new Factory() {
                public SchedulingMode mode() {
                    return SchedulingMode.PORTABLE;
                }

                public Strand newStrand(StrandBody body) {
                    return new HandoffStrand(loop, body);
                }
            };
        }
        Thread.Builder.OfVirtual builder;
        try {
            builder = (Thread.Builder.OfVirtual) BUILDER_CONSTRUCTOR.newInstance(scheduler);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build virtual threads for the event loop", e);
        }
        return new Factory() {
            public SchedulingMode mode() {
                return SchedulingMode.FAST;
            }

            public Strand newStrand(StrandBody body) {
                return new VirtualThreadStrand(builder, loop, body);
            }
        };
    }
}
