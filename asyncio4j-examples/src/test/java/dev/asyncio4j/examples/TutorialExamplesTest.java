package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.examples.TutorialExamples.Example;
import java.util.List;
import org.junit.jupiter.api.Test;

class TutorialExamplesTest {

    @Test
    void everyTutorialSnippetIsThereInTheTutorialsOrder() {
        assertEquals(List.of("iscoroutine", "get-json-yield-from", "await-outside", "ping-local", "get-json-await",
                "speak-async", "concurrent", "loop-in-thread", "run-forever"),
                TutorialExamples.all().stream().map(Example::name).toList());
    }

    @Test
    void descriptionsFitOnOneLine() {
        for (Example example : TutorialExamples.all()) {
            assertTrue(example.name().matches("[a-z]+(-[a-z]+)*"), example.name());
            assertTrue(!example.description().isBlank() && example.description().length() <= 80
                    && !example.description().contains("\n"), example.description());
        }
    }

    @Test
    void findsByExactName() {
        assertEquals("speak-async", TutorialExamples.find("speak-async").orElseThrow().name());
        assertTrue(TutorialExamples.find("speak_async").isEmpty());
        assertTrue(TutorialExamples.find("").isEmpty());
    }
}
