package dev.asyncio4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncio4j.examples.Output;
import dev.asyncio4j.examples.TutorialOutput;
import dev.asyncio4j.examples.reddit.ScriptedReddit;
import dev.asyncio4j.examples.reddit.ScriptedReddit.Received;
import dev.asyncio4j.examples.reddit.SubredditReader;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code asyncio4j reddit} in this JVM against a scripted Reddit on a loopback port: each way a
 * subreddit can fail has its line, the others still print, and the exit status says so.
 */
@Timeout(60)
class RedditCommandIT {

    @AutoClose
    private static final ScriptedReddit reddit = ScriptedReddit.start();
    private final Output out = new Output();
    private final Output err = new Output();

    private int reddit(String... args) {
        List<String> all = new ArrayList<>(List.of("reddit", "--base-url", reddit.url()));
        all.addAll(List.of(args));
        return Main.run(out.stream(), err.stream(), all.toArray(String[]::new));
    }

    /** Standard output cut into listings: each ends with its DONE line and a blank line. */
    private static Set<List<String>> listings(List<String> lines) {
        Set<List<String>> listings = new HashSet<>();
        List<String> listing = new ArrayList<>();
        for (String line : lines) {
            listing.add(line);
            if (line.isEmpty()) {
                assertTrue(listing.size() >= 2 && listing.get(listing.size() - 2).startsWith("DONE: "), listing::toString);
                listings.add(List.copyOf(listing));
                listing.clear();
            }
        }
        assertEquals(List.of(), listing, "output after the last listing");
        return listings;
    }

    private static List<String> renamed(List<String> listing, String name) {
        List<String> lines = new ArrayList<>(listing);
        lines.set(lines.size() - 2, "DONE: " + name);
        return lines;
    }

    @Test
    void eachFailureHasItsOwnLineAndTheOthersStillPrint() {
        List<String> failing = ScriptedReddit.REASONS.keySet().stream().filter(name -> !name.equals("slow")).toList();
        List<String> args = new ArrayList<>(List.of("python"));
        args.addAll(failing);
        args.add("moved");

        assertEquals(1, reddit(args.toArray(String[]::new)));

        assertEquals(Set.of(TutorialOutput.PYTHON, renamed(TutorialOutput.PYTHON, "moved")), listings(out.lines()),
                () -> "python, and moved, whose 301 was followed to python; stderr: " + err.text());
        Set<String> expected = failing.stream()
                .map(name -> "FAILED: " + name + ": " + ScriptedReddit.REASONS.get(name)).collect(Collectors.toSet());
        assertEquals(expected, new HashSet<>(err.lines()));
        assertEquals(expected.size(), err.lines().size(), err::text);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsATimeOut() {
        // Alone: with others, a busy machine could make them miss so short a limit too.
        assertEquals(1, reddit("--timeout", "0.5", "slow"));

        assertEquals(List.of("FAILED: slow: " + ScriptedReddit.REASONS.get("slow")), err.lines());
        assertEquals("", out.text());
    }

    @Test
    void theRequestsAreTheTutorialsWithADescriptiveUserAgent() {
        assertEquals(0, reddit("python", "programming", "compsci"));

        Set<Received> received = new HashSet<>(reddit.received().subList(reddit.received().size() - 3,
                reddit.received().size()));
        assertEquals(Set.of(
                new Received("/r/python/top.json?sort=top&t=day&limit=5", SubredditReader.USER_AGENT),
                new Received("/r/programming/top.json?sort=top&t=day&limit=5", SubredditReader.USER_AGENT),
                new Received("/r/compsci/top.json?sort=top&t=day&limit=5", SubredditReader.USER_AGENT)), received);
        assertTrue(SubredditReader.USER_AGENT.matches("java:dev\\.asyncio4j\\.examples\\.reddit:v1\\.0 \\(.+ asyncio4j/.+\\)"),
                SubredditReader.USER_AGENT);
        assertEquals(Set.of(TutorialOutput.PYTHON, TutorialOutput.COMPSCI, TutorialOutput.PROGRAMMING),
                listings(out.lines()));
        assertEquals("", err.text());
    }

    @Test
    void theOptionsGoIntoTheUrl() {
        assertEquals(0, reddit("--time", "week", "--limit", "2", "--user-agent", "test-agent/1.0", "r/java"));

        assertEquals(new Received("/r/java/top.json?sort=top&t=week&limit=2", "test-agent/1.0"), reddit.received().getLast());
        assertEquals(List.of(
                "412: JDK 25 is now generally available (https://openjdk.org/projects/jdk/25/)",
                "287: JEP 506: Scoped Values, final in JDK 25 (https://openjdk.org/jeps/506)",
                "DONE: java",
                ""), out.lines());
    }

    @Test
    void jsonIsOneObjectAPostThatJacksonReadsBack() throws Exception {
        assertEquals(0, reddit("--json", "python", "/r/java/"));

        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> posts = new ArrayList<>();
        for (String line : out.lines()) {
            posts.add(mapper.readTree(line));
        }
        assertEquals(3 + 5, posts.size(), out::text);
        List<JsonNode> python = posts.stream().filter(post -> post.get("requested").asText().equals("python")).toList();
        List<JsonNode> java = posts.stream().filter(post -> post.get("requested").asText().equals("java")).toList();
        assertTrue(posts.indexOf(python.getLast()) - posts.indexOf(python.getFirst()) == 2, "a listing's posts together");
        assertEquals(List.of(1, 2, 3), python.stream().map(post -> post.get("rank").asInt()).toList());
        assertEquals(List.of(1, 2, 3, 4, 5), java.stream().map(post -> post.get("rank").asInt()).toList());
        JsonNode first = python.getFirst();
        assertEquals("Python", first.get("subreddit").asText());
        assertEquals(46, first.get("score").asInt());
        assertEquals("Python async/await Tutorial", first.get("title").asText());
        assertEquals("http://stackabuse.com/python-async-await-tutorial/", first.get("url").asText());
        assertEquals(reddit.url() + "/r/Python/comments/3xb2k1/python_asyncawait_tutorial/", first.get("permalink").asText());
        assertEquals("[deleted]", first.get("author").asText());
        assertEquals(9, first.get("num_comments").asInt());
        assertEquals(1450467361L, first.get("created_utc").asLong());
        assertEquals("", err.text());
    }

    @Test
    void noServerThereIsAConnectionRefused() throws Exception {
        int closedPort;
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            closedPort = server.socket().getLocalPort();
        }

        assertEquals(1, Main.run(out.stream(), err.stream(), "reddit", "--base-url", "http://127.0.0.1:" + closedPort,
                "python"));

        assertEquals(List.of("FAILED: python: cannot connect to 127.0.0.1:" + closedPort + " (Connection refused)"),
                err.lines());
        assertEquals("", out.text());
    }
}
