package dev.asyncio4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A PrintStream that keeps what a program prints, for tests, and can act the moment a line is
 * printed. Thread-safe, as PrintStream is.
 */
public final class Output {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Map<String, Runnable> onLine = new ConcurrentHashMap<>();
    private final PrintStream stream = new PrintStream(new OutputStream() {
        @Override
        public void write(int b) {
            bytes.write(b);
            printed();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            printed();
        }
    }, true, StandardCharsets.UTF_8);

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

    /** Runs {@code action} once, on the printing thread, as soon as the whole line {@code line} has been printed. */
    public void whenPrinted(String line, Runnable action) {
        onLine.put(line, action);
    }

    private void printed() {
        if (onLine.isEmpty()) {
            return;
        }
        String text = "\n" + bytes.toString(StandardCharsets.UTF_8);
        onLine.keySet().removeIf(line -> {
            if (text.contains("\n" + line + "\n")) {
                onLine.get(line).run();
                return true;
            }
            return false;
        });
    }
}
