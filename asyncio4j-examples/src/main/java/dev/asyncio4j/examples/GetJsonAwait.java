package dev.asyncio4j.examples;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.toThread;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code get_json} in the {@code async}/{@code await} style: the same program as
 * {@link GetJsonYieldFrom}, with both functions coroutines.
 *
 * <pre>{@code
 * async def load_file(path):
 *     return await asyncio.to_thread(pathlib.Path(path).read_text)
 *
 * async def get_json(path):
 *     file_content = await load_file(path)
 *     return json.loads(file_content)
 *
 * for post in asyncio.run(get_json('/Users/scott/data.txt'))['data']['children']:
 *     print(post['data']['title'])
 * }</pre>
 *
 * <p>Neither asyncio nor the JDK reads files without blocking a thread, so {@code load_file}
 * reads it in the loop's default executor ({@code toThread}) and the loop stays free meanwhile.
 * An error (a missing file, text that is not JSON) is raised by {@code await} as it was thrown.
 *
 * <p>Thread confinement: both coroutines run on the loop's thread; only the file read runs on
 * another thread.
 */
public final class GetJsonAwait {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GetJsonAwait() {}

    // tutorial:begin async-await
    // async def load_file(path): the file's text, read without blocking the loop
    static Coroutine<String> loadFile(Path path) {
        return async("load_file", () -> await(toThread(() -> Files.readString(path))));
    }

    // async def get_json(path): loads the file and parses it as JSON
    static Coroutine<JsonNode> getJson(Path path) {
        return async("get_json", () -> {
            String fileContent = await(loadFile(path));   // file_content = await load_file(path)
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
