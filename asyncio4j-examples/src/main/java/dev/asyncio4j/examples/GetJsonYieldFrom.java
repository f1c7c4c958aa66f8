package dev.asyncio4j.examples;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * {@code get_json} in the older style the tutorial shows first: {@code load_file} is a
 * generator-based coroutine, and {@code get_json} waits for it with {@code yield from}.
 *
 * <pre>{@code
 * @asyncio.coroutine
 * def load_file(path):
 *     ...
 *
 * @asyncio.coroutine
 * def get_json(client, url):
 *     file_content = yield from load_file('/Users/scott/data.txt')
 * }</pre>
 *
 * <p>In Java the older style is a method that returns a {@link java.util.concurrent.CompletionStage}
 * (here a {@link CompletableFuture} completed by a thread that reads the file off the loop's
 * thread), and {@code yield from} is {@code await(stage)}: the task waits without blocking the
 * loop, and the stage's exception, unwrapped, is raised in the task. So code written against
 * {@code CompletableFuture} APIs mixes with coroutines. (Python 3.11 removed
 * {@code @asyncio.coroutine}; {@link GetJsonAwait} is the same program with {@code async}/{@code await}.)
 * {@code get_json} reads a local file, as in the tutorial's snippet; its {@code client} and
 * {@code url} parameters are left out, since the snippet does not use them.
 *
 * <p>Thread confinement: {@code get_json} runs on the loop's thread; {@code load_file} may be
 * called on any thread and completes its stage on a thread of its own.
 */
public final class GetJsonYieldFrom {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GetJsonYieldFrom() {}

    /**
     * {@code def load_file(path)}: a stage completed with the file's text, read on a new platform
     * thread; or with the read's {@link IOException} (say {@link java.nio.file.NoSuchFileException}).
     * Not a virtual thread: one started inside a task of a fast-mode loop has the loop as its
     * scheduler, so its blocking read would hold the loop's thread.
     */
    // tutorial:begin yield-from
    // @asyncio.coroutine def load_file(path): a stage that a thread of its own completes with the text
    static CompletableFuture<String> loadFile(Path path) {
        CompletableFuture<String> content = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("load_file").start(() -> {
            try {
                content.complete(Files.readString(path));
            } catch (IOException | RuntimeException e) {
                content.completeExceptionally(e);
            }
        });
        return content;
    }

    // @asyncio.coroutine def get_json(path): loads the file and parses it as JSON
    static Coroutine<JsonNode> getJson(Path path) {
        return async("get_json", () -> {
            String fileContent = await(loadFile(path));   // file_content = yield from load_file(path)
            return JSON.readTree(fileContent);
        });
    }
    // tutorial:end

    /**
     * Runs the program, printing the titles in the shipped data file to {@code out}.
     *
     * @param out where to print
     * @throws Exception whatever the example throws
     */
    public static void run(PrintStream out) throws Exception {
        JsonNode json = Asyncio.run(getJson(Listings.dataFile()));
        Listings.printTitles(json, out);
    }

    /**
     * Runs the program on standard output.
     *
     * @param args the command line
     * @throws Exception whatever the example throws
     */
    public static void main(String[] args) throws Exception {
        run(System.out);
    }
}
