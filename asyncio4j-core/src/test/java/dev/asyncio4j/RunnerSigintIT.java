package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ctrl-C under asyncio.run, with a real SIGINT sent to a real child JVM in each scheduling mode:
 * CPython's test_runners.py test_interrupt_wait, test_interrupt_call_soon, and the second and
 * third SIGINT of Runner._on_sigint. The child says when it is ready; the test never sleeps.
 */
@Timeout(120)
class RunnerSigintIT {

    private static ChildJvm start(SchedulingMode mode, String scenario) throws Exception {
        ChildJvm child = ChildJvm.start(mode, List.of(), Map.of(), scenario);
        assertEquals("MODE " + mode, child.awaitLine("MODE"));
        return child;
    }

    @ParameterizedTest
    @EnumSource(SchedulingMode.class)
    void theFirstSigintCancelsTheMainTaskAndTheFutureItWaitsOn(SchedulingMode mode) throws Exception {
        try (ChildJvm child = start(mode, "sigint-while-waiting")) {
            child.awaitLine("READY");
            child.signal("INT");
            assertEquals("CANCELLED future.isCancelled=true", child.awaitLine("CANCELLED"));
            child.awaitLine("KEYBOARD INTERRUPT");
            child.awaitLine("END");
            assertEquals(0, child.exitStatus());
        }
    }

    @ParameterizedTest
    @EnumSource(SchedulingMode.class)
    void theFirstSigintReachesAMainTaskThatOnlyYields(SchedulingMode mode) throws Exception {
        try (ChildJvm child = start(mode, "sigint-while-busy")) {
            child.awaitLine("READY");
            child.signal("INT");
            child.awaitLine("CANCELLED");
            child.awaitLine("KEYBOARD INTERRUPT");
            assertEquals(0, child.exitStatus());
        }
    }

    @ParameterizedTest
    @EnumSource(SchedulingMode.class)
    void theSecondSigintStopsTheLoopAndTheMainTaskIsCancelledAtShutdown(SchedulingMode mode) throws Exception {
        try (ChildJvm child = start(mode, "sigint-twice")) {
            child.awaitLine("READY");
            child.signal("INT");
            child.awaitLine("CANCELLED ONCE");
            child.signal("INT");
            child.awaitLine("CANCELLED AT SHUTDOWN");
            child.awaitLine("KEYBOARD INTERRUPT");
            assertEquals(0, child.exitStatus());
            assertFalse(child.output().contains("RETURNED"));
        }
    }

    @ParameterizedTest
    @EnumSource(SchedulingMode.class)
    void whenTheLoopIsStuckTheThirdSigintExitsAsAnUnhandledSigintWould(SchedulingMode mode) throws Exception {
        try (ChildJvm child = start(mode, "sigint-stuck")) {
            child.awaitLine("STUCK");
            // The loop takes none of them, so nothing in the child can say it saw one; signals
            // of one kind may also merge while pending. Send them until the child exits.
            int status = -1;
            for (int sent = 0; sent < 100 && status == -1; sent++) {
                child.signal("INT");
                status = child.exitStatus(200, TimeUnit.MILLISECONDS);
            }
            assertEquals(130, status);
            assertFalse(child.output().contains("RETURNED"));
        }
    }

    @ParameterizedTest
    @EnumSource(SchedulingMode.class)
    void aLoopsOwnSigintHandlerOutlivesTheRunThatAddedIt(SchedulingMode mode) throws Exception {
        try (ChildJvm child = start(mode, "sigint-loop-handler")) {
            child.awaitLine("READY");
            child.signal("INT");
            child.awaitLine("LOOP HANDLER");
            child.awaitLine("HANDLED BY THE LOOP");
            child.awaitLine("END");
            assertEquals(0, child.exitStatus());
        }
    }

    @ParameterizedTest
    @EnumSource(SchedulingMode.class)
    void addingAHandlerForASigintTheProcessIgnoresWarnsInsteadOfFailingSilently(SchedulingMode mode)
            throws Exception {
        // A background job of a non-interactive shell starts with SIGINT ignored, and HotSpot then
        // refuses to handle it (answering "ignored" instead of installing the handler).
        try (ChildJvm child = ChildJvm.start(List.of("env", "--ignore-signal=INT"), mode, List.of(), Map.of(),
                "sigint-ignored")) {
            child.awaitLine("WARNING: SIGINT is ignored by this process");
            child.awaitLine("RETURNED");
            assertEquals(0, child.exitStatus());
        }
    }
}
