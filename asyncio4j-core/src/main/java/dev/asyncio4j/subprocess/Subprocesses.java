package dev.asyncio4j.subprocess;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.internal.subprocess.ProcessTransport;
import dev.asyncio4j.net.Endpoint;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * asyncio's subprocess functions, {@code create_subprocess_exec} and
 * {@code create_subprocess_shell}, also on the {@link Asyncio} facade. They work on the running
 * loop: await them in a task.
 *
 * <pre>{@code
 * Subprocess proc = await(Subprocesses.createSubprocessShell("ls /etc | wc -l",
 *         SubprocessOptions.DEFAULT.withStdout(Subprocess.PIPE)));
 * byte[] count = await(proc.stdout().read());
 * int status = await(proc.waitFor());
 * }</pre>
 *
 * <p>Stateless.
 */
public final class Subprocesses {

    private Subprocesses() {}

    /**
     * Starts {@code program} with {@code args}, its stdin, stdout and stderr inherited:
     * asyncio's {@code create_subprocess_exec(program, *args)}.
     *
     * @param program the program to run (found on the {@code PATH})
     * @param args the program's arguments
     * @return a coroutine to await for the result
     */
    public static Coroutine<Subprocess> createSubprocessExec(String program, String... args) {
        Objects.requireNonNull(program, "program");
        String[] command = new String[args.length + 1];
        command[0] = program;
        System.arraycopy(args, 0, command, 1, args.length);
        return createSubprocessExec(List.of(command), SubprocessOptions.DEFAULT);
    }

    /**
     * Starts {@code command} (the program, then its arguments) with {@code options}: asyncio's
     * {@code create_subprocess_exec(program, *args, stdin=..., stdout=..., stderr=..., limit=...,
     * env=..., cwd=...)}.
     *
     * @param command the program and its arguments
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the child; awaiting it throws
     *     {@link java.io.FileNotFoundException} if the program or {@code cwd} does not exist
     * @throws IllegalArgumentException if {@code command} is empty
     */
    public static Coroutine<Subprocess> createSubprocessExec(List<String> command, SubprocessOptions options) {
        Objects.requireNonNull(options, "options");
        List<String> args = List.copyOf(command);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("createSubprocessExec needs a program to run");
        }
        return start("createSubprocessExec", options, (loop, protocol) -> loop.subprocessExec(protocol, args, options));
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c}, its streams inherited: asyncio's
     * {@code create_subprocess_shell(cmd)}. Quote what comes from outside (the shell interprets
     * every character).
     *
     * @param cmd the shell command line, run by {@code /bin/sh -c}
     * @return a coroutine to await for the result
     */
    public static Coroutine<Subprocess> createSubprocessShell(String cmd) {
        return createSubprocessShell(cmd, SubprocessOptions.DEFAULT);
    }

    /**
     * {@link #createSubprocessShell(String)} with {@code options}: asyncio's keyword arguments.
     *
     * @param cmd the shell command line, run by {@code /bin/sh -c}
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public static Coroutine<Subprocess> createSubprocessShell(String cmd, SubprocessOptions options) {
        Objects.requireNonNull(cmd, "cmd");
        Objects.requireNonNull(options, "options");
        return start("createSubprocessShell", options, (loop, protocol) -> loop.subprocessShell(protocol, cmd, options));
    }

    /** How a function starts its child: {@code loop.subprocessExec} or {@code loop.subprocessShell}. */
    @FunctionalInterface
    private interface Starter {
        Coroutine<Endpoint<SubprocessTransport, SubprocessStreamProtocol>> start(
                EventLoop loop, Supplier<SubprocessStreamProtocol> protocolFactory);
    }

    private static Coroutine<Subprocess> start(String name, SubprocessOptions options, Starter starter) {
        return Asyncio.async(name, () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            SubprocessStreamProtocol protocol = new SubprocessStreamProtocol(options.limit(), loop);
            Endpoint<SubprocessTransport, SubprocessStreamProtocol> endpoint =
                    Asyncio.await(starter.start(loop, () -> protocol));
            return new Subprocess((ProcessTransport) endpoint.transport(), protocol, loop);
        });
    }
}
