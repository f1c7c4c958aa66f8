package dev.asyncio4j.subprocess;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a child's standard stream goes: asyncio's {@code stdin=}/{@code stdout=}/{@code stderr=}
 * values {@code PIPE}, {@code DEVNULL}, {@code STDOUT} and {@code None} (inherit), plus files.
 * Immutable.
 *
 * <pre>{@code
 * import static dev.asyncio4j.subprocess.Subprocess.*;   // PIPE, DEVNULL, STDOUT, INHERIT
 *
 * SubprocessOptions.of(PIPE, PIPE, STDOUT)                // stderr merged into stdout
 * SubprocessOptions.DEFAULT.withStdout(Stdio.to(Path.of("out.log")))
 * }</pre>
 */
public final class Stdio {

    /** What a {@link Stdio} does. */
    public enum Kind {
        /** A new pipe, read or written by the parent through the transport's pipe transport. */
        PIPE,
        /** {@code /dev/null}. */
        DEVNULL,
        /** For stderr only: the same place as stdout ({@code 2>&1}). */
        STDOUT,
        /** The parent's own stream (asyncio's {@code None}, the default). */
        INHERIT,
        /** Read from a file (stdin only). */
        READ_FILE,
        /** Write to a file, truncating it first (stdout and stderr only). */
        WRITE_FILE,
        /** Append to a file (stdout and stderr only). */
        APPEND_FILE
    }

    /** A new pipe: asyncio's {@code subprocess.PIPE}. */
    public static final Stdio PIPE = new Stdio(Kind.PIPE, null);
    /** {@code /dev/null}: asyncio's {@code subprocess.DEVNULL}. */
    public static final Stdio DEVNULL = new Stdio(Kind.DEVNULL, null);
    /** stderr into stdout: asyncio's {@code subprocess.STDOUT}. Valid for stderr only. */
    public static final Stdio STDOUT = new Stdio(Kind.STDOUT, null);
    /** The parent's stream: asyncio's {@code None}. */
    public static final Stdio INHERIT = new Stdio(Kind.INHERIT, null);

    private final Kind kind;
    private final Path file;

    private Stdio(Kind kind, Path file) {
        this.kind = kind;
        this.file = file;
    }

    /**
     * The child reads {@code file} as its stdin (an open file object for asyncio's {@code stdin=}).
     *
     * @param file the file to redirect to
     * @return the redirection
     */
    public static Stdio from(Path file) {
        return new Stdio(Kind.READ_FILE, Objects.requireNonNull(file, "file"));
    }

    /**
     * The child writes to {@code file}, created or truncated.
     *
     * @param file the file to redirect to
     * @return the redirection
     */
    public static Stdio to(Path file) {
        return new Stdio(Kind.WRITE_FILE, Objects.requireNonNull(file, "file"));
    }

    /**
     * The child appends to {@code file}, created if missing.
     *
     * @param file the file to redirect to
     * @return the redirection
     */
    public static Stdio appendTo(Path file) {
        return new Stdio(Kind.APPEND_FILE, Objects.requireNonNull(file, "file"));
    }

    /**
     * What this redirection does.
     *
     * @return what this redirection does
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The file of a file redirection, else null.
     *
     * @return the file of a file redirection, else null
     */
    public Path file() {
        return file;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Stdio that && kind == that.kind && Objects.equals(file, that.file);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(file);
    }

    /** {@code PIPE}, {@code DEVNULL}, ..., or {@code WRITE_FILE(out.log)}. */
    @Override
    public String toString() {
        return file == null ? kind.name() : kind.name() + "(" + file + ")";
    }
}
