package dev.asyncio4j.examples.cli;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.examples.reddit.DemoServer;
import dev.asyncio4j.examples.reddit.Outcome;
import dev.asyncio4j.examples.reddit.SubredditReader;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code asyncio4j demo}: the tutorial's closing program, offline. A {@link DemoServer} (Reddit's
 * listings API, from the examples' data) starts on the loop, on a loopback port the OS chooses,
 * and the {@code reddit} command's code runs against it unchanged. Standard output is the
 * tutorial's output; a short header and footer on standard error say what happens. Confined to
 * the command line's thread.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "The tutorial's subreddit reader, offline: starts an asyncio4j web server serving Reddit's listings "
                    + "(r/python, r/programming, r/compsci with the tutorial's posts, and r/java) on a loopback port, "
                    + "then runs the 'reddit' command's code against it. The server answers each subreddit after "
                    + "a different delay, so the listings print in the order they arrive, not the order asked. "
                    + "Standard output is the tutorial's output; what happens is said on standard error.",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "  0:every subreddit was printed",
            "  1:at least one failed (a name the server does not know: 'no such subreddit')",
            "  2:usage error",
            "130:interrupted by Ctrl-C"})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Mixin
    private ReaderOptions reader;

    @Override
    public Integer call() throws Exception {
        PrintStream out = main.out();
        PrintStream err = main.err();
        List<String> subreddits = reader.subreddits();
        EventLoop loop = Asyncio.newEventLoop();
        try {
            DemoServer server = loop.runUntilComplete(DemoServer.start("127.0.0.1", 0));
            try {
                err.println("asyncio4j demo: the tutorial's subreddit reader, offline.");
                err.println("Reddit's listings are served at " + server.url() + " by an asyncio4j web server "
                        + "on this event loop; nothing leaves the machine.");
                err.println("Fetching " + names(subreddits) + " concurrently with one ClientSession; each answer "
                        + "comes after its own delay...");
                err.println();
                long start = System.nanoTime();
                Outcome outcome = reader.printAll(loop, subreddits, server.url(), SubredditReader.USER_AGENT, out, err);
                if (!outcome.interrupted()) {
                    err.println(String.format(Locale.ROOT, "Arrived in this order: %s (asked: %s), in %.1f s.",
                            String.join(", ", outcome.arrived()), String.join(", ", subreddits),
                            (System.nanoTime() - start) / 1e9));
                }
                return outcome.exitStatus();
            } finally {
                loop.runUntilComplete(server.aclose());
            }
        } finally {
            loop.close();
        }
    }

    /** "r/python, r/programming and r/compsci". */
    private static String names(List<String> subreddits) {
        List<String> prefixed = subreddits.stream().map(name -> "r/" + name).toList();
        return prefixed.size() == 1 ? prefixed.getFirst()
                : String.join(", ", prefixed.subList(0, prefixed.size() - 1)) + " and " + prefixed.getLast();
    }
}
