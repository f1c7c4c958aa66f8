/**
 * Subprocesses on the event loop: asyncio's {@code subprocess.py} (the {@link
 * dev.asyncio4j.subprocess.Subprocess} streams API) and its loop-level
 * {@link dev.asyncio4j.subprocess.SubprocessTransport}/{@link
 * dev.asyncio4j.subprocess.SubprocessProtocol} pair.
 *
 * <pre>{@code
 * import static dev.asyncio4j.Asyncio.*;
 * import static dev.asyncio4j.subprocess.Subprocess.*;
 *
 * Subprocess proc = await(createSubprocessExec(List.of("cat"), SubprocessOptions.of(PIPE, PIPE, INHERIT)));
 * ProcessOutput out = await(proc.communicate("hello".getBytes(UTF_8)));   // stdout: "hello"
 * int status = proc.returncode();                                         // 0
 *
 * var endpoint = await(loop.subprocessExec(MyProtocol::new, "ls", "-l"));  // loop.subprocess_exec
 * }</pre>
 *
 * <p>How it works: children are started with {@link java.lang.ProcessBuilder} (on Linux the JDK's
 * {@code POSIX_SPAWN} launch mechanism through {@code jspawnhelper}; the
 * {@code jdk.lang.Process.launchMechanism} property chooses {@code FORK} or the deprecated
 * {@code VFORK}), on a few pooled threads: a start waits about a millisecond for the child's
 * exec, which asyncio spends blocking its loop. The JDK gives blocking streams, and a pipe cannot join the loop's selector, so
 * each pipe ({@link dev.asyncio4j.subprocess.Stdio#PIPE} only) has a small platform thread that
 * reads or writes it and hands each chunk to the loop through its thread-safe queue; the loop's
 * thread never blocks on a child. The exit is watched by a virtual thread parked in
 * {@code Process.waitFor()}. So a child with inherited or {@code DEVNULL} streams costs no platform
 * thread at all.
 *
 * <p>Differences from asyncio, on purpose or by necessity:
 * <ul>
 *   <li>{@code wait()} is {@link dev.asyncio4j.subprocess.Subprocess#waitFor()}
 *       ({@code Object.wait()} is final).</li>
 *   <li>A child killed by signal N has return code {@code -N}, as in asyncio, but the JDK reports
 *       that death as {@code 128 + N}, so a child that exits with such a status itself reads as
 *       killed.</li>
 *   <li>Signals other than SIGTERM and SIGKILL are sent with the shell's {@code kill} (the JDK
 *       has no call for them): a process start each.</li>
 *   <li>A child that closes its stdin while it keeps running is noticed at the next write (a
 *       broken pipe), not at once (asyncio watches the pipe); its exit is noticed at once.</li>
 *   <li>Writing to a closed stdin throws {@link java.lang.IllegalStateException}, as for
 *       sockets; {@code communicate(input)} with a stdin that is not a pipe throws rather than
 *       dropping the input.</li>
 *   <li>When the child exits, the JDK closes its output pipes unless asyncio4j's reader is in the
 *       middle of reading them, which it is unless the child exits at once (within about a
 *       millisecond): then what its background processes write afterwards is lost.</li>
 *   <li>The child's stdin is closed when the child exits, even if a background process it
 *       started still reads it (asyncio keeps it open until the last reader goes).</li>
 *   <li>No {@code start_new_session}, {@code process_group}, {@code pass_fds}, {@code user} or
 *       {@code umask}: {@link java.lang.ProcessBuilder} has none.</li>
 * </ul>
 *
 * <p>Everything here is loop-confined unless it says otherwise; {@link
 * dev.asyncio4j.subprocess.Stdio}, {@link dev.asyncio4j.subprocess.SubprocessOptions} and
 * {@link dev.asyncio4j.subprocess.ProcessOutput} are immutable.
 */
package dev.asyncio4j.subprocess;
