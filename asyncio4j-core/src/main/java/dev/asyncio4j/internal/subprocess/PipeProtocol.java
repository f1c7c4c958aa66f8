package dev.asyncio4j.internal.subprocess;

import dev.asyncio4j.net.BaseProtocol;
import dev.asyncio4j.net.BaseTransport;

/**
 * The protocol of one of a child's pipes, which forwards the pipe's events to the process's
 * transport: asyncio's {@code WriteSubprocessPipeProto} and {@code ReadSubprocessPipeProto}.
 * Loop-confined.
 */
final class PipeProtocol implements BaseProtocol<BaseTransport> {

    private final ProcessTransport owner;
    final int fd;
    // Set once the pipe transport exists; asyncio's proto.pipe.
    PipeTransport pipe;
    // asyncio's proto.disconnected: the pipe's connectionLost has run.
    boolean disconnected;

    PipeProtocol(ProcessTransport owner, int fd) {
        this.owner = owner;
        this.fd = fd;
    }

    /** A chunk the child wrote to this (stdout or stderr) pipe. */
    void dataReceived(byte[] data) {
        owner.pipeDataReceived(fd, data);
    }

    @Override
    public void connectionLost(Exception exc) {
        disconnected = true;
        owner.pipeConnectionLost(fd, exc);
    }

    @Override
    public void pauseWriting() throws Exception {
        owner.getProtocol().pauseWriting();
    }

    @Override
    public void resumeWriting() throws Exception {
        owner.getProtocol().resumeWriting();
    }

    /** {@code PipeProtocol[fd=1, pipe=...]}. */
    @Override
    public String toString() {
        return "PipeProtocol[fd=" + fd + ", pipe=" + pipe + "]";
    }
}
