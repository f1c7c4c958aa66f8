package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The library says once, at start-up, which scheduling mode is active, and in portable mode how to
 * get the fast one: in a child JVM started with or without the access fast mode needs.
 */
@Timeout(60)
class SchedulingModeIT {

    @ParameterizedTest
    @EnumSource(SchedulingMode.class)
    void theModeIsAnnouncedOncePerJvm(SchedulingMode mode) throws Exception {
        try (ChildJvm child = ChildJvm.start(mode, List.of(), Map.of(), "two-loops")) {
            assertEquals("MODE " + mode, child.awaitLine("MODE"));
            child.awaitLine("RAN TWICE");
            assertEquals(0, child.exitStatus());
            List<String> announcements = child.output().stream()
                    .filter(line -> line.contains("asyncio4j: ")).toList();
            String expected = mode == SchedulingMode.FAST
                    ? "INFO: asyncio4j: fast mode (tasks are virtual threads scheduled by their event loop)"
                    : "INFO: asyncio4j: portable mode, because the JVM was started without --add-opens "
                            + "java.base/java.lang=ALL-UNNAMED; task switches are slower. Start the JVM with "
                            + "--add-opens java.base/java.lang=ALL-UNNAMED for fast mode.";
            assertEquals(List.of(expected), announcements);
        }
    }
}
