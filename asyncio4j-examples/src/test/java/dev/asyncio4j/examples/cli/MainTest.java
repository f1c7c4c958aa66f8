package dev.asyncio4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.examples.Output;
import dev.asyncio4j.examples.TutorialExamples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code asyncio4j} command line, run in-process with its output captured. */
@Timeout(20)
class MainTest {

    private final Output out = new Output();
    private final Output err = new Output();

    private int run(String... args) {
        return Main.run(out.stream(), err.stream(), args);
    }

    @Test
    void helpNamesTheSubcommands() {
        assertEquals(0, run("--help"));

        String help = out.text();
        assertTrue(help.startsWith("Usage: asyncio4j [-hV] [COMMAND]\n"), help);
        assertTrue(help.contains("\n  demo ") && help.contains("\n  examples  List the tutorial's programs"), help);
        assertEquals("", err.text());
    }

    @Test
    void versionNamesTheBuildTheJvmAndTheSchedulingMode() {
        assertEquals(0, run("--version"));

        List<String> lines = out.lines();
        assertEquals("asyncio4j " + VersionProvider.version(), lines.get(0));
        assertTrue(lines.get(1).startsWith("JVM ") && lines.get(1).endsWith(
                ", scheduling mode " + Asyncio.schedulingMode()), lines.get(1));
        assertEquals(2, lines.size(), lines::toString);
    }

    @Test
    void examplesListsEachExampleWithItsDescription() {
        assertEquals(0, run("examples"));

        List<String> expected = new ArrayList<>();
        for (TutorialExamples.Example example : TutorialExamples.all()) {
            expected.add(String.format("%-20s %s", example.name(), example.description()));
        }
        expected.add("");
        expected.add("Run one with: asyncio4j examples NAME");
        assertEquals(expected, out.lines());
        assertTrue(out.lines().get(0).startsWith("iscoroutine          iscoroutinefunction() and iscoroutine()"));
        assertEquals("", err.text());
    }

    @Test
    void examplesRunsOneByName() {
        assertEquals(0, run("examples", "iscoroutine"));

        assertEquals(List.of(
                "iscoroutinefunction(ping_server): true",
                "iscoroutinefunction(load_file): false",
                "iscoroutine(ping_server('192.168.1.1')): true",
                "iscoroutine(load_file('data.txt')): false"), out.lines());
        assertEquals("", err.text());
    }

    @Test
    void anUnknownExampleIsAUsageErrorThatListsTheNames() {
        assertEquals(2, run("examples", "speak_async"));

        assertEquals("", out.text());
        assertEquals(List.of("No example named 'speak_async'. The examples are: iscoroutine, get-json-yield-from, "
                + "await-outside, ping-local, get-json-await, speak-async, concurrent, loop-in-thread, run-forever."),
                err.lines());
    }

    @Test
    void moreThanOneNameIsAUsageError() {
        assertEquals(2, run("examples", "iscoroutine", "concurrent"));

        assertEquals("", out.text());
        assertTrue(err.lines().get(0).equals("Unmatched argument at index 2: 'concurrent'"), err.text());
        assertTrue(err.text().contains("Usage: asyncio4j examples [-hV] [NAME]"), err.text());
    }

    @Test
    void anUnknownSubcommandOrNoneIsAUsageError() {
        assertEquals(2, run("reddit-now"));
        assertTrue(err.text().startsWith("Unmatched argument at index 0: 'reddit-now'\n"), err.text());

        Output none = new Output();
        assertEquals(2, Main.run(out.stream(), none.stream()));
        assertTrue(none.text().startsWith("Missing required subcommand\nUsage: asyncio4j"), none.text());
        assertEquals("", out.text());
    }

    @Test
    void examplesHelpDescribesTheName() {
        assertEquals(0, run("examples", "--help"));

        assertTrue(out.text().contains("[NAME]      The example to run; omit to list them."), out.text());
    }
}
