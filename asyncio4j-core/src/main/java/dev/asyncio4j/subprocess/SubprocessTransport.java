package dev.asyncio4j.subprocess;

import dev.asyncio4j.net.BaseTransport;

/**
 * A running child process and its pipes: asyncio's {@code SubprocessTransport}, made by
 * {@code EventLoop.subprocessExec} and {@code subprocessShell} and handed to the protocol's
 * {@link SubprocessProtocol#connectionMade connectionMade}.
 *
 * <p>{@link #getExtraInfo(String) getExtraInfo("subprocess")} is the {@link java.lang.Process}
 * (do not read or write its streams: the transport does). Loop-confined.
 */
public interface SubprocessTransport extends BaseTransport {

    /**
     * The child's process id: asyncio's {@code get_pid()}.
     *
     * @return the child's process id
     */
    long getPid();

    /**
     * The child's exit status, or null while it runs: asyncio's {@code get_returncode()}. A
     * child killed by signal N reports {@code -N}, as asyncio does.
     *
     * @return the child's exit status, or null while it runs
     */
    Integer getReturncode();

    /**
     * The transport of one of the child's pipes, or null if that stream is not a
     * {@link Stdio#PIPE}: asyncio's {@code get_pipe_transport(fd)}. For {@code fd} 0 a
     * {@link dev.asyncio4j.net.WriteTransport}, for 1 and 2 a
     * {@link dev.asyncio4j.net.ReadTransport}; null for any other number.
     *
     * @param fd the child's file descriptor: 0 (stdin), 1 (stdout) or 2 (stderr)
     * @return the transport of one of the child's pipes, or null if that stream is not a {@link Stdio#PIPE}
     */
    BaseTransport getPipeTransport(int fd);

    /**
     * Sends signal number {@code signal} to the child: asyncio's {@code send_signal()}. Does
     * nothing if the child has exited but this transport does not know it yet.
     *
     * @param signal the signal
     * @throws IllegalArgumentException if {@code signal} is not in 1..64
     * @throws ProcessLookupException once the transport has seen the child exit and closed
     */
    void sendSignal(int signal);

    /** Sends SIGTERM: asyncio's {@code terminate()}; see {@link #sendSignal(int)}. */
    void terminate();

    /** Sends SIGKILL: asyncio's {@code kill()}; see {@link #sendSignal(int)}. */
    void kill();

    /**
     * Closes the pipes and, if the child still runs, kills it: asyncio's {@code close()}. Does not
     * wait; the protocol's {@code connectionLost} follows once the child has exited.
     */
    @Override
    void close();

    /** The current protocol: asyncio's {@code get_protocol()}. */
    @Override
    SubprocessProtocol getProtocol();

    /**
     * Makes {@code protocol} receive this transport's events from now on: asyncio's {@code set_protocol()}.
     *
     * @param protocol the protocol
     */
    void setProtocol(SubprocessProtocol protocol);
}
