package dev.asyncio4j.examples.cli;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.examples.reddit.SubredditReader;
import dev.asyncio4j.http.Url;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code asyncio4j reddit [SUBREDDIT...]}: the tutorial's closing program against www.reddit.com
 * (or {@code --base-url}). Every subreddit is fetched concurrently with one client and printed as
 * it arrives; a failure is one {@code FAILED} line on standard error. See
 * {@link dev.asyncio4j.examples.reddit.TopPosts} and
 * {@link dev.asyncio4j.examples.reddit.SubredditReader}. Confined to the command line's thread.
 */
@Command(name = "reddit", mixinStandardHelpOptions = true,
        description = {
            "The tutorial's subreddit reader: fetches the top posts of each subreddit concurrently, with one "
                    + "ClientSession, and prints each listing as it arrives: 'score: title (url)' lines, then "
                    + "'DONE: <name>' and a blank line. A subreddit that fails gets one line on standard error, "
                    + "'FAILED: <name>: <reason>', and the others still print.",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "  0:every subreddit was printed",
            "  1:at least one failed (see its FAILED line)",
            "  2:usage error",
            "130:interrupted by Ctrl-C"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  asyncio4j reddit python programming compsci",
            "  asyncio4j reddit --time week --limit 10 java",
            "  asyncio4j reddit --json python | jq -r .title",
            "  asyncio4j reddit --base-url http://127.0.0.1:8080 java   (see http-server)"})
final class RedditCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReaderOptions reader;

    @Option(names = "--base-url", paramLabel = "URL", defaultValue = "https://www.reddit.com",
            description = "The server to ask (default: ${DEFAULT-VALUE}).")
    private String baseUrl;

    @Option(names = "--user-agent", paramLabel = "TEXT",
            description = "The User-Agent to send; Reddit refuses generic ones (default: "
                    + "java:dev.asyncio4j.examples.reddit:v1.0 (the asyncio tutorial's subreddit reader; asyncio4j/<version>)).")
    private String userAgent;

    @Override
    public Integer call() throws Exception {
        String base = checkedBaseUrl();
        List<String> subreddits = reader.subreddits();
        PrintStream out = main.out();
        PrintStream err = main.err();
        if (System.console() != null && System.console().isTerminal()) {
            err.println("Fetching " + String.join(", ", subreddits) + " from " + base + " (Ctrl-C to stop)...");
        }
        EventLoop loop = Asyncio.newEventLoop();
        try {
            return reader.printAll(loop, subreddits, base, userAgent != null ? userAgent : SubredditReader.USER_AGENT,
                    out, err).exitStatus();
        } finally {
            loop.close();
        }
    }

    /** The base URL without a trailing slash, once it is known to be an absolute http(s) URL with nothing after its path. */
    private String checkedBaseUrl() {
        String problem;
        try {
            Url url = Url.parse(baseUrl);
            problem = !url.isAbsolute() || url.host() == null || url.host().isEmpty() ? "it is not an absolute URL"
                    : !url.scheme().equals("http") && !url.scheme().equals("https") ? "its scheme is not http or https"
                    : !url.rawQueryString().isEmpty() || !url.fragment().isEmpty() ? "it has a query or a fragment"
                    : null;
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--base-url': '" + baseUrl
                    + "' (" + problem + "); expected something like https://www.reddit.com");
        }
        return baseUrl.replaceFirst("/+$", "");
    }
}
