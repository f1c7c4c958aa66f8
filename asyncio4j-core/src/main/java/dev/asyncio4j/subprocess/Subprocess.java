package dev.asyncio4j.subprocess;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Signal;
import dev.asyncio4j.internal.subprocess.ProcessTransport;
import dev.asyncio4j.stream.StreamReader;
import dev.asyncio4j.stream.StreamWriter;
import java.io.IOException;
import java.util.List;

/**
 * A child process with streams: asyncio's {@code asyncio.subprocess.Process}, made by
 * {@link Subprocesses#createSubprocessExec} and {@link Subprocesses#createSubprocessShell} (also
 * on the {@link Asyncio} facade). Named so that it does not shadow {@link java.lang.Process}.
 *
 * <pre>{@code
 * import static dev.asyncio4j.Asyncio.*;
 * import static dev.asyncio4j.subprocess.Subprocess.PIPE;
 *
 * Subprocess proc = await(createSubprocessExec(List.of("grep", "-c", "x"),
 *         SubprocessOptions.of(PIPE, PIPE, PIPE)));
 * ProcessOutput out = await(proc.communicate("x\ny\nx\n".getBytes(UTF_8)));
 * System.out.println(out.stdout(UTF_8).strip() + " lines, exit " + proc.returncode());   // 2 lines, exit 0
 * }</pre>
 *
 * <p>asyncio's {@code wait()} is {@link #waitFor()} here, as in {@link java.lang.Process}:
 * {@code Object.wait()} is final. It returns only after the child has exited <em>and</em> its
 * output pipes are read to the end, so with {@code stdout=PIPE} read the output (or use
 * {@link #communicate}) before waiting, or the child may block on a full pipe while you wait for
 * it: asyncio's deadlock warning holds here too.
 *
 * <p>A child's pipes are read and written by a small platform thread each (none for a stream that
 * is not a pipe), never by the loop's thread; see {@code SubprocessTransport}.
 *
 * <p>Loop-confined.
 */
public final class Subprocess {

    /** A new pipe: asyncio's {@code asyncio.subprocess.PIPE}. */
    public static final Stdio PIPE = Stdio.PIPE;
    /** {@code /dev/null}: asyncio's {@code asyncio.subprocess.DEVNULL}. */
    public static final Stdio DEVNULL = Stdio.DEVNULL;
    /** stderr into stdout: asyncio's {@code asyncio.subprocess.STDOUT}. */
    public static final Stdio STDOUT = Stdio.STDOUT;
    /** The parent's stream (asyncio's {@code None}). */
    public static final Stdio INHERIT = Stdio.INHERIT;

    private final ProcessTransport transport;
    private final SubprocessStreamProtocol protocol;
    private final EventLoop loop;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;
    private final long pid;

    Subprocess(ProcessTransport transport, SubprocessStreamProtocol protocol, EventLoop loop) {
        this.transport = transport;
        this.protocol = protocol;
        this.loop = loop;
        this.stdin = protocol.stdin();
        this.stdout = protocol.stdout();
        this.stderr = protocol.stderr();
        this.pid = transport.getPid();
    }

    /**
     * The child's stdin, or null unless it is a {@link Stdio#PIPE}: asyncio's {@code stdin}.
     *
     * @return the child's stdin, or null unless it is a {@link Stdio#PIPE}
     */
    public StreamWriter stdin() {
        return stdin;
    }

    /**
     * The child's stdout, or null unless it is a pipe: asyncio's {@code stdout}.
     *
     * @return the child's stdout, or null unless it is a pipe
     */
    public StreamReader stdout() {
        return stdout;
    }

    /**
     * The child's stderr, or null unless it is a pipe: asyncio's {@code stderr}.
     *
     * @return the child's stderr, or null unless it is a pipe
     */
    public StreamReader stderr() {
        return stderr;
    }

    /**
     * The child's process id: asyncio's {@code pid}.
     *
     * @return the child's process id
     */
    public long pid() {
        return pid;
    }

    /**
     * The exit status, or null while the child runs (or before the loop has heard of its exit):
     * asyncio's {@code returncode}. {@code -N} when the child was killed by signal N.
     *
     * <p>The JDK reports a death by signal N as status {@code 128 + N}, as shells do, and
     * asyncio4j turns that into {@code -N}; so a child that itself exits with such a status (a
     * shell whose last command was killed, {@code exit 130}) reads as killed by that signal.
     *
     * @return the exit status, or null while the child runs (or before the loop has heard of its exit)
     */
    public Integer returncode() {
        return transport.getReturncode();
    }

