package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where debug mode's default comes from, in a child JVM: -Dasyncio4j.debug=true, or the
 * ASYNCIO4J_DEBUG environment variable (CPython's test_env_var_debug with PYTHONASYNCIODEBUG).
 */
@Timeout(60)
class DebugModeIT {

    private static String debugLine(List<String> options, Map<String, String> environment) throws Exception {
        try (ChildJvm child = ChildJvm.start(SchedulingMode.FAST, options, environment, "debug-default")) {
            String line = child.awaitLine("DEBUG");
            assertEquals(0, child.exitStatus());
            return line;
        }
    }

    @Test
    void offByDefault() throws Exception {
        assertEquals("DEBUG false", debugLine(List.of(), Map.of()));
    }

    @Test
    void onWithTheSystemProperty() throws Exception {
        assertEquals("DEBUG true", debugLine(List.of("-Dasyncio4j.debug=true"), Map.of()));
        assertEquals("DEBUG false", debugLine(List.of("-Dasyncio4j.debug=false"), Map.of()));
    }

    @Test
    void onWithTheEnvironmentVariable() throws Exception {
        assertEquals("DEBUG true", debugLine(List.of(), Map.of("ASYNCIO4J_DEBUG", "1")));
        assertEquals("DEBUG false", debugLine(List.of(), Map.of("ASYNCIO4J_DEBUG", "")));
    }
}
