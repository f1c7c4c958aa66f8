package dev.asyncio4j.internal.subprocess;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.KeyboardInterruptException;
import dev.asyncio4j.net.Endpoint;
import dev.asyncio4j.subprocess.Stdio;
import dev.asyncio4j.subprocess.SubprocessOptions;
import dev.asyncio4j.subprocess.SubprocessProtocol;
import dev.asyncio4j.subprocess.SubprocessTransport;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The event loop's subprocess methods: asyncio's {@code subprocess_exec} and
 * {@code subprocess_shell} with {@code _make_subprocess_transport}, and how a child is started,
 * signalled and its exit status read. Stateless.
 *
 * <p>Children are started with {@link ProcessBuilder}, on a few pooled threads rather than the
 * loop's (the start waits for the child's exec): on Linux the JDK's default launch mechanism is
 * {@code POSIX_SPAWN} (through its small {@code jspawnhelper} program);
 * {@code -Djdk.lang.Process.launchMechanism=FORK} or {@code VFORK} (deprecated, it warns) choose
 * another. The JDK closes every other descriptor in the child, as asyncio's {@code close_fds}.
 */
public final class ChildProcesses {

    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    private static final int MAX_SIGNAL = 64;
    private static final System.Logger LOG = System.getLogger("dev.asyncio4j");
    private static final File DEV_NULL = new File("/dev/null");
    // Where children are started. ProcessBuilder.start() blocks until the child has exec'd (the
    // JDK waits for jspawnhelper to report), about a millisecond of waiting, not of work: done on
    // the loop's thread, as asyncio's Popen is, it would stall the loop and serialize spawns.
    // A few pooled threads, idle ones ending after a while; no thread per child.
    private static final ExecutorService SPAWNER = spawner();
    // ENOENT as the JDK words it: "error=2, No such file..." or "Exec failed, error: 2 (No such file...".
    private static final Pattern NO_SUCH_FILE = Pattern.compile("error(=|: )2\\b");

    private ChildProcesses() {}

