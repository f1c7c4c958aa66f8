package dev.asyncio4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

/**
 * Keeps {@code docs/asyncio-to-asyncio4j.md} honest: every public name of CPython 3.13's asyncio
 * (the list beside this test's resources, made by {@code asyncio_names.py}) has a row, no row
 * names something that list lacks, and every Java class or member a link names exists in the built
 * classes. Rows marked {@code *pending: ...*} are reported as skipped, so the build shows what is
 * still to come.
 *
 * <p>It lives in the examples module because that module sits on top of the others: its test class
 * path holds every module the guide links to.
 */
class AsyncioGuideTest {

    private static final String GUIDE = "docs/asyncio-to-asyncio4j.md";
    private static final String NAMES = "/dev/asyncio4j/docs/cpython-3.13-asyncio-names.txt";
    private static final String PENDING = "*pending:";
    private static final String NOT_PROVIDED = "—";

    private static final Pattern REFERENCE = Pattern.compile("^\\[([^\\]]+)\\]:\\s+(\\S+)\\s*$");
    private static final Pattern REFERENCE_LINK = Pattern.compile("\\[`([^`]+)`\\]\\[([^\\]]+)\\]");
    private static final Pattern INLINE_LINK = Pattern.compile("\\[`([^`]+)`\\]\\(([^)\\s]+)\\)");
    private static final Pattern SINGLE_NAME = Pattern.compile("^`([A-Za-z_][\\w.]*)`$");
    private static final Pattern JDK_API = Pattern.compile(
            "^https://docs\\.oracle\\.com/en/java/javase/\\d+/docs/api/[\\w.]+/(.+)\\.html$");
    private static final String SOURCE_ROOT = "/src/main/java/";

    private final Path root = DocFiles.repositoryRoot(GUIDE);
    private final Path guide = root.resolve(GUIDE);
    private final List<String> lines = DocFiles.readLines(guide);
    private final Map<String, String> references = references(lines);
    private final List<Row> rows = rows(lines);
    private final List<String> cpythonNames = cpythonNames();

    /** One row of a table: the Python name cell, the asyncio4j cell, the differences cell. */
    record Row(int line, String python, String java, String differences) {
        boolean pending() {
            return java.contains(PENDING);
        }

        boolean notProvided() {
            return java.equals(NOT_PROVIDED);
        }

        /** The Python name, when the first cell is exactly one code span; else null. */
        String name() {
            Matcher m = SINGLE_NAME.matcher(python);
            return m.matches() ? m.group(1) : null;
        }
    }

    /** A link with a code span as its text, resolved to its target. */
    record Link(int line, String symbol, String target) {}