    /**
     * Waits for the child to exit and resolves to its return code: asyncio's {@code wait()}.
     * Cancelling the wait leaves the child running.
     *
     * @return a coroutine to await for the result
     */
    public Coroutine<Integer> waitFor() {
        return transport.waitExit();
    }

    /**
     * Sends signal number {@code signal} (1..64): asyncio's {@code send_signal()}. Does nothing if
     * the child has just exited.
     *
     * @param signal the signal
     * @throws ProcessLookupException if the loop has seen the child exit and closed its transport
     */
    public void sendSignal(int signal) {
        transport.sendSignal(signal);
    }

    /**
     * {@link #sendSignal(int)} with one of the loop's {@link Signal}s: asyncio's
     * {@code send_signal(signal.SIGHUP)}.
     *
     * @param signal the signal
     */
    public void sendSignal(Signal signal) {
        transport.sendSignal(signal.number());
    }

    /** Sends SIGTERM: asyncio's {@code terminate()}. */
    public void terminate() {
        transport.terminate();
    }

    /** Sends SIGKILL: asyncio's {@code kill()}. */
    public void kill() {
        transport.kill();
    }

    /**
     * {@link #communicate(byte[])} with no input (stdin, if a pipe, is just closed): asyncio's
     * {@code communicate()}.
     *
     * @return a coroutine to await for the result
     */
    public Coroutine<ProcessOutput> communicate() {
        return communicate(null);
    }

    /**
     * Sends {@code input} to stdin and closes it, reads stdout and stderr to their end, all at
     * once, then waits for the child to exit: asyncio's {@code communicate(input)}. A child that
     * writes megabytes to both outputs while reading megabytes of input does not deadlock. A child
     * that stops reading (or exits) before taking all the input is not an error, as in asyncio.
     * Cancelling it leaves the child running.
     *
     * @param input the bytes for stdin, or null for none
     * @return a coroutine to await for the result
     * @throws IllegalStateException (when awaited) if {@code input} is given but stdin is not a
     *     pipe (asyncio ignores the input)
     */
    public Coroutine<ProcessOutput> communicate(byte[] input) {
        return Asyncio.async("Subprocess.communicate", () -> {
            if (input != null && stdin == null) {
                throw new IllegalStateException("communicate() was given input, but the child's stdin is not a pipe");
            }
            Coroutine<Void> feeding = stdin != null ? feedStdin(input) : Asyncio.async(() -> { });
            Coroutine<byte[]> out = stdout != null ? readStream(1, stdout) : Asyncio.async(() -> null);
            Coroutine<byte[]> err = stderr != null ? readStream(2, stderr) : Asyncio.async(() -> null);
            List<Object> results = Asyncio.await(Asyncio.gather(feeding, out, err));
            Asyncio.await(waitFor());
            return new ProcessOutput((byte[]) results.get(1), (byte[]) results.get(2));
        });
    }

    private Coroutine<Void> feedStdin(byte[] input) {
        return Asyncio.async("Subprocess.feedStdin", () -> {
            // A child that already went away closed the pipe: its input has nowhere to go.
            if (input != null && !stdin.isClosing()) {
                stdin.write(input);
            }
            try {
                Asyncio.await(stdin.drain());
            } catch (IOException brokenPipe) {
                // communicate() ignores a child that stops reading (asyncio: BrokenPipeError,
                // ConnectionResetError).
            }
            stdin.close();
        });
    }

    private Coroutine<byte[]> readStream(int fd, StreamReader stream) {
        return Asyncio.async("Subprocess.readStream", () -> {
            byte[] output = Asyncio.await(stream.read());
            transport.getPipeTransport(fd).close();
            return output;
        });
    }

    /** The event loop this process belongs to. */
    EventLoop loop() {
        return loop;
    }

    /** The transport underneath: asyncio's {@code _transport}, for tests. */
    SubprocessTransport transport() {
        return transport;
    }

    /** {@code Subprocess[pid=123, running]}, {@code Subprocess[pid=123, returncode=0]}. */
    @Override
    public String toString() {
        Integer code = transport.getReturncode();
        return "Subprocess[pid=" + pid + ", " + (code == null ? "running" : "returncode=" + code) + "]";
    }
}
