package dev.asyncio4j.internal.subprocess;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.KeyboardInterruptException;
import dev.asyncio4j.net.BaseTransport;
import dev.asyncio4j.subprocess.ProcessLookupException;
import dev.asyncio4j.subprocess.Stdio;
import dev.asyncio4j.subprocess.SubprocessOptions;
import dev.asyncio4j.subprocess.SubprocessProtocol;
import dev.asyncio4j.subprocess.SubprocessTransport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A child process and its pipes: asyncio's {@code BaseSubprocessTransport} with
 * {@code _UnixSubprocessTransport}. Made by {@code EventLoop.subprocessExec}/{@code subprocessShell}
 * (through {@link ChildProcesses}); public only so {@code dev.asyncio4j.subprocess} can wait for
 * it. Loop-confined.
 */
public final class ProcessTransport implements SubprocessTransport {

    /*
     * Overview for maintainers (asyncio's design, kept). pendingCalls holds the protocol calls
     * made before the protocol's connectionMade has run (the pumps start reading at once); it is
     * null afterwards and calls go straight to callSoon. The child's exit and each pipe's end
     * arrive independently; tryFinish calls connectionLost once the process has exited and every
     * pipe is disconnected, and that wakes the waitExit() futures (asyncio 3.12+: wait() returns
     * only after the pipes are closed, unless the return code is already known when it is
     * called). released is asyncio's "_proc is None": after connectionLost, signals throw
     * ProcessLookupException.
     *
     * The transport is made on a spawner thread (ChildProcesses) right after the child starts,
     * pumps included, and handed to the loop through its thread-safe queue, before which the loop
     * only sees it through the pumps' posts (which pendingCalls absorbs).
     *
     * The exit is watched by one virtual thread on the JDK's default scheduler, parked in
     * Process.waitFor() (a j.u.c condition, so it holds no carrier while it waits); it is
     * started from a loop callback, which runs on the loop's own thread, because a virtual thread
     * started inside a fast-mode task would inherit that task's scheduler, the loop itself. The
     * JDK's pooled "process reaper" thread does the waitpid and signals it. So asyncio4j adds no
     * platform thread per child for the exit, and none at all for stdio that is not a pipe.
     */

    private static final System.Logger LOG = System.getLogger("dev.asyncio4j");

    /** A protocol call, which may throw anything: the loop's exception handler hears of it. */
    @FunctionalInterface
    private interface ProtocolCall {
        void run() throws Exception;
    }

    private final EventLoop loop;
    private SubprocessProtocol protocol;
    private final Process process;
    private final long pid;
    // asyncio's _pipes: indexed by fd; null where that stream is not a pipe.
    private final PipeProtocol[] pipes = new PipeProtocol[3];
    private ArrayDeque<Runnable> pendingCalls = new ArrayDeque<>();
    private List<Future<Integer>> exitWaiters = new ArrayList<>();
    private Integer returncode;
    private boolean closed;
    private boolean finished;
    private boolean released;

    private ProcessTransport(EventLoop loop, SubprocessProtocol protocol, Process process) {
        this.loop = loop;
        this.protocol = protocol;
        this.process = process;
        this.pid = process.pid();
    }

    /**
     * Wraps a just started child and starts its pipes' pumps at once, on the spawner's thread
     * (the sooner a reader holds its pipe, see {@link ReadPipeTransport}, the better). Touches no
     * loop state: the loop takes the transport over through its thread-safe queue and calls
     * {@link #start}. Kills the child if the pipes cannot be set up.
     */
    static ProcessTransport open(EventLoop loop, SubprocessProtocol protocol, Process process,
            SubprocessOptions options) {
        ProcessTransport transport = new ProcessTransport(loop, protocol, process);
        try {
            transport.connectPipes(options);
        } catch (Throwable e) {
            ChildProcesses.discard(process);
            throw e;
        }
        return transport;
    }

