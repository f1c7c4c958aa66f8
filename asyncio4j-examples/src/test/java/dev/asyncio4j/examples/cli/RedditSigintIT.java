package dev.asyncio4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.examples.ChildCommand;
import dev.asyncio4j.examples.ChildCommand.Launch;
import dev.asyncio4j.examples.TutorialOutput;
import dev.asyncio4j.examples.reddit.ScriptedReddit;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ctrl-C: a real SIGINT sent to {@code asyncio4j reddit} and {@code asyncio4j demo} in a real child
 * JVM while a listing is still awaited. The loop stops, the client is closed, what had arrived
 * stays printed, and the command exits with status 130 without a stack trace or a warning.
 */
@Timeout(120)
class RedditSigintIT {

    @AutoClose
    private static final ScriptedReddit reddit = ScriptedReddit.start();

    @ParameterizedTest
    @EnumSource(Launch.class)
    void ctrlCWhileAListingIsAwaitedExitsWith130AndNothingElse(Launch launch) throws Exception {
        try (ChildCommand child = ChildCommand.start(launch, Main.class, "reddit", "--base-url", reddit.url(),
                "slow", "python")) {
            child.awaitLine("DONE: python");   // the handler is in place; r/slow never answers
            child.interrupt();

            assertEquals(130, child.exitStatus());
            assertEquals(TutorialOutput.PYTHON, child.stdout());
            List<String> stderr = child.stderr();
            assertEquals(2, stderr.size(), () -> "no warning, no stack trace: " + stderr);
            assertTrue(stderr.get(0).startsWith("INFO: asyncio4j: " + (launch == Launch.CLASS_PATH_PORTABLE
                    ? "portable" : "fast") + " mode"), stderr.get(0));
            assertEquals("Interrupted (Ctrl-C); not printed: slow", stderr.get(1));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Launch.class, names = "MODULE_PATH_FAST")
    void ctrlCStopsTheDemoAndItsServer(Launch launch) throws Exception {
        try (ChildCommand child = ChildCommand.start(launch, Main.class, "demo")) {
            child.awaitLine("DONE: python");   // r/programming comes 0.6 s later
            child.interrupt();

            int status = child.exitStatus();
            List<String> stdout = child.stdout();
            List<String> stderr = child.stderr();
            assertTrue(stderr.size() == 6 && stderr.get(4).isEmpty(), () -> "start-up line, header, last line: " + stderr);
            if (status == 0) {
                // The signal came after the last listing (a machine busy for 0.6 s): nothing to interrupt.
                assertEquals(TutorialOutput.LINES, stdout);
                assertTrue(stderr.getLast().startsWith("Arrived in this order: "), stderr::toString);
                return;
            }
            assertEquals(130, status);
            assertEquals(TutorialOutput.LINES.subList(0, stdout.size()), stdout, "whole listings, up to the Ctrl-C");
            assertTrue(stderr.getLast().equals("Interrupted (Ctrl-C); not printed: programming, compsci")
                    || stderr.getLast().equals("Interrupted (Ctrl-C); not printed: programming"), stderr::toString);
        }
    }
}
