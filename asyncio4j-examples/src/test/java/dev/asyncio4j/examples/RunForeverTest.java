package dev.asyncio4j.examples;

import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.ensureFuture;
import static dev.asyncio4j.Asyncio.gather;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncio4j.examples.RunForever.StandInClient;
import dev.asyncio4j.testing.AsyncioTest;
import dev.asyncio4j.testing.TestLoop;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/** The program's coroutines on virtual time; {@code RunForeverIT} stops the real program with a SIGINT. */
@Timeout(10)
class RunForeverTest {

    /** What the program prints before Ctrl-C, in the order the stand-in client's delays decide. */
    static final List<String> LISTINGS = List.of(
            "46: Python async/await Tutorial (http://stackabuse.com/python-async-await-tutorial/)",
            "16: Using game theory (and Python) to explain the dilemma of exchanging gifts. Turns out: giving a gift "
                    + "probably feels better than receiving one... (http://vknight.org/unpeudemath/code/2015/12/15/"
                    + "The-Prisoners-Dilemma-of-Christmas-Gifts/)",
            "56: Which version of Python do you use? (This is a poll to compare the popularity of Python 2 vs. "
                    + "Python 3) (http://strawpoll.me/6299023)",
            "DONE: python",
            "",
            "71: The Semantics of Version Control - Wouter Swierstra "
                    + "(http://www.staff.science.uu.nl/~swier004/Talks/vc-semantics-15.pdf)",
            "25: Favorite non-textbook CS books "
                    + "(https://www.reddit.com/r/compsci/comments/3xag9e/favorite_nontextbook_cs_books/)",
            "13: CompSci Weekend SuperThread (December 18, 2015) (https://www.reddit.com/r/compsci/comments/3xacch/"
                    + "compsci_weekend_superthread_december_18_2015/)",
            "DONE: compsci",
            "",
            "1752: 684.8 TB of data is up for grabs due to publicly exposed MongoDB databases "
                    + "(https://blog.shodan.io/its-still-the-data-stupid/)",
            "773: Instagram's Million Dollar Bug? (http://exfiltrated.com/research-Instagram-RCE.php)",
            "387: Amazingly simple explanation of Diffie-Hellman. His channel has tons of amazing videos and only a "
                    + "few views :( thought I would share! (https://www.youtube.com/watch?v=Afyqwc96M1Y)",
            "DONE: programming",
            "");

    @AsyncioTest
    void listingsPrintInTheOrderTheyArriveNotTheOrderAsked(TestLoop loop) throws Exception {
        Output out = new Output();
        StandInClient client = new StandInClient();

        await(gather(
                ensureFuture(RunForever.getRedditTop("python", client, out.stream())),
                ensureFuture(RunForever.getRedditTop("programming", client, out.stream())),
                ensureFuture(RunForever.getRedditTop("compsci", client, out.stream()))));

        assertEquals(LISTINGS, out.lines());
        assertEquals(0.09, loop.time(), 1e-9, "the slowest answer (programming) came after 90 ms");
    }

    @AsyncioTest
    void aClosedClientRefusesRequests() {
        StandInClient client = new StandInClient();
        client.close();

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> await(RunForever.getRedditTop("python", client, new Output().stream())));

        assertEquals("Session is closed", error.getMessage());
        assertEquals("StandInClient[closed]", client.toString());
    }

    @AsyncioTest
    void aSubredditWithoutAShippedListingIsAClearError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> await(RunForever.getRedditTop("rust", new StandInClient(), new Output().stream())));

        assertEquals("no listing for r/rust; the examples ship python, programming and compsci", error.getMessage());
    }
}
