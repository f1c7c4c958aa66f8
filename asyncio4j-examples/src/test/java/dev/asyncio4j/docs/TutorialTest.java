package dev.asyncio4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.examples.TutorialExamples;
import dev.asyncio4j.examples.TutorialExamples.Example;
import dev.asyncio4j.examples.TutorialOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Keeps {@code docs/tutorial.md} in step with the tutorial it retells and with the examples it
 * quotes, so that neither can drift unnoticed:
 * <ul>
 *   <li>each {@code java} block follows a {@code <!-- from: PATH#REGION[,REGION...] -->} line and
 *       equals, indentation aside, those regions of the examples' sources (PATH is relative to
 *       {@code asyncio4j-examples/src/main/java}; a region runs from {@code // tutorial:begin REGION}
 *       to {@code // tutorial:end}; several regions are joined by a blank line); and every marked
 *       region is quoted somewhere;
 *   <li>each {@code python} or {@code pytb} block is a run of whole lines of the tutorial,
 *       {@code ../shared/reference/asyncio-tutorial.txt} from the repository root (skipped, as an
 *       assumption that says so, where that file is absent);
 *   <li>each {@code text} block that follows {@code <!-- output: NAME -->} is what the example NAME
 *       prints ({@code demo}: the tutorial's own output, which the demo prints);
 *   <li>every {@code ./asyncio4j examples NAME} names an example;
 *   <li>the tutorial's sections are all there, in its order.
 * </ul>
 */
@Timeout(60)
class TutorialTest {

    private static final String TUTORIAL = "docs/tutorial.md";
    private static final String REFERENCE = "../shared/reference/asyncio-tutorial.txt";
    private static final String SOURCES = "asyncio4j-examples/src/main/java";

    /**
     * The tutorial's sections in its order (the cheat sheet's title first), each a heading of
     * tutorial.md, and the subsections the retelling adds for the parts without a heading of
     * their own.
     */
    private static final List<String> SECTIONS = List.of(
            "## async/await <==> @asyncio.coroutine/yield from",
            "## Coroutines",
            "## Yield from",
            "## Async/await",
            "## Running the event loop",
            "### The loop in its own thread",
            "## An example",
            "### Its output, and why the order changes",
            "## Conclusion");

    private static final Pattern FENCE = Pattern.compile("^```\\s*(\\S*)\\s*$");
    private static final Pattern FROM = Pattern.compile("^<!-- from: (\\S+?)#(\\S+) -->$");
    private static final Pattern OUTPUT = Pattern.compile("^<!-- output: (\\S+) -->$");
    private static final Pattern BEGIN = Pattern.compile("^\\s*// tutorial:begin (\\S+)\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*// tutorial:end\\s*$");
    private static final Pattern EXAMPLE_COMMAND = Pattern.compile("\\./asyncio4j examples ([\\w-]+)");

    /** A fenced block of tutorial.md: its language, the marker line before it, its lines. */
    record Block(int line, String language, String marker, List<String> lines) {
        @Override
        public String toString() {
            return TUTORIAL + " line " + line + " (" + language + (marker != null ? ", " + marker : "") + ")";
        }
    }

    private final Path root = DocFiles.repositoryRoot(TUTORIAL);
    private final List<String> lines = DocFiles.readLines(root.resolve(TUTORIAL));
    private final List<Block> blocks = blocks(lines);

    @TestFactory
    Stream<DynamicTest> javaBlocksAreTheExamplesCode() {
        Map<String, List<String>> regions = regions(root.resolve(SOURCES));
        List<Block> java = blocks.stream().filter(b -> b.language().equals("java")).toList();
        assertFalse(java.isEmpty(), "no java block in " + TUTORIAL);
        return java.stream().map(block -> DynamicTest.dynamicTest(block.toString(), () -> {
            Matcher from = block.marker() == null ? null : FROM.matcher(block.marker());
            if (from == null || !from.matches()) {
                fail(block + ": a java block follows a line <!-- from: PATH#REGION --> naming the example it quotes");
            }
            List<String> expected = new ArrayList<>();
            for (String name : from.group(2).split(",")) {
                String key = from.group(1) + "#" + name;
                List<String> region = regions.get(key);
                if (region == null) {
                    fail(block + ": no region " + key + " (a // tutorial:begin " + name + " ... // tutorial:end in "
                            + SOURCES + "/" + from.group(1) + ")");
                }
                if (!expected.isEmpty()) {
                    expected.add("");
                }
                expected.addAll(dedent(region));
            }
            assertEquals(String.join("\n", expected), String.join("\n", dedent(block.lines())),
                    block + " differs from " + SOURCES + "/" + from.group(1) + "#" + from.group(2)
                            + ": copy the region into the tutorial again");
        }));
    }

    @Test
    void everyMarkedRegionIsQuoted() {
        Set<String> quoted = new LinkedHashSet<>();
        for (Block block : blocks) {
            Matcher from = block.marker() == null ? null : FROM.matcher(block.marker());
            if (from != null && from.matches()) {
                for (String name : from.group(2).split(",")) {
                    quoted.add(from.group(1) + "#" + name);
                }
            }
        }
        List<String> unquoted = new ArrayList<>(regions(root.resolve(SOURCES)).keySet());
        unquoted.removeAll(quoted);
        assertEquals(List.of(), unquoted, "regions marked for the tutorial that " + TUTORIAL + " does not quote");
    }

    @TestFactory
    Stream<DynamicTest> pythonBlocksAreTheTutorials() {
        Path reference = root.resolve(REFERENCE).normalize();
        List<Block> python = blocks.stream()
                .filter(b -> b.language().equals("python") || b.language().equals("pytb"))
                .toList();
        assertFalse(python.isEmpty(), "no python block in " + TUTORIAL);
        return python.stream().map(block -> DynamicTest.dynamicTest(block.toString(), () -> {
            Assumptions.assumeTrue(Files.isRegularFile(reference), "the tutorial is not at " + reference
                    + ", so its Python snippets were not compared with it (the Java ones were)");
            assertContainsRun(DocFiles.readLines(reference), block.lines(), block + " is not a run of lines of " + REFERENCE);
        }));
    }

    @TestFactory
    Stream<DynamicTest> outputBlocksAreWhatTheExamplesPrint() {
        List<Block> outputs = blocks.stream().filter(b -> b.marker() != null && OUTPUT.matcher(b.marker()).matches())
                .toList();
        assertFalse(outputs.isEmpty(), "no <!-- output: NAME --> block in " + TUTORIAL);
        return outputs.stream().map(block -> DynamicTest.dynamicTest(block.toString(), () -> {
            assertEquals("text", block.language(), block + ": an output block is a text block");
            Matcher output = OUTPUT.matcher(block.marker());
            assertTrue(output.matches());
            String name = output.group(1);
            List<String> printed;
            if (name.equals("demo")) {
                printed = TutorialOutput.LINES;   // what DemoCommandIT sees ./asyncio4j demo print
                Path reference = root.resolve(REFERENCE).normalize();
                if (Files.isRegularFile(reference)) {
                    assertContainsRun(DocFiles.readLines(reference), block.lines(), block + ": the demo prints the tutorial's lines");
                }
            } else {
                Example example = TutorialExamples.find(name)
                        .orElseThrow(() -> new AssertionError(block + ": no example named " + name));
                printed = run(example);
            }
            assertEquals(String.join("\n", trimTrailingBlankLines(printed)),
                    String.join("\n", trimTrailingBlankLines(block.lines())),
                    block + " is not what " + name + " prints");
        }));
    }

    @Test
    void everyExampleCommandNamesAnExample() {
        List<String> unknown = new ArrayList<>();
        int commands = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXAMPLE_COMMAND.matcher(lines.get(i));
            while (m.find()) {
                commands++;
                if (TutorialExamples.find(m.group(1)).isEmpty()) {
                    unknown.add(m.group(1) + " (line " + (i + 1) + ")");
                }
            }
        }
        assertTrue(commands > 0, "no ./asyncio4j examples NAME in " + TUTORIAL);
        assertEquals(List.of(), unknown, "./asyncio4j examples NAME with no such example in " + TUTORIAL);
    }

    @Test
    void everyExampleIsRunByTheTutorial() {
        String text = String.join("\n", lines);
        List<String> missing = new ArrayList<>();
        for (Example example : TutorialExamples.all()) {
            if (!Pattern.compile("\\./asyncio4j examples " + Pattern.quote(example.name()) + "\\b").matcher(text)
                    .find()) {
                missing.add(example.name());
            }
        }
        assertEquals(List.of(), missing, "examples that " + TUTORIAL + " never shows how to run");
    }

    @Test
    void everySectionOfTheTutorialIsThereInItsOrder() {
        List<String> headings = lines.stream().filter(line -> line.startsWith("#")).map(String::strip).toList();
        int at = -1;
        for (String section : SECTIONS) {
            int found = -1;
            for (int i = at + 1; i < headings.size(); i++) {
                String heading = headings.get(i);
                if (heading.startsWith(section) && (heading.length() == section.length()
                        || !Character.isLetterOrDigit(heading.charAt(section.length())))) {
                    found = i;
                    break;
                }
            }
            assertTrue(found >= 0, "no heading \"" + section + "\" after \"" + (at >= 0 ? headings.get(at) : "the title")
                    + "\" in " + TUTORIAL + " (the tutorial's sections, in its order)");
            at = found;
        }
    }

    @Test
    void theSectionsAreTheTutorials() {
        Path reference = root.resolve(REFERENCE).normalize();
        Assumptions.assumeTrue(Files.isRegularFile(reference), "the tutorial is not at " + reference
                + ", so the list of its sections was not compared with it");
        List<String> text = DocFiles.readLines(reference).stream().map(String::strip).toList();
        int at = -1;
        for (String section : SECTIONS) {
            if (section.startsWith("### ")) {
                continue;  // the retelling's own subsections
            }
            String title = section.substring(3);
            int found = text.subList(at + 1, text.size()).indexOf(title);
            assertTrue(found >= 0, "\"" + title + "\" is not a line of " + REFERENCE + " after line " + (at + 1));
            at += found + 1;
        }
    }

    /** Runs an example as {@code ./asyncio4j examples NAME} does, and returns what it printed. */
    private static List<String> run(Example example) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EventLoop loop = Asyncio.newEventLoop();
        Asyncio.setEventLoop(loop);   // as getEventLoop() makes one on the JVM's main thread
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            example.run(out);
        } finally {
            Asyncio.setEventLoop(null);
            loop.close();
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Fails unless {@code run} is a run of consecutive lines of {@code text}, trailing spaces aside. */
    private static void assertContainsRun(List<String> text, List<String> run, String message) {
        List<String> haystack = text.stream().map(String::stripTrailing).toList();
        List<String> needle = trimTrailingBlankLines(run.stream().map(String::stripTrailing).toList());
        assertFalse(needle.isEmpty(), message + ": the block is empty");
        assertTrue(Collections.indexOfSubList(haystack, needle) >= 0, message);
    }

    /** The marked regions of every source under {@code sources}, by {@code path#name}. */
    private static Map<String, List<String>> regions(Path sources) {
        Map<String, List<String>> regions = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String path = sources.relativize(file).toString().replace('\\', '/');
                List<String> source = DocFiles.readLines(file);
                String open = null;
                int openedAt = 0;
                List<String> region = null;
                for (int i = 0; i < source.size(); i++) {
                    String line = source.get(i);
                    Matcher begin = BEGIN.matcher(line);
                    if (begin.matches()) {
                        if (open != null) {
                            fail(path + " line " + (i + 1) + ": tutorial:begin inside region " + open);
                        }
                        open = begin.group(1);
                        openedAt = i + 1;
                        region = new ArrayList<>();
                        if (regions.containsKey(path + "#" + open)) {
                            fail(path + " line " + (i + 1) + ": a second region named " + open);
                        }
                    } else if (END.matcher(line).matches()) {
                        if (open == null) {
                            fail(path + " line " + (i + 1) + ": tutorial:end without tutorial:begin");
                        }
                        regions.put(path + "#" + open, List.copyOf(region));
                        open = null;
                    } else if (open != null) {
                        region.add(line);
                    }
                }
                if (open != null) {
                    fail(path + " line " + openedAt + ": region " + open + " has no tutorial:end");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return regions;
    }

    /** The fenced blocks of a Markdown file, each with the non-blank line before its fence. */
    private static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            String marker = null;
            for (int j = i - 1; j >= 0; j--) {
                if (!lines.get(j).isBlank()) {
                    marker = lines.get(j).strip().startsWith("<!--") ? lines.get(j).strip() : null;
                    break;
                }
            }
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                fail(TUTORIAL + " line " + (i + 1) + ": a code block that is never closed");
            }
            blocks.add(new Block(i + 1, fence.group(1), marker, lines.subList(start, end)));
            i = end;
        }
        return blocks;
    }

    /** The lines without their common indentation and trailing spaces. */
    private static List<String> dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        int common = indent == Integer.MAX_VALUE ? 0 : indent;
        return trimTrailingBlankLines(lines.stream()
                .map(line -> line.isBlank() ? "" : line.substring(common).stripTrailing())
                .toList());
    }

    private static List<String> trimTrailingBlankLines(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return lines.subList(0, end);
    }
}
