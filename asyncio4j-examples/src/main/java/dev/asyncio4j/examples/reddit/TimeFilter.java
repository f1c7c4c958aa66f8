package dev.asyncio4j.examples.reddit;

import java.util.Locale;

/**
 * The period a subreddit's top posts are taken from: Reddit's {@code t} parameter of
 * {@code /r/<name>/top.json}. {@link #toString()} is the parameter's value ({@code day}), which is
 * also how the command line spells it. Immutable.
 */
public enum TimeFilter {
    /** The past hour. */
    HOUR,
    /** The past 24 hours: the tutorial's {@code t=day}. */
    DAY,
    /** The past week. */
    WEEK,
    /** The past month. */
    MONTH,
    /** The past year. */
    YEAR,
    /** All time. */
    ALL;

    /**
     * The parameter's value, as Reddit spells it.
     *
     * @return {@code hour}, {@code day}, {@code week}, {@code month}, {@code year} or {@code all}
     */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
