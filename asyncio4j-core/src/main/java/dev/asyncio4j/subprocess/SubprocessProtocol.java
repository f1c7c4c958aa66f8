package dev.asyncio4j.subprocess;

import dev.asyncio4j.net.BaseProtocol;

/**
 * What a child process's events go to: asyncio's {@code SubprocessProtocol}, for
 * {@code EventLoop.subprocessExec} and {@code subprocessShell}.
 *
 * <pre>{@code
 * final class Collect implements SubprocessProtocol {
 *     final ByteArrayOutputStream out = new ByteArrayOutputStream();
 *     final Future<Integer> exited = loop.createFuture();
 *     SubprocessTransport transport;
 *
 *     public void connectionMade(SubprocessTransport transport) { this.transport = transport; }
 *     public void pipeDataReceived(int fd, byte[] data) { out.writeBytes(data); }
 *     public void processExited() { exited.setResult(transport.getReturncode()); }
 * }
 * var endpoint = await(loop.subprocessExec(Collect::new, "ls", "-l"));
 * }</pre>
 *
 * <p>The loop calls these methods on its thread, one at a time: {@code connectionMade} first,
 * {@code connectionLost} last (once the process has exited and every pipe is closed). The pipe
 * events and {@code processExited} come in between, in the order they happened, except that
 * a pipe's end and the process's exit are independent: either may come first. Implementations
 * are loop-confined.
 */
public interface SubprocessProtocol extends BaseProtocol<SubprocessTransport> {

    /**
     * The child wrote to its stdout ({@code fd} 1) or stderr (2): asyncio's
     * {@code pipe_data_received()}. The array is the protocol's to keep.
     *
     * @param fd 1 for stdout, 2 for stderr
     * @param data the bytes
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception handler
     */
    default void pipeDataReceived(int fd, byte[] data) throws Exception {}

    /**
     * One of the child's pipes was closed: asyncio's {@code pipe_connection_lost()}. For stdin
     * ({@code fd} 0) after it was closed or the child went away; for stdout and stderr at
     * end-of-file.
     *
     * @param fd 0 for stdin, 1 for stdout, 2 for stderr
     * @param exc null for a regular close, else what broke the pipe (a write to a child that no
     *     longer reads gives an {@link java.io.IOException} "Broken pipe")
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception handler
     */
    default void pipeConnectionLost(int fd, Exception exc) throws Exception {}

    /**
     * The child exited: asyncio's {@code process_exited()}. {@code getReturncode()} is set.
     *
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception handler
     */
    default void processExited() throws Exception {}
}
