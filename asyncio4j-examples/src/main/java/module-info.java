/**
 * The tutorial's programs in Java ({@code dev.asyncio4j.examples}), its closing program, the
 * subreddit reader ({@code dev.asyncio4j.examples.reddit}), and the {@code asyncio4j} command line.
 */
module dev.asyncio4j.examples {
    requires dev.asyncio4j;
    requires dev.asyncio4j.http;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    exports dev.asyncio4j.examples;
    exports dev.asyncio4j.examples.reddit;
    opens dev.asyncio4j.examples.cli to info.picocli;
}
