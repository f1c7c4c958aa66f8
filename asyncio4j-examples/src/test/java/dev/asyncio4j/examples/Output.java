package dev.asyncio4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A PrintStream that keeps what a program prints, for tests. Thread-safe, as PrintStream is. */
public final class Output {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** The stream to give the program. */
    public PrintStream stream() {
        return stream;
    }

    /** Everything printed so far. */
    public String text() {
        stream.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Everything printed so far, one element a line. */
    public List<String> lines() {
        return text().lines().toList();
    }
}
