package dev.asyncio4j.examples;

import java.util.List;

/** The tutorial's output, as it printed it: the listings in the order they arrived. Immutable. */
public final class TutorialOutput {

    /** r/python's listing, then its DONE line and a blank line. */
    public static final List<String> PYTHON = List.of(
            "46: Python async/await Tutorial (http://stackabuse.com/python-async-await-tutorial/)",
            "16: Using game theory (and Python) to explain the dilemma of exchanging gifts. Turns out: giving a gift "
                    + "probably feels better than receiving one... (http://vknight.org/unpeudemath/code/2015/12/15/"
                    + "The-Prisoners-Dilemma-of-Christmas-Gifts/)",
            "56: Which version of Python do you use? (This is a poll to compare the popularity of Python 2 vs. "
                    + "Python 3) (http://strawpoll.me/6299023)",
            "DONE: python",
            "");

    /** r/compsci's. */
    public static final List<String> COMPSCI = List.of(
            "71: The Semantics of Version Control - Wouter Swierstra "
                    + "(http://www.staff.science.uu.nl/~swier004/Talks/vc-semantics-15.pdf)",
            "25: Favorite non-textbook CS books "
                    + "(https://www.reddit.com/r/compsci/comments/3xag9e/favorite_nontextbook_cs_books/)",
            "13: CompSci Weekend SuperThread (December 18, 2015) (https://www.reddit.com/r/compsci/comments/3xacch/"
                    + "compsci_weekend_superthread_december_18_2015/)",
            "DONE: compsci",
            "");

    /** r/programming's. */
    public static final List<String> PROGRAMMING = List.of(
            "1752: 684.8 TB of data is up for grabs due to publicly exposed MongoDB databases "
                    + "(https://blog.shodan.io/its-still-the-data-stupid/)",
            "773: Instagram's Million Dollar Bug? (http://exfiltrated.com/research-Instagram-RCE.php)",
            "387: Amazingly simple explanation of Diffie-Hellman. His channel has tons of amazing videos and only a "
                    + "few views :( thought I would share! (https://www.youtube.com/watch?v=Afyqwc96M1Y)",
            "DONE: programming",
            "");

    /** The whole output: python, compsci, programming, the order the answers arrived in. */
    public static final List<String> LINES = concat(List.of(PYTHON, COMPSCI, PROGRAMMING));

    private TutorialOutput() {}

    /** The groups one after the other. */
    public static List<String> concat(List<List<String>> groups) {
        return groups.stream().flatMap(List::stream).toList();
    }
}
