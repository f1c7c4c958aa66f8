package dev.asyncio4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.examples.Output;
import dev.asyncio4j.examples.TutorialExamples;
import dev.asyncio4j.examples.reddit.SubredditReader;
import dev.asyncio4j.http.client.ClientSession;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        for (String command : List.of("demo", "reddit", "examples", "echo-server", "http-server", "help")) {
            assertTrue(help.contains("\n  " + command + " "), () -> command + " in " + help);
        }
        assertTrue(help.contains("\n  examples     List the tutorial's programs"), help);
        assertEquals("", err.text());
    }

    @Test
    void eachCommandsHelpListsItsOptionsAndExitStatuses() {
        assertEquals(0, run("reddit", "--help"));
        String help = out.text();
        assertTrue(help.startsWith("Usage: asyncio4j reddit [-hV] [--json] [--base-url=URL] [--limit=N]"), help);
        for (String expected : List.of("--time=PERIOD       Period of the top posts: hour, day, week, month,",
                "(default: https://www.reddit.com)", "(default: 5)", "(default: 30)", "130   interrupted by Ctrl-C",
                "1   at least one failed (see its FAILED line)", "asyncio4j reddit --json python | jq -r .title")) {
            assertTrue(help.contains(expected), () -> expected + " in " + help);
        }
        assertTrue(help.replaceAll("\\s+", " ").contains(SubredditReader.USER_AGENT.replace(ClientSession.USER_AGENT,
                "asyncio4j/<version>")), "the default User-Agent, as --help shows it");

        Output demo = new Output();
        assertEquals(0, Main.run(demo.stream(), err.stream(), "demo", "--help"));
        assertTrue(demo.text().startsWith("Usage: asyncio4j demo [-hV] [--json] [--limit=N] [--time=PERIOD]"), demo::text);

        Output echo = new Output();
        assertEquals(0, Main.run(echo.stream(), err.stream(), "echo-server", "--help"));
        assertTrue(echo.text().contains("--port=PORT      The port; 0 lets the system choose one (default: 8888)."),
                echo::text);
        Output http = new Output();
        assertEquals(0, Main.run(http.stream(), err.stream(), "http-server", "--help"));
        assertTrue(http.text().contains("(default: 8080)") && http.text().contains("0   stopped by Ctrl-C or SIGTERM"),
                http::text);
        assertEquals("", err.text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "reddit --time decade                | Invalid value for option '--time': 'decade' is not one of hour, day, week, month, year, all",
        "reddit --limit 0                    | --limit must be between 1 and 100 (Reddit's most), not 0",
        "demo --limit 101                    | --limit must be between 1 and 100 (Reddit's most), not 101",
        "reddit --limit many                 | Invalid value for option '--limit': 'many' is not an int",
        "reddit --timeout 0                  | Invalid value for option '--timeout': '0' is not a number of seconds from 0.001 to 86400",
        "reddit --timeout soon               | Invalid value for option '--timeout': 'soon' is not a number of seconds from 0.001 to 86400",
        "reddit python r/a.b                 | 'r/a.b' is not a subreddit name: a name has 2 to 21 letters, digits or underscores (names may be joined with +)",
        "demo ../etc                         | '../etc' is not a subreddit name: a name has 2 to 21 letters, digits or underscores (names may be joined with +)",
        "reddit --base-url ftp://example.com | Invalid value for option '--base-url': 'ftp://example.com' (its scheme is not http or https); expected something like https://www.reddit.com",
        "reddit --base-url www.reddit.com    | Invalid value for option '--base-url': 'www.reddit.com' (it is not an absolute URL); expected something like https://www.reddit.com",
        "reddit --base-url http://x/?q=1     | Invalid value for option '--base-url': 'http://x/?q=1' (it has a query or a fragment); expected something like https://www.reddit.com",
        "echo-server --port 70000            | Invalid value for option '--port': 70000 is not a port (0 to 65535)",
    })
    void badValuesAreUsageErrorsThatSayWhy(String args, String message) {
        assertEquals(2, run(args.split(" ")));

        assertEquals(message, err.lines().getFirst());
        assertTrue(err.text().contains("Usage: asyncio4j "), err::text);
        assertEquals("", out.text(), "nothing run");
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
