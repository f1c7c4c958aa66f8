package dev.asyncio4j.examples.cli;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.examples.reddit.Outcome;
import dev.asyncio4j.examples.reddit.SubredditReader;
import dev.asyncio4j.examples.reddit.TimeFilter;
import dev.asyncio4j.examples.reddit.TopPosts;
import dev.asyncio4j.http.client.ClientSession;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code reddit} and {@code demo} share: the subreddits, {@code --limit}, {@code --time},
 * {@code --timeout} and {@code --json}, and the run itself ({@link TopPosts#printAll}). A picocli
 * mixin; confined to the command line's thread.
 */
final class ReaderOptions {

    /** The tutorial's subreddits, read when none is named. */
    static final List<String> TUTORIAL_SUBREDDITS = List.of("python", "programming", "compsci");

    /** A subreddit's name as Reddit allows it (2 to 21 letters, digits or _), or several joined by +. */
    private static final Pattern NAMES = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_]{1,20}(\\+[A-Za-z0-9][A-Za-z0-9_]{1,20})*");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "SUBREDDIT",
            description = "Subreddits to read (\"r/\" optional; a+b is Reddit's combined listing). "
                    + "Default: python programming compsci, as in the tutorial.")
    private List<String> subreddits = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "5",
            description = "Posts per subreddit, 1 to 100 (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--time", paramLabel = "PERIOD", defaultValue = "day", converter = Period.class,
            description = "Period of the top posts: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private TimeFilter time;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", converter = Seconds.class,
            description = "Time limit of each subreddit's request, redirects and body included (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--json",
            description = "Print each post as one JSON object a line (requested, rank, subreddit, score, title, url, "
                    + "permalink, author, num_comments, created_utc), without DONE lines.")
    private boolean json;

    /**
     * The subreddits asked for, without their "r/" and each once, or the tutorial's.
     *
     * @throws ParameterException if a name cannot be a subreddit's, or {@code --limit} is out of range
     */
    List<String> subreddits() {
        if (limit < 1 || limit > 100) {
            throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 100 (Reddit's most), not "
                    + limit);
        }
        if (subreddits.isEmpty()) {
            return TUTORIAL_SUBREDDITS;
        }
        List<String> names = new ArrayList<>();
        for (String given : subreddits) {
            String name = given.replaceFirst("^/?r/", "").replaceFirst("/$", "");
            if (!NAMES.matcher(name).matches()) {
                throw new ParameterException(spec.commandLine(), "'" + given + "' is not a subreddit name: a name has "
                        + "2 to 21 letters, digits or underscores (names may be joined with +)");
            }
            names.add(name);
        }
        return names.stream().distinct().toList();
    }

    /**
     * Fetches and prints {@code subreddits} from {@code baseUrl} on {@code loop}, as the
     * {@code reddit} command describes, and says so on {@code err} if Ctrl-C interrupted it.
     *
     * @return how it ended
     */
    Outcome printAll(EventLoop loop, List<String> subreddits, String baseUrl, String userAgent, PrintStream out,
            PrintStream err) throws Exception {
        ClientSession client = new ClientSession(SubredditReader.sessionOptions(timeout, userAgent));
        SubredditReader reader = new SubredditReader(baseUrl, time, limit, json, out, err);
        Outcome outcome = TopPosts.printAll(loop, client, reader, subreddits);
        if (outcome.interrupted()) {
            err.println("Interrupted (Ctrl-C)" + (outcome.notFetched().isEmpty() ? ""
                    : "; not printed: " + String.join(", ", outcome.notFetched())));
        }
        return outcome;
    }

    /** {@code --time}: a {@link TimeFilter} as Reddit spells it, in any case. Immutable. */
    static final class Period implements ITypeConverter<TimeFilter> {
        @Override
        public TimeFilter convert(String value) {
            for (TimeFilter period : TimeFilter.values()) {
                if (period.toString().equalsIgnoreCase(value.strip())) {
                    return period;
                }
            }
            throw new TypeConversionException("'" + value + "' is not one of " + Arrays.stream(TimeFilter.values())
                    .map(TimeFilter::toString).collect(Collectors.joining(", ")));
        }
    }

    /** {@code --timeout}: a positive number of seconds, fractions allowed. Immutable. */
    static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                BigDecimal seconds = new BigDecimal(value.strip());
                if (seconds.compareTo(new BigDecimal("0.001")) >= 0 && seconds.compareTo(BigDecimal.valueOf(86_400)) <= 0) {
                    return Duration.ofNanos(seconds.movePointRight(9).longValue());
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a number of seconds from 0.001 to 86400");
        }
    }
}
