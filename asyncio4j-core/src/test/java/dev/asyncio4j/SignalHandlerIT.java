package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real signals, sent with kill(1), to a real child JVM whose loop handles them. The child prints
 * "ready" once its handler is installed; the test waits for that line, never a sleep.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignalHandlerIT {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    /**
     * Each of the five signals runs its handler on the loop thread. On Temurin 25 the JVM
     * reserves none of them (SIGUSR2 included, which older HotSpot versions used internally);
     * this test pins that: were one reserved, the child would print "refused: ..." and fail here.
     */
    @ParameterizedTest
    @EnumSource(Signal.class)
    void aSignalRunsItsHandlerOnTheLoop(Signal signal) throws Exception {
        try (ChildProcess child = ChildProcess.startJava(SignalChild.class, signal.name())) {
            child.awaitLine(line -> line.equals("ready") || line.startsWith("refused"), STARTUP);
            child.signal(signal.jvmName());
            assertEquals("got " + signal + " on the loop thread", child.awaitLine(line -> line.startsWith("got"), STARTUP));
            child.awaitLine(line -> line.equals("exited cleanly"), STARTUP);
            assertEquals(0, child.awaitExit(STARTUP), child.output());
        }
    }

    @Test
    void theTutorialsSigintPatternStopsTheLoopClosesTheClientAndExitsCleanly() throws Exception {
        try (ChildProcess child = ChildProcess.startJava(SignalChild.class, "tutorial")) {
            child.awaitLine(line -> line.equals("ready"), STARTUP);
            child.awaitLine(line -> line.startsWith("tick"), STARTUP);
            child.signal("INT");
            child.awaitLine(line -> line.equals("stopping"), STARTUP);
            assertEquals("client closing: true", child.awaitLine(line -> line.startsWith("client closing"), STARTUP));
            child.awaitLine(line -> line.equals("exited cleanly"), STARTUP);
            assertEquals(0, child.awaitExit(STARTUP), child.output());
            assertTrue(child.output().contains("tick python") && child.output().contains("tick programming"),
                    child.output());
        }
    }
}