    /** On the loop: schedules the protocol's {@code connectionMade}, after which {@code waiter} completes. */
    void start(Future<Void> waiter, String program) {
        if (loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, "process " + program + " created: pid " + pid);
        }
        loop.callSoon(() -> connected(waiter));
    }

    /**
     * On the loop, for a transport that was never started because its caller was cancelled:
     * closes the pipes, kills the child and waits until it has exited.
     */
    Coroutine<Void> abandon() {
        return Asyncio.async("abandon", () -> {
            close();
            Asyncio.await(process.onExit());
        });
    }

    private void connectPipes(SubprocessOptions options) {
        if (options.stdin() == Stdio.PIPE) {
            PipeProtocol stdin = new PipeProtocol(this, 0);
            new WritePipeTransport(loop, stdin, pid, process.getOutputStream());
            pipes[0] = stdin;
        }
        if (options.stdout() == Stdio.PIPE) {
            PipeProtocol stdout = new PipeProtocol(this, 1);
            new ReadPipeTransport(loop, stdout, "stdout", pid, process.getInputStream());
            pipes[1] = stdout;
        }
        if (options.stderr() == Stdio.PIPE) {
            PipeProtocol stderr = new PipeProtocol(this, 2);
            new ReadPipeTransport(loop, stderr, "stderr", pid, process.getErrorStream());
            pipes[2] = stderr;
        }
    }

    /**
     * The first loop callback after the spawn: asyncio's end of {@code _connect_pipes}. An
     * exception from {@code connectionMade} fails the waiter (subprocessExec then kills the child
     * and raises it), as the network transports do; asyncio only logs it.
     */
    private void connected(Future<Void> waiter) {
        watchExit();
        Throwable failure = null;
        try {
            protocol.connectionMade(this);
        } catch (KeyboardInterruptException | VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            failure = e;
        }
        ArrayDeque<Runnable> calls = pendingCalls;
        pendingCalls = null;
        for (Runnable call : calls) {
            loop.callSoon(call);
        }
        if (waiter.isDone()) {
            if (failure != null) {
                loop.callExceptionHandler(ExceptionContext.of(
                        "Exception in protocol.connection_made()", failure).with("transport", this));
            }
        } else if (failure != null) {
            waiter.setException(failure);
        } else {
            waiter.setResult(null);
        }
    }

    private void watchExit() {
        // On the loop's own thread (see the overview): the default scheduler, never the loop's.
        Thread.ofVirtual().name("asyncio4j-exit-" + pid).start(() -> {
            int status = ChildProcesses.awaitExit(process);
            ChildProcesses.post(loop, () -> processExited(ChildProcesses.returncode(status)));
        });
    }

    // ---------------------------------------------------------------- events

    private void call(ProtocolCall call) {
        Runnable runnable = () -> {
            try {
                call.run();
            } catch (Exception e) {
                throw ChildProcesses.sneaky(e); // the Handle reports it to the exception handler
            }
        };
        if (pendingCalls != null) {
            pendingCalls.add(runnable);
        } else {
            loop.callSoon(runnable);
        }
    }

    /** From a pipe: asyncio's {@code _pipe_data_received}. */
    void pipeDataReceived(int fd, byte[] data) {
        SubprocessProtocol target = protocol;
        call(() -> target.pipeDataReceived(fd, data));
    }

    /** From a pipe: asyncio's {@code _pipe_connection_lost}. */
    void pipeConnectionLost(int fd, Exception exc) {
        SubprocessProtocol target = protocol;
        call(() -> target.pipeConnectionLost(fd, exc));
        tryFinish();
    }

    /** From the exit watcher: asyncio's {@code _process_exited}. */
    private void processExited(int code) {
        if (returncode != null) {
            return;
        }
        if (loop.getDebug()) {
            LOG.log(System.Logger.Level.INFO, this + " exited with return code " + code);
        }
        returncode = code;
        PipeProtocol stdin = pipes[0];
        if (stdin != null && stdin.pipe instanceof WritePipeTransport writer) {
            writer.childExited();
        }
        SubprocessProtocol target = protocol;
        call(target::processExited);
        tryFinish();
    }

    private void tryFinish() {
        if (finished || returncode == null) {
            return;
        }
        for (PipeProtocol pipe : pipes) {
            if (pipe != null && !pipe.disconnected) {
                return;
            }
        }
        finished = true;
        call(this::callConnectionLost);
    }

    private void callConnectionLost() throws Exception {
        try {
            protocol.connectionLost(null);
        } finally {
            for (Future<Integer> waiter : exitWaiters) {
                if (!waiter.isDone()) {
                    waiter.setResult(returncode);
                }
            }
            exitWaiters = null;
            released = true;
        }
    }

    /**
     * Waits until the child has exited and the transport is finished (its pipes closed), and
     * resolves to the return code: asyncio's {@code _wait()}. Returns at once if the return code
     * is already known. Cancelling the wait leaves the process alone.
     */
    public Coroutine<Integer> waitExit() {
        return Asyncio.async("Subprocess.waitFor", () -> {
            if (returncode != null) {
                return returncode;
            }
            Future<Integer> waiter = loop.createFuture();
            exitWaiters.add(waiter);
            try {
                return Asyncio.await(waiter);
            } finally {
                if (exitWaiters != null) {
                    exitWaiters.remove(waiter);
                }
            }
        });
    }

    // ---------------------------------------------------------------- SubprocessTransport

    @Override
    public long getPid() {
        return pid;
    }

    @Override
    public Integer getReturncode() {
        return returncode;
    }

    @Override
    public BaseTransport getPipeTransport(int fd) {
        if (fd < 0 || fd >= pipes.length || pipes[fd] == null) {
            return null;
        }
        return pipes[fd].pipe;
    }

    @Override
    public void sendSignal(int signal) {
        ChildProcesses.checkSignal(signal);
        if (released) {
            throw new ProcessLookupException("process " + pid + " has exited (return code " + returncode + ")");
        }
        ChildProcesses.sendSignal(process, signal);
    }

    @Override
    public void terminate() {
        sendSignal(ChildProcesses.SIGTERM);
    }

    @Override
    public void kill() {
        sendSignal(ChildProcesses.SIGKILL);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PipeProtocol pipe : pipes) {
            if (pipe != null) {
                pipe.pipe.close();
            }
        }
        // Has the child finished, maybe without the transport knowing yet?
        if (!released && returncode == null && process.isAlive()) {
            if (loop.getDebug()) {
                LOG.log(System.Logger.Level.WARNING, "Close running child process: kill " + this);
            }
            process.toHandle().destroyForcibly();
        }
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return "subprocess".equals(name) ? process : defaultValue;
    }

    @Override
    public SubprocessProtocol getProtocol() {
        return protocol;
    }

    @Override
    public void setProtocol(SubprocessProtocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /**
     * asyncio's repr: {@code ProcessTransport[pid=123, running, stdin=..., stdout=...]}, with
     * {@code closed} first once closed and {@code returncode=N} once exited.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ProcessTransport[");
        if (closed) {
            sb.append("closed, ");
        }
        sb.append("pid=").append(pid).append(", ");
        sb.append(returncode != null ? "returncode=" + returncode : "running");
        String[] names = {"stdin", "stdout", "stderr"};
        for (int fd = 0; fd < pipes.length; fd++) {
            if (pipes[fd] != null) {
                sb.append(", ").append(names[fd]).append('=').append(pipes[fd].pipe);
            }
        }
        return sb.append(']').toString();
    }
}
