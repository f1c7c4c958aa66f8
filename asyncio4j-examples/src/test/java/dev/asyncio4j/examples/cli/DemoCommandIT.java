package dev.asyncio4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncio4j.examples.Output;
import dev.asyncio4j.examples.TutorialOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code asyncio4j demo} in this JVM: the reader against the demo's own server on a loopback port,
 * each listing grouped with its DONE line, in the order the server's delays decide.
 */
@Timeout(60)
class DemoCommandIT {

    private final Output out = new Output();
    private final Output err = new Output();

    private int demo(String... args) {
        List<String> all = new ArrayList<>(List.of("demo"));
        all.addAll(List.of(args));
        return Main.run(out.stream(), err.stream(), all.toArray(String[]::new));
    }

    @Test
    void printsTheTutorialsOutputWithAHeaderSayingWhatHappens() {
        assertEquals(0, demo());

        assertEquals(TutorialOutput.LINES, out.lines(), "python, compsci, programming: the order they arrive");
        List<String> header = err.lines();
        assertEquals("asyncio4j demo: the tutorial's subreddit reader, offline.", header.get(0));
        assertTrue(header.get(1).matches("Reddit's listings are served at http://127\\.0\\.0\\.1:\\d+ by an asyncio4j "
                + "web server on this event loop; nothing leaves the machine\\."), header.get(1));
        assertEquals("Fetching r/python, r/programming and r/compsci concurrently with one ClientSession; each answer "
                + "comes after its own delay...", header.get(2));
        assertEquals("", header.get(3));
        assertTrue(header.get(4).matches("Arrived in this order: python, compsci, programming "
                + "\\(asked: python, programming, compsci\\), in \\d+\\.\\d s\\."), header.get(4));
        assertEquals(5, header.size(), err::text);
    }

    @Test
    void theOrderOfArrivalFollowsTheDelaysWhateverTheOrderAsked() {
        assertEquals(0, demo("programming", "java", "compsci", "python"));

        List<String> done = out.lines().stream().filter(line -> line.startsWith("DONE: ")).toList();
        assertEquals(List.of("DONE: python", "DONE: java", "DONE: compsci", "DONE: programming"), done);
        assertEquals(TutorialOutput.PYTHON, out.lines().subList(0, 5));
        assertEquals(TutorialOutput.concat(List.of(TutorialOutput.COMPSCI, TutorialOutput.PROGRAMMING)),
                out.lines().subList(out.lines().size() - 10, out.lines().size()));
    }

    @Test
    void aNameTheServerDoesNotKnowFailsAndTheOthersPrint() {
        assertEquals(1, demo("nosuchsubreddit", "python"));

        assertEquals(TutorialOutput.PYTHON, out.lines());
        assertTrue(err.lines().contains(
                "FAILED: nosuchsubreddit: no such subreddit (the server redirected to its search page)"), err::text);
        assertTrue(err.lines().getLast().startsWith("Arrived in this order: nosuchsubreddit, python (asked: "
                + "nosuchsubreddit, python)"), err::text);
    }

    @Test
    void jsonAndLimitWork() throws Exception {
        assertEquals(0, demo("--json", "--limit", "2"));

        ObjectMapper mapper = new ObjectMapper();
        List<String> order = new ArrayList<>();
        for (String line : out.lines()) {
            JsonNode post = mapper.readTree(line);
            order.add(post.get("requested").asText() + " " + post.get("rank").asInt());
        }
        assertEquals(List.of("python 1", "python 2", "compsci 1", "compsci 2", "programming 1", "programming 2"), order);
    }
}
