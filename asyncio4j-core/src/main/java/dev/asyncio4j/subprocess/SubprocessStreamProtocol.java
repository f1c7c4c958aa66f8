package dev.asyncio4j.subprocess;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.net.BaseTransport;
import dev.asyncio4j.net.ReadTransport;
import dev.asyncio4j.net.WriteTransport;
import dev.asyncio4j.stream.FlowControl;
import dev.asyncio4j.stream.StreamReader;
import dev.asyncio4j.stream.StreamWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol behind a {@link Subprocess}: asyncio's {@code SubprocessStreamProtocol}, "like
 * StreamReaderProtocol, but for a subprocess". It feeds the child's stdout and stderr to
 * {@link StreamReader}s, gives its stdin a {@link StreamWriter} whose flow control follows the
 * stdin pipe, and closes the transport once the child has exited and its output pipes are read
 * to the end. Loop-confined.
 */
final class SubprocessStreamProtocol implements SubprocessProtocol {

    private final int limit;
    private final EventLoop loop;
    // asyncio's FlowControlMixin, for the stdin pipe; a drain after the pipe is gone throws an
    // IOException (asyncio: ConnectionResetError) caused by what broke it.
    private final FlowControl flow;
    private StreamWriter stdin;
    private StreamReader stdout;
    private StreamReader stderr;
    private SubprocessTransport transport;
    private boolean processExited;
    // asyncio's _pipe_fds: the output pipes not yet at their end.
    private final List<Integer> pipeFds = new ArrayList<>(2);

    SubprocessStreamProtocol(int limit, EventLoop loop) {
        this.limit = limit;
        this.loop = loop;
        this.flow = new FlowControl(loop, () -> new IOException("Connection lost"));
    }

    @Override
    public void connectionMade(SubprocessTransport transport) {
        this.transport = transport;
        BaseTransport stdoutPipe = transport.getPipeTransport(1);
        if (stdoutPipe != null) {
            stdout = new StreamReader(limit, loop);
            stdout.setTransport((ReadTransport) stdoutPipe);
            pipeFds.add(1);
        }
        BaseTransport stderrPipe = transport.getPipeTransport(2);
        if (stderrPipe != null) {
            stderr = new StreamReader(limit, loop);
            stderr.setTransport((ReadTransport) stderrPipe);
            pipeFds.add(2);
        }
        BaseTransport stdinPipe = transport.getPipeTransport(0);
        if (stdinPipe != null) {
            stdin = new StreamWriter((WriteTransport) stdinPipe, flow, null, loop);
        }
    }

    @Override
    public void pipeDataReceived(int fd, byte[] data) {
        StreamReader reader = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (reader != null) {
            reader.feedData(data);
        }
    }

    @Override
    public void pipeConnectionLost(int fd, Exception exc) {
        if (fd == 0) {
            if (stdin != null) {
                stdin.close();
            }
            flow.connectionLost(exc);
            return;
        }
        StreamReader reader = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (reader != null) {
            if (exc == null) {
                reader.feedEof();
            } else {
                reader.setException(exc);
            }
        }
        pipeFds.remove(Integer.valueOf(fd));
        maybeCloseTransport();
    }

    @Override
    public void processExited() {
        processExited = true;
        maybeCloseTransport();
    }

    private void maybeCloseTransport() {
        if (pipeFds.isEmpty() && processExited && transport != null) {
            transport.close();
            transport = null;
        }
    }

    @Override
    public void pauseWriting() {
        flow.pauseWriting();
    }

    @Override
    public void resumeWriting() {
        flow.resumeWriting();
    }

    @Override
    public void connectionLost(Exception exc) {
        flow.connectionLost(exc);
    }

    StreamWriter stdin() {
        return stdin;
    }

    StreamReader stdout() {
        return stdout;
    }

    StreamReader stderr() {
        return stderr;
    }

    /** asyncio's repr: {@code SubprocessStreamProtocol[stdin=..., stdout=...]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SubprocessStreamProtocol[");
        String separator = "";
        if (stdin != null) {
            sb.append("stdin=").append(stdin);
            separator = ", ";
        }
        if (stdout != null) {
            sb.append(separator).append("stdout=").append(stdout);
            separator = ", ";
        }
        if (stderr != null) {
            sb.append(separator).append("stderr=").append(stderr);
        }
        return sb.append(']').toString();
    }
}
