package dev.asyncio4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncio4j.examples.reddit.DemoServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data file the examples that load a file read (the tutorial's
 * {@code '/Users/scott/data.txt'}): r/python's listing as the {@link DemoServer} serves it, in
 * Reddit's JSON shape ({@code data.children[].data.{score,title,url,...}}). Thread-safe.
 */
final class Listings {

    private static Path dataFile;

    private Listings() {}

    /**
     * A file holding r/python's listing: written to a temporary directory on first use and
     * deleted when the JVM exits.
     */
    static synchronized Path dataFile() throws IOException {
        if (dataFile == null) {
            Path dir = Files.createTempDirectory("asyncio4j-examples");
            Path file = Files.writeString(dir.resolve("data.txt"), DemoServer.listing("python"));
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            dataFile = file;
        }
        return dataFile;
    }

    /** Prints the title of each post of {@code listing}, one a line. */
    static void printTitles(JsonNode listing, PrintStream out) {
        for (JsonNode post : listing.at("/data/children")) {
            out.println(post.at("/data/title").asText());
        }
    }
}
