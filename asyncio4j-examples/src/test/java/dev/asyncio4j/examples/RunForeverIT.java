package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.examples.ChildCommand.Launch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The run-forever example in a real child JVM, stopped by a real SIGINT: the handler stops the
 * loop and closes the client, and the program exits cleanly with status 0, as the tutorial's
 * {@code sys.exit(0)} does.
 */
@Timeout(60)
class RunForeverIT {

    private static final String HEADER = "Fetching the top posts; press Ctrl-C to stop.";
    private static final String FOOTER = "Stopped; the client is closed.";

    @ParameterizedTest
    @EnumSource(Launch.class)
    void ctrlCStopsTheLoopClosesTheClientAndExitsCleanly(Launch launch) throws Exception {
        try (ChildCommand child = ChildCommand.start(launch, RunForever.class)) {
            child.awaitLine("DONE: programming");   // every listing has arrived; the loop runs on
            child.interrupt();

            assertEquals(0, child.exitStatus());
            List<String> expected = new ArrayList<>();
            expected.add(HEADER);
            expected.addAll(TutorialOutput.LINES);
            expected.add(FOOTER);
            assertEquals(expected, child.stdout());
            assertOnlyTheStartUpLine(launch, child.stderr());
        }
    }

    @ParameterizedTest
    @EnumSource(Launch.class)
    void ctrlCBeforeTheListingsArriveCancelsThemWithoutAWarning(Launch launch) throws Exception {
        try (ChildCommand child = ChildCommand.start(launch, RunForever.class)) {
            child.awaitLine(HEADER);   // the handler is in place; the requests are not answered yet
            child.interrupt();

            assertEquals(0, child.exitStatus());
            List<String> stdout = child.stdout();
            assertEquals(HEADER, stdout.getFirst());
            assertEquals(FOOTER, stdout.getLast());
            List<String> printed = stdout.subList(1, stdout.size() - 1);
            assertEquals(TutorialOutput.LINES.subList(0, printed.size()), printed,
                    "whole listings, in the order they arrive, up to the Ctrl-C");
            assertOnlyTheStartUpLine(launch, child.stderr());
        }
    }

    /** The scheduling mode's start-up line, and nothing else: no warning, no stack trace. */
    static void assertOnlyTheStartUpLine(Launch launch, List<String> stderr) {
        String mode = launch == Launch.CLASS_PATH_PORTABLE ? "portable" : "fast";
        assertEquals(1, stderr.size(), () -> "only the start-up line, no warning or stack trace: " + stderr);
        assertTrue(stderr.getFirst().startsWith("INFO: asyncio4j: " + mode + " mode"), stderr.getFirst());
    }
}
