package dev.asyncio4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data the examples read: the tutorial's top posts of r/python, r/programming and r/compsci,
 * in Reddit's JSON shape ({@code data.children[].data.{score,title,url}}), shipped as resources
 * beside this class. Immutable; thread-safe.
 */
final class Listings {

    private static Path dataFile;

    private Listings() {}

    /**
     * The listing of {@code subreddit} as JSON text.
     *
     * @throws IllegalArgumentException if the examples ship no listing for it
     */
    static String json(String subreddit) {
        try (InputStream in = Listings.class.getResourceAsStream(subreddit + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no listing for r/" + subreddit
                        + "; the examples ship python, programming and compsci");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file holding r/python's listing, for the examples that load a file (the tutorial's
     * {@code '/Users/scott/data.txt'}): written to a temporary directory on first use and deleted
     * when the JVM exits.
     */
    static synchronized Path dataFile() throws IOException {
        if (dataFile == null) {
            Path dir = Files.createTempDirectory("asyncio4j-examples");
            Path file = Files.writeString(dir.resolve("data.txt"), json("python"));
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