    @TestFactory
    Stream<DynamicTest> everyCPythonNameHasARow() {
        Map<String, Row> byName = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.name() != null) {
                byName.putIfAbsent(row.name(), row);
            }
        }
        return cpythonNames.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Row row = byName.get(name);
            if (row == null) {
                fail("no row for `" + name + "` in " + GUIDE + ": add one (with its asyncio4j name, or "
                        + NOT_PROVIDED + " and why not)");
            }
            checkRow(row);
        }));
    }

    @TestFactory
    Stream<DynamicTest> rowsBeyondCPythonsNamesLinkToRealSymbols() {
        Set<String> names = new LinkedHashSet<>(cpythonNames);
        return rows.stream()
                .filter(row -> row.name() == null || !names.contains(row.name()))
                .map(row -> DynamicTest.dynamicTest(row.python() + " (line " + row.line() + ")", () -> checkRow(row)));
    }

    @Test
    void noRowNamesAnAsyncioNameThatCPythonLacks() {
        Set<String> names = new LinkedHashSet<>(cpythonNames);
        Set<String> classes = new LinkedHashSet<>();
        for (String name : cpythonNames) {
            if (!name.startsWith("asyncio.")) {
                classes.add(name.substring(0, name.indexOf('.')));
            }
        }
        List<String> unknown = new ArrayList<>();
        for (Row row : rows) {
            String name = row.name();
            if (name == null || names.contains(name)) {
                continue;
            }
            int dot = name.indexOf('.');
            if (name.startsWith("asyncio.") || dot > 0 && classes.contains(name.substring(0, dot))) {
                unknown.add(name + " (line " + row.line() + ")");
            }
        }
        assertEquals(List.of(), unknown, "rows for names that CPython 3.13's asyncio does not have (typos?)");
    }

    @Test
    void eachCPythonNameHasOneRow() {
        Set<String> seen = new LinkedHashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (Row row : rows) {
            String name = row.name();
            if (name != null && cpythonNames.contains(name) && !seen.add(name)) {
                duplicates.add(name + " (line " + row.line() + ")");
            }
        }
        assertEquals(List.of(), duplicates, "names with more than one row");
    }

    @Test
    void everyLinkInTheGuideResolves() throws Exception {
        // The links in prose and in the differences column too, not only the asyncio4j column.
        for (int i = 0; i < lines.size(); i++) {
            for (Link link : links(i + 1, lines.get(i))) {
                checkLink(link);
            }
        }
    }

    @Test
    void theNameListIsCPythons() {
        // A guard against an empty or truncated list: 3.13 has 315 such names, among them these.
        assertTrue(cpythonNames.size() >= 300, "only " + cpythonNames.size() + " names in " + NAMES);
        for (String name : List.of("asyncio.run", "asyncio.TaskGroup", "asyncio.QueueShutDown",
                "AbstractEventLoop.call_soon", "Task.uncancel", "Queue.shutdown", "StreamWriter.start_tls")) {
            assertTrue(cpythonNames.contains(name), name + " missing from " + NAMES);
        }
    }

    private void checkRow(Row row) throws Exception {
        if (row.pending()) {
            Assumptions.abort("pending: " + row.python() + " -> " + row.java() + " (" + GUIDE + " line "
                    + row.line() + ")");
        }
        if (row.notProvided()) {
            assertFalse(row.differences().isBlank(),
                    "line " + row.line() + ": " + row.python() + " is not provided; say why in the last column");
            return;
        }
        List<Link> links = links(row.line(), row.java());
        assertFalse(links.isEmpty(), "line " + row.line() + ": the asyncio4j column of " + row.python()
                + " has no link (write [`Class.member`][Class], " + NOT_PROVIDED + ", or " + PENDING + " ...*)");
        for (Link link : links) {
            checkLink(link);
        }
        for (Link link : links(row.line(), row.differences())) {
            checkLink(link);
        }
    }

    private List<Link> links(int line, String text) {
        List<Link> links = new ArrayList<>();
        Matcher reference = REFERENCE_LINK.matcher(text);
        while (reference.find()) {
            String target = references.get(reference.group(2));
            if (target == null) {
                fail("line " + line + ": no link definition [" + reference.group(2) + "]: ...");
            }
            links.add(new Link(line, reference.group(1), target));
        }
        Matcher inline = INLINE_LINK.matcher(text);
        while (inline.find()) {
            links.add(new Link(line, inline.group(1), inline.group(2)));
        }
        return links;
    }

    private void checkLink(Link link) throws Exception {
        String className;
        Matcher jdk = JDK_API.matcher(link.target());
        if (jdk.matches()) {
            className = jdk.group(1).replace('/', '.');
        } else if (link.target().startsWith("http")) {
            fail("line " + link.line() + ": only links to sources and to the JDK's API docs are checked: "
                    + link.target());
            return;
        } else {
            Path file = guide.getParent().resolve(link.target()).normalize();
            assertTrue(Files.exists(file), "line " + link.line() + ": " + link.target() + " does not exist");
            String path = root.relativize(file).toString().replace('\\', '/');
            int source = path.indexOf(SOURCE_ROOT);
            if (source < 0 || !path.endsWith(".java") || path.endsWith("/package-info.java")) {
                return;  // a link to another kind of file, or to a package: existing is enough
            }
            className = path.substring(source + SOURCE_ROOT.length(), path.length() - ".java".length())
                    .replace('/', '.');
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            fail("line " + link.line() + ": class " + className + " (from " + link.target()
                    + ") is not on the test class path");
            return;
        }
        List<String> parts = new ArrayList<>(Arrays.asList(link.symbol().split("\\.")));
        if (parts.getFirst().equals(type.getSimpleName())) {
            parts.removeFirst();
        }
        Class<?> owner = type;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            Class<?> nested = nestedClass(owner, part);
            if (nested != null) {
                owner = nested;
                continue;
            }
            if (i == parts.size() - 1 && hasMember(owner, part)) {
                return;
            }
            fail("line " + link.line() + ": `" + link.symbol() + "`: " + owner.getName() + " has no public member "
                    + part);
        }
    }

    private static Class<?> nestedClass(Class<?> owner, String name) {
        for (Class<?> nested : owner.getClasses()) {
            if (nested.getSimpleName().equals(name)) {
                return nested;
            }
        }
        return null;
    }

    private static boolean hasMember(Class<?> owner, String name) {
        for (Method method : owner.getMethods()) {
            if (method.getName().equals(name)) {
                return true;
            }
        }
        for (Field field : owner.getFields()) {
            if (field.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> references(List<String> lines) {
        Map<String, String> references = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = REFERENCE.matcher(line);
            if (m.matches()) {
                references.put(m.group(1), m.group(2));
            }
        }
        return references;
    }

    private static List<Row> rows(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|") || line.startsWith("| ---")) {
                continue;
            }
            String[] cells = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length()).split("\\|", -1);
            if (cells.length != 3) {
                fail(GUIDE + " line " + (i + 1) + ": a table row has three cells, this one has " + cells.length);
            }
            String python = cells[0].strip();
            if (python.equals("asyncio") || python.equals("aiohttp") || python.equals("Python")) {
                continue;  // a header
            }
            rows.add(new Row(i + 1, python, cells[1].strip(), cells[2].strip()));
        }
        return rows;
    }

    private static List<String> cpythonNames() {
        try (InputStream in = AsyncioGuideTest.class.getResourceAsStream(NAMES)) {
            if (in == null) {
                throw new IllegalStateException(NAMES + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(name -> !name.isEmpty() && !name.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
