package dev.asyncio4j.subprocess;

import dev.asyncio4j.stream.StreamReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The keyword arguments of asyncio's {@code create_subprocess_exec()},
 * {@code create_subprocess_shell()}, {@code loop.subprocess_exec()} and
 * {@code loop.subprocess_shell()}, as an immutable record with {@code with*} methods:
 *
 * <pre>{@code
 * Subprocess proc = await(createSubprocessExec(List.of("make", "test"), SubprocessOptions
 *         .of(DEVNULL, PIPE, STDOUT)
 *         .withCwd(Path.of("/src/project"))
 *         .withEnv(Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8"))));
 * }</pre>
 *
 * @param stdin where the child's stdin comes from (asyncio's default {@code None}: inherited)
 * @param stdout where the child's stdout goes
 * @param stderr where the child's stderr goes ({@link Stdio#STDOUT}: with stdout)
 * @param env the child's whole environment (asyncio's {@code env}); null to inherit the parent's
 * @param cwd the child's working directory (asyncio's {@code cwd}); null for the parent's
 * @param limit the buffer limit of the {@link StreamReader}s of a {@link Subprocess} (asyncio's
 *     {@code limit}, 64 KiB); unused by the loop-level methods
 */
public record SubprocessOptions(Stdio stdin, Stdio stdout, Stdio stderr, Map<String, String> env, Path cwd,
        int limit) {

    /** {@code create_subprocess_exec}'s defaults: the three streams inherited. */
    public static final SubprocessOptions DEFAULT =
            new SubprocessOptions(Stdio.INHERIT, Stdio.INHERIT, Stdio.INHERIT, null, null, StreamReader.DEFAULT_LIMIT);

    /** {@code loop.subprocess_exec}'s defaults: a pipe for each stream. */
    public static final SubprocessOptions ALL_PIPES =
            new SubprocessOptions(Stdio.PIPE, Stdio.PIPE, Stdio.PIPE, null, null, StreamReader.DEFAULT_LIMIT);

    /**
     * Checks the options and copies {@code env}.
     *
     * @throws IllegalArgumentException if {@code stdin} or {@code stdout} is {@link Stdio#STDOUT},
     *     stdin writes to a file or stdout/stderr read from one, or {@code limit <= 0}
     */
    public SubprocessOptions {
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        switch (stdin.kind()) {
            case STDOUT -> throw new IllegalArgumentException("STDOUT can only be used for stderr, not for stdin");
            case WRITE_FILE, APPEND_FILE -> throw new IllegalArgumentException(
                    "stdin cannot write to a file: use Stdio.from(path), not " + stdin);
            default -> { }
        }
        checkOutput("stdout", stdout);
        if (stdout.kind() == Stdio.Kind.STDOUT) {
            throw new IllegalArgumentException("STDOUT can only be used for stderr, not for stdout");
        }
        checkOutput("stderr", stderr);
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
        env = env == null ? null : Map.copyOf(env);
    }

    private static void checkOutput(String name, Stdio stdio) {
        if (stdio.kind() == Stdio.Kind.READ_FILE) {
            throw new IllegalArgumentException(name + " cannot read from a file: use Stdio.to(path), not " + stdio);
        }
    }

    /**
     * The defaults with the three streams set.
     *
     * @param stdin what the child's stdin is
     * @param stdout what the child's stdout is
     * @param stderr what the child's stderr is
     * @return the defaults with the three streams set
     */
    public static SubprocessOptions of(Stdio stdin, Stdio stdout, Stdio stderr) {
        return new SubprocessOptions(stdin, stdout, stderr, null, null, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * A copy with {@link #stdin()} set.
     *
     * @param value the new {@code stdin}
     * @return a copy of these options with that {@code stdin}
     */
    public SubprocessOptions withStdin(Stdio value) {
        return new SubprocessOptions(value, stdout, stderr, env, cwd, limit);
    }

    /**
     * A copy with {@link #stdout()} set.
     *
     * @param value the new {@code stdout}
     * @return a copy of these options with that {@code stdout}
     */
    public SubprocessOptions withStdout(Stdio value) {
        return new SubprocessOptions(stdin, value, stderr, env, cwd, limit);
    }

    /**
     * A copy with {@link #stderr()} set.
     *
     * @param value the new {@code stderr}
     * @return a copy of these options with that {@code stderr}
     */
    public SubprocessOptions withStderr(Stdio value) {
        return new SubprocessOptions(stdin, stdout, value, env, cwd, limit);
    }

    /**
     * A copy with {@link #env()} set (null: inherit the parent's environment).
     *
     * @param value the new {@code env}
     * @return a copy of these options with that {@code env}
     */
    public SubprocessOptions withEnv(Map<String, String> value) {
        return new SubprocessOptions(stdin, stdout, stderr, value, cwd, limit);
    }

    /**
     * A copy with {@link #cwd()} set (null: the parent's working directory).
     *
     * @param value the new {@code cwd}
     * @return a copy of these options with that {@code cwd}
     */
    public SubprocessOptions withCwd(Path value) {
        return new SubprocessOptions(stdin, stdout, stderr, env, value, limit);
    }

    /**
     * A copy with {@link #limit()} set.
     *
     * @param value the new {@code limit}
     * @return a copy of these options with that {@code limit}
     */
    public SubprocessOptions withLimit(int value) {
        return new SubprocessOptions(stdin, stdout, stderr, env, cwd, value);
    }
}
