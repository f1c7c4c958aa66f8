package dev.asyncio4j.examples;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.TutorialExamples.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both styles of get_json: the CompletionStage (yield from) one and the async/await one. */
@Timeout(10)
class GetJsonTest {

    static Stream<Arguments> styles() {
        return Stream.of(
                Arguments.of("yield from", (Function<Path, Coroutine<JsonNode>>) GetJsonYieldFrom::getJson,
                        (Program) GetJsonYieldFrom::run),
                Arguments.of("async/await", (Function<Path, Coroutine<JsonNode>>) GetJsonAwait::getJson,
                        (Program) GetJsonAwait::run));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void printsTheTitlesInTheShippedDataFile(String style, Function<Path, Coroutine<JsonNode>> getJson,
            Program program) throws Exception {
        Output out = new Output();

        program.run(out.stream());

        assertEquals(List.of(
                "Python async/await Tutorial",
                "Using game theory (and Python) to explain the dilemma of exchanging gifts. Turns out: giving a "
                        + "gift probably feels better than receiving one...",
                "Which version of Python do you use? (This is a poll to compare the popularity of Python 2 vs. "
                        + "Python 3)"), out.lines());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void parsesTheFileItIsGiven(String style, Function<Path, Coroutine<JsonNode>> getJson, Program program,
            @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data.txt"), "{\"data\": {\"children\": [1, 2]}, \"ok\": true}");

        JsonNode json = Asyncio.run(getJson.apply(file));

        assertEquals(2, json.at("/data/children").size());
        assertEquals(true, json.get("ok").asBoolean());
    }

    @Test
    void theOlderStylesReadLeavesTheLoopFree(@TempDir Path dir) throws Exception {
        // A FIFO's read blocks until a writer comes, and the writer comes only once the loop has run
        // another task: a read that held the loop's thread would wait out the writer's 5 s instead.
        Path fifo = dir.resolve("data.txt");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        CountDownLatch loopRan = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                boolean ran = loopRan.await(5, TimeUnit.SECONDS);
                Files.writeString(fifo, "{\"loopRanDuringTheRead\": " + ran + "}");
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        });

        JsonNode json = Asyncio.run(async(() -> {
            Task<JsonNode> read = createTask(GetJsonYieldFrom.getJson(fifo));
            await(sleep(0));   // the read's task starts load_file's thread and waits for its stage
            createTask(async(loopRan::countDown));
            return await(read);
        }));
        writer.join();

        assertTrue(json.get("loopRanDuringTheRead").asBoolean(), "the loop was blocked while load_file read");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void aMissingFileRaisesTheReadsOwnException(String style, Function<Path, Coroutine<JsonNode>> getJson,
            Program program, @TempDir Path dir) {
        Path missing = dir.resolve("missing.txt");

        NoSuchFileException error = assertThrows(NoSuchFileException.class, () -> Asyncio.run(getJson.apply(missing)));

        assertEquals(missing.toString(), error.getFile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void textThatIsNotJsonRaisesJacksonsParseError(String style, Function<Path, Coroutine<JsonNode>> getJson,
            Program program, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data.txt"), "{\"truncated\": [1, 2");

        assertThrows(JsonParseException.class, () -> Asyncio.run(getJson.apply(file)));
    }
}