    private static ExecutorService spawner() {
        int threads = Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 8);
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> Thread.ofPlatform().daemon()
                        .name("asyncio4j-spawn-" + count.incrementAndGet()).unstarted(task));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Starts {@code command} (the program, then its arguments): asyncio's
     * {@code loop.subprocess_exec(protocol_factory, program, *args, ...)}. Checks the command at
     * once; the child starts when the coroutine runs. Loop-confined.
     *
     * @throws IllegalArgumentException if {@code command} is empty
     */
    public static <P extends SubprocessProtocol> Coroutine<Endpoint<SubprocessTransport, P>> subprocessExec(
            EventLoop loop, Supplier<? extends P> protocolFactory, List<String> command, SubprocessOptions options) {
        List<String> args = List.copyOf(command);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("subprocessExec needs a program to run");
        }
        return create(loop, protocolFactory, args, options, "execute program " + args.get(0), args.get(0));
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c}: asyncio's
     * {@code loop.subprocess_shell(protocol_factory, cmd, ...)}. Loop-confined.
     */
    public static <P extends SubprocessProtocol> Coroutine<Endpoint<SubprocessTransport, P>> subprocessShell(
            EventLoop loop, Supplier<? extends P> protocolFactory, String cmd, SubprocessOptions options) {
        Objects.requireNonNull(cmd, "cmd");
        return create(loop, protocolFactory, List.of("/bin/sh", "-c", cmd), options, "run shell command " + cmd, cmd);
    }

    private static <P extends SubprocessProtocol> Coroutine<Endpoint<SubprocessTransport, P>> create(
            EventLoop loop, Supplier<? extends P> protocolFactory, List<String> command, SubprocessOptions options,
            String description, String program) {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        return Asyncio.async("subprocess", () -> {
            P protocol = Objects.requireNonNull(protocolFactory.get(), "the protocol factory returned null");
            if (loop.getDebug()) {
                LOG.log(System.Logger.Level.DEBUG, description);
            }
            ProcessTransport transport = awaitSpawn(spawn(loop, builder(command, options), protocol, options));
            Future<Void> waiter = loop.createFuture();
            transport.start(waiter, program);
            try {
                Asyncio.await(waiter);
            } catch (KeyboardInterruptException | VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                // Cancelled (or connectionMade failed) before the caller got the transport: do
                // not leave the child running. asyncio's _make_subprocess_transport does the same.
                transport.close();
                Asyncio.await(transport.waitExit());
                throw e;
            }
            return new Endpoint<SubprocessTransport, P>(transport, protocol);
        });
    }

    /**
     * Starts the child on the spawner pool, with its pipes' pumps, and resolves to its transport
     * on the loop. A child whose start completes after the loop closed is killed.
     */
    private static Future<ProcessTransport> spawn(EventLoop loop, ProcessBuilder builder,
            SubprocessProtocol protocol, SubprocessOptions options) {
        Future<ProcessTransport> spawned = loop.createFuture();
        SPAWNER.execute(() -> {
            ProcessTransport transport;
            try {
                transport = ProcessTransport.open(loop, protocol, start(builder), options);
            } catch (Throwable e) {
                post(loop, () -> spawned.setException(e));
                return;
            }
            if (!post(loop, () -> spawned.setResult(transport))) {
                discard((Process) transport.getExtraInfo("subprocess"));
            }
        });
        return spawned;
    }

    /**
     * Awaits the start. A start cannot be interrupted: if the awaiting task is cancelled, it still
     * waits for the start to end, then kills and reaps the child before it gives up, so no child
     * outlives a cancelled subprocessExec (asyncio's _make_subprocess_transport closes and waits
     * for a transport it did not hand out).
     */
    private static ProcessTransport awaitSpawn(Future<ProcessTransport> spawning) throws Exception {
        try {
            return Asyncio.await(Asyncio.shield(spawning));
        } catch (CancelledException cancelled) {
            ProcessTransport late;
            try {
                late = Asyncio.await(spawning);
            } catch (Exception failedToo) {
                throw cancelled;
            }
            Asyncio.await(late.abandon());
            throw cancelled;
        }
    }

    /**
     * From a thread that is not the loop's: runs {@code event} on the loop. False if the loop is
     * closed (nobody will ever hear from the caller: it should stop). Thread-safe.
     */
    static boolean post(EventLoop loop, Runnable event) {
        try {
            loop.callSoonThreadsafe(event);
            return true;
        } catch (IllegalStateException closedLoop) {
            return false;
        }
    }

    /** Kills a child nobody will use; the JDK reaps it. */
    static void discard(Process process) {
        process.toHandle().destroyForcibly();
        PipeTransport.closeQuietly(process.getOutputStream());
        PipeTransport.closeQuietly(process.getInputStream());
        PipeTransport.closeQuietly(process.getErrorStream());
    }

    /** The {@link ProcessBuilder} for {@code command} with {@code options}' streams, environment and directory. */
    static ProcessBuilder builder(List<String> command, SubprocessOptions options) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(switch (options.stdin().kind()) {
            case PIPE -> Redirect.PIPE;
            case DEVNULL -> Redirect.from(DEV_NULL);
            case READ_FILE -> Redirect.from(options.stdin().file().toFile());
            default -> Redirect.INHERIT;
        });
        builder.redirectOutput(output(options.stdout()));
        if (options.stderr().kind() == Stdio.Kind.STDOUT) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(output(options.stderr()));
        }
        Map<String, String> env = options.env();
        if (env != null) {
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.putAll(env);
        }
        if (options.cwd() != null) {
            builder.directory(options.cwd().toFile());
        }
        return builder;
    }

    private static Redirect output(Stdio stdio) {
        return switch (stdio.kind()) {
            case PIPE -> Redirect.PIPE;
            case DEVNULL -> Redirect.DISCARD;
            case WRITE_FILE -> Redirect.to(stdio.file().toFile());
            case APPEND_FILE -> Redirect.appendTo(stdio.file().toFile());
            default -> Redirect.INHERIT;
        };
    }

    /**
     * Starts the child. A missing program or directory becomes {@link FileNotFoundException}
     * (asyncio's {@code FileNotFoundError}), keeping the JDK's message.
     */
    static Process start(ProcessBuilder builder) throws IOException {
        try {
            return builder.start();
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (NO_SUCH_FILE.matcher(message).find()) {
                FileNotFoundException notFound = new FileNotFoundException(message);
                notFound.initCause(e);
                throw notFound;
            }
            throw e;
        }
    }

    /** Waits, uninterruptibly, for the child to exit; the JDK's exit status. */
    static int awaitExit(Process process) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * asyncio's return code for the JDK's exit status: {@code -N} for a child killed by signal N.
     * The JDK reports such a death as {@code 128 + N}, as shells do, so a status of 129..192
     * whose signal kills by default is read as that signal; the others are exit statuses.
     */
    public static int returncode(int status) {
        int signal = status - 128;
        return killsByDefault(signal) ? -signal : status;
    }

    /** Whether the default action of {@code signal} ends the process (Linux numbering). */
    private static boolean killsByDefault(int signal) {
        if (signal < 1 || signal > MAX_SIGNAL) {
            return false;
        }
        // Not: SIGCHLD 17, SIGCONT 18, SIGSTOP 19, SIGTSTP 20, SIGTTIN 21, SIGTTOU 22, SIGURG 23,
        // SIGWINCH 28 (ignored or stopping by default); 32 and 33 are the C library's own.
        return !(signal >= 17 && signal <= 23) && signal != 28 && signal != 32 && signal != 33;
    }

    /** @throws IllegalArgumentException unless {@code signal} is a signal number, 1..64 */
    static void checkSignal(int signal) {
        if (signal < 1 || signal > MAX_SIGNAL) {
            throw new IllegalArgumentException("invalid signal number " + signal + " (1.." + MAX_SIGNAL + ")");
        }
    }

    /**
     * Sends {@code signal} to a child that still runs; nothing once the JDK has seen it exit
     * (asyncio ignores {@code ProcessLookupError} here). SIGTERM and SIGKILL go through
     * {@link ProcessHandle}, which also checks the process's start time against pid reuse; the
     * JDK has no call for the others, so they are sent by the shell's {@code kill}, which takes a
     * process start (about a millisecond).
     */
    static void sendSignal(Process process, int signal) {
        ProcessHandle handle = process.toHandle();
        if (signal == SIGKILL) {
            handle.destroyForcibly();
        } else if (signal == SIGTERM) {
            handle.destroy();
        } else if (process.isAlive()) {
            try {
                Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " " + process.pid())
                        .redirectInput(Redirect.from(DEV_NULL))
                        .redirectOutput(Redirect.DISCARD)
                        .redirectError(Redirect.DISCARD)
                        .start();
                awaitExit(kill);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot send signal " + signal + " to process " + process.pid(), e);
            }
        }
    }

    /** Throws {@code error} unchanged, whatever its type. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable error) throws E {
        throw (E) error;
    }
}
