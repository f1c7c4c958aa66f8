package dev.asyncio4j.examples.reddit;

import java.util.List;

/**
 * How a run of {@link TopPosts} ended. Immutable.
 *
 * @param arrived the subreddits whose answer came, printed or failed, in the order they came
 * @param failed those of them that failed (a {@code FAILED} line was printed)
 * @param notFetched the subreddits Ctrl-C interrupted before their answer came, in the order asked
 * @param interrupted whether Ctrl-C (SIGINT) ended the run
 */
public record Outcome(List<String> arrived, List<String> failed, List<String> notFetched, boolean interrupted) {

    /** Exit status 130: killed by SIGINT, 128 + 2, as shells report it. */
    public static final int INTERRUPTED = 130;

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if a list or an element is null
     */
    public Outcome {
        arrived = List.copyOf(arrived);
        failed = List.copyOf(failed);
        notFetched = List.copyOf(notFetched);
    }

    /**
     * The command's exit status.
     *
     * @return {@value #INTERRUPTED} after Ctrl-C, else 1 if a subreddit failed, else 0
     */
    public int exitStatus() {
        return interrupted ? INTERRUPTED : failed.isEmpty() ? 0 : 1;
    }
}
