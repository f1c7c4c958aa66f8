package dev.asyncio4j.examples.reddit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.examples.Output;
import dev.asyncio4j.examples.TutorialOutput;
import dev.asyncio4j.http.client.ClientSession;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tutorial's frame over real loopback sockets, in this JVM: every listing printed as it
 * arrives and the client closed after; and what the SIGINT handler does (called here as the
 * loop calls it; {@code RedditSigintIT} sends a real signal to a child JVM).
 */
@Timeout(60)
class TopPostsIT {

    private final EventLoop loop = new EventLoop();
    private final List<ExceptionContext> reported = new CopyOnWriteArrayList<>();
    private final Output out = new Output();
    private final Output err = new Output();

    TopPostsIT() {
        loop.setExceptionHandler((unused, context) -> reported.add(context));
    }

    @AfterEach
    void closeTheLoop() {
        loop.close();
    }

    private static ClientSession client() {
        return new ClientSession(SubredditReader.sessionOptions(Duration.ofSeconds(20), SubredditReader.USER_AGENT));
    }

    @Test
    void everyListingIsPrintedAsItArrivesThenTheClientIsClosed() throws Exception {
        DemoServer reddit = loop.runUntilComplete(DemoServer.start("127.0.0.1", 0));
        ClientSession client = client();
        SubredditReader reader = new SubredditReader(reddit.url(), TimeFilter.DAY, 5, false, out.stream(), err.stream());

        Outcome outcome = TopPosts.printAll(loop, client, reader, List.of("python", "programming", "compsci"));

        assertEquals(TutorialOutput.LINES, out.lines(), "grouped, in the order the delays decide");
        assertEquals(new Outcome(List.of("python", "compsci", "programming"), List.of(), List.of(), false), outcome);
        assertEquals(0, outcome.exitStatus());
        assertTrue(client.isClosed());
        assertEquals("", err.text());
        loop.runUntilComplete(reddit.aclose());
        assertEquals(List.of(), reported);
        assertFalse(loop.isRunning());
    }

    @Test
    void aFailureIsPrintedAndCountedWhileTheOthersPrint() throws Exception {
        try (ScriptedReddit reddit = ScriptedReddit.start()) {
            ClientSession client = client();
            SubredditReader reader = new SubredditReader(reddit.url(), TimeFilter.DAY, 5, false, out.stream(), err.stream());

            Outcome outcome = TopPosts.printAll(loop, client, reader, List.of("missing", "python", "python"));

            assertEquals(TutorialOutput.PYTHON, out.lines(), "a name given twice is fetched once");
            assertEquals(List.of("FAILED: missing: no such subreddit (HTTP 404 Not Found)"), err.lines());
            assertEquals(List.of("missing"), outcome.failed());
            assertEquals(1, outcome.exitStatus());
            assertTrue(client.isClosed());
        }
        assertEquals(List.of(), reported);
    }

    @Test
    void theSigintHandlerStopsTheLoopCancelsWhatHasNotArrivedAndClosesTheClient() throws Exception {
        try (ScriptedReddit reddit = ScriptedReddit.start()) {
            ClientSession client = client();
            SubredditReader reader = new SubredditReader(reddit.url(), TimeFilter.DAY, 5, false, out.stream(), err.stream());
            TopPosts topPosts = new TopPosts(loop, client);
            out.whenPrinted("DONE: python", topPosts::signalHandler);   // Ctrl-C while r/slow is awaited

            Outcome outcome = topPosts.run(reader, List.of("slow", "python"), true);

            assertEquals(new Outcome(List.of("python"), List.of(), List.of("slow"), true), outcome);
            assertEquals(130, outcome.exitStatus());
            assertEquals(TutorialOutput.PYTHON, out.lines());
            assertEquals("", err.text(), "the cancelled request is not reported as a failure");
            assertTrue(client.isClosed());
            assertEquals(0, client.connector().statistics().acquired(), client.connector()::toString);
            assertTrue(dev.asyncio4j.Asyncio.allTasks(loop).isEmpty(), () -> "left running: " + dev.asyncio4j.Asyncio.allTasks(loop));
        }
        assertEquals(List.of(), reported, "nothing reported: no unclosed session, no exception never retrieved");
    }

    @Test
    void aSecondCtrlCWhileTheClientClosesChangesNothing() throws Exception {
        try (ScriptedReddit reddit = ScriptedReddit.start()) {
            ClientSession client = client();
            SubredditReader reader = new SubredditReader(reddit.url(), TimeFilter.DAY, 5, false, out.stream(), err.stream());
            TopPosts topPosts = new TopPosts(loop, client);
            out.whenPrinted("DONE: python", () -> {
                topPosts.signalHandler();
                topPosts.signalHandler();
            });

            Outcome outcome = topPosts.run(reader, List.of("python", "slow"), true);

            assertEquals(List.of("slow"), outcome.notFetched());
            assertTrue(client.isClosed());
        }
        assertEquals(List.of(), reported);
    }
}
