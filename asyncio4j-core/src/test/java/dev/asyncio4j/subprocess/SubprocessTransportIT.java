package dev.asyncio4j.subprocess;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.subprocess.Subprocess.DEVNULL;
import static dev.asyncio4j.subprocess.Subprocess.INHERIT;
import static dev.asyncio4j.subprocess.Subprocess.PIPE;
import static dev.asyncio4j.subprocess.Subprocess.STDOUT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.AsyncCallable;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.net.Endpoint;
import dev.asyncio4j.net.ReadTransport;
import dev.asyncio4j.net.WriteTransport;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The loop level: {@code loop.subprocessExec}/{@code subprocessShell} with a
 * {@link SubprocessProtocol}, and the {@link SubprocessTransport} (CPython's
 * SubprocessTransportTests and the transport tests of its SubprocessMixin), with real children.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubprocessTransportIT {

    private static final List<String> BLOCKED = List.of("sleep", "3600");

    @AfterEach
    void killLeftovers() {
        Children.killLeftovers();
    }

    private static <T> T run(AsyncCallable<T> body) throws Exception {
        return Asyncio.run(async(body));
    }

    /** Records every event, in order, and completes {@code lost} at connectionLost. */
    static final class Recorder implements SubprocessProtocol {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final Future<Void> lost = getRunningLoop().createFuture();
        final Future<Void> stdinLost = getRunningLoop().createFuture();
        SubprocessTransport transport;

        @Override
        public void connectionMade(SubprocessTransport transport) {
            this.transport = transport;
            events.add("connectionMade");
        }

        @Override
        public void pipeDataReceived(int fd, byte[] data) {
            (fd == 1 ? stdout : stderr).writeBytes(data);
        }

        @Override
        public void pipeConnectionLost(int fd, Exception exc) {
            events.add("pipeConnectionLost(" + fd + ", " + exc + ")");
            if (fd == 0) {
                stdinLost.setResult(null);
            }
        }

        @Override
        public void processExited() {
            events.add("processExited(" + transport.getReturncode() + ")");
        }

        @Override
        public void connectionLost(Exception exc) {
            events.add("connectionLost(" + exc + ")");
            lost.setResult(null);
        }
    }

    @Test
    void protocolEvents() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            Endpoint<SubprocessTransport, Recorder> endpoint =
                    await(loop.subprocessShell(Recorder::new, "cat; echo done >&2; exit 3"));
            Recorder protocol = endpoint.protocol();
            SubprocessTransport transport = endpoint.transport();
            assertSame(transport, protocol.transport);
            assertEquals(List.of("connectionMade"), protocol.events);
            WriteTransport stdin = assertInstanceOf(WriteTransport.class, transport.getPipeTransport(0));
            assertInstanceOf(ReadTransport.class, transport.getPipeTransport(1));
            assertInstanceOf(ReadTransport.class, transport.getPipeTransport(2));
            assertNull(transport.getPipeTransport(3));
            assertNull(transport.getPipeTransport(-1));
            assertInstanceOf(Process.class, transport.getExtraInfo("subprocess"));
            assertEquals(transport.getPid(), ((Process) transport.getExtraInfo("subprocess")).pid());
            stdin.write("hello".getBytes(UTF_8));
            stdin.close();
            await(protocol.lost);
            assertEquals("hello", protocol.stdout.toString(UTF_8));
            assertEquals("done\n", protocol.stderr.toString(UTF_8));
            assertEquals(3, transport.getReturncode());
            // The pipes' ends and the exit are independent; connectionLost is last.
            assertEquals("connectionMade", protocol.events.get(0));
            assertEquals("connectionLost(null)", protocol.events.get(protocol.events.size() - 1));
            assertTrue(protocol.events.containsAll(List.of("pipeConnectionLost(0, null)",
                    "pipeConnectionLost(1, null)", "pipeConnectionLost(2, null)", "processExited(3)")),
                    protocol.events.toString());
            assertEquals(6, protocol.events.size(), protocol.events.toString());
            // Until closed, the transport is not closing, even when finished (asyncio's test_proc_exited).
            assertTrue(!transport.isClosing());
            assertThrows(ProcessLookupException.class, transport::kill);
            transport.close();
            assertTrue(transport.isClosing());
            return null;
        });
    }

    @Test
    void defaultsArePipes() throws Exception {
        run(() -> {
            var endpoint = await(getRunningLoop().subprocessExec(Recorder::new, "echo", "one", "two"));
            await(endpoint.protocol().lost);
            assertEquals("one two\n", endpoint.protocol().stdout.toString(UTF_8));
            assertEquals(0, endpoint.transport().getReturncode());
            return null;
        });
    }

    @Test
    void noPipes() throws Exception {
        run(() -> {
            var endpoint = await(getRunningLoop().subprocessExec(Recorder::new, List.of("sh", "-c", "exit 5"),
                    SubprocessOptions.of(DEVNULL, INHERIT, STDOUT)));
            await(endpoint.protocol().lost);
            assertEquals(List.of("connectionMade", "processExited(5)", "connectionLost(null)"), endpoint.protocol().events);
            for (int fd = 0; fd < 3; fd++) {
                assertNull(endpoint.transport().getPipeTransport(fd));
            }
            return null;
        });
    }

    @Test
    void describes() throws Exception {
        run(() -> {
            var endpoint = await(getRunningLoop().subprocessExec(Recorder::new, BLOCKED,
                    SubprocessOptions.of(PIPE, PIPE, DEVNULL)));
            SubprocessTransport transport = endpoint.transport();
            long pid = transport.getPid();
            assertEquals("ProcessTransport[pid=" + pid + ", running, stdin=WritePipeTransport[stdin, open, bufsize=0, pid="
                    + pid + "], stdout=ReadPipeTransport[stdout, open, reading, pid=" + pid + "]]", transport.toString());
            transport.close();
            await(endpoint.protocol().lost);
            assertEquals("ProcessTransport[closed, pid=" + pid + ", returncode=-9, stdin=WritePipeTransport[stdin, closed, "
                    + "bufsize=0, pid=" + pid + "], stdout=ReadPipeTransport[stdout, closed, pid=" + pid + "]]",
                    transport.toString());
            return null;
        });
    }

    @Test
    void signalsThroughTheTransport() throws Exception {
        // The transport's own sendSignal, terminate and kill (asyncio's SubprocessTransport), each
        // ending a child that sleeps, and ProcessLookupException once it has exited.
        run(() -> {
            List<Integer> statuses = new ArrayList<>();
            for (int way = 0; way < 3; way++) {
                var endpoint = await(getRunningLoop().subprocessExec(Recorder::new, BLOCKED,
                        SubprocessOptions.of(DEVNULL, DEVNULL, DEVNULL)));
                SubprocessTransport transport = endpoint.transport();
                switch (way) {
                    case 0 -> transport.sendSignal(dev.asyncio4j.Signal.SIGUSR1.number());
                    case 1 -> transport.terminate();
                    default -> transport.kill();
                }
                await(endpoint.protocol().lost);
                statuses.add(transport.getReturncode());
                assertThrows(ProcessLookupException.class, () -> transport.sendSignal(15));
                assertThrows(ProcessLookupException.class, transport::terminate);
                transport.close();
            }
            assertEquals(List.of(-10, -15, -9), statuses);
            return null;
        });
    }

    @Test
    void closeKillsRunningChild() throws Exception {
        run(() -> {
            var endpoint = await(getRunningLoop().subprocessExec(Recorder::new, BLOCKED, SubprocessOptions.ALL_PIPES));
            SubprocessTransport transport = endpoint.transport();
            assertNull(transport.getReturncode());
            transport.close();
            await(endpoint.protocol().lost);
            assertEquals(-9, transport.getReturncode());
            return null;
        });
    }

    @Test
    void closeDoesNotKillFinishedChild() throws Exception {
        run(() -> {
            var endpoint = await(getRunningLoop().subprocessExec(Recorder::new, BLOCKED,
                    SubprocessOptions.of(DEVNULL, DEVNULL, DEVNULL)));
            SubprocessTransport transport = endpoint.transport();
            Process process = (Process) transport.getExtraInfo("subprocess");
            // Killed and reaped behind the transport's back, which has not heard of it yet.
            process.toHandle().destroy();
            assertEquals(143, (int) await(Asyncio.toThread(() -> process.waitFor())));
            transport.close(); // must not signal a pid that may belong to someone else by now
            await(endpoint.protocol().lost);
            assertEquals(-15, transport.getReturncode());
            return null;
        });
    }

    @Test
    void cancelAfterSpawn() throws Exception {
        run(() -> {
            // asyncio's test_cancel_post_init: cancelled while waiting for connectionMade.
            java.util.Set<Long> before = Children.alive();
            Task<?> task = createTask(getRunningLoop().subprocessExec(Recorder::new, BLOCKED, SubprocessOptions.ALL_PIPES));
            getRunningLoop().callSoon(task::cancel);
            assertThrows(CancelledException.class, () -> await(task));
            assertEquals(before, Children.alive());
            return null;
        });
    }

    @Test
    void failingConnectionMadeKillsTheChild() throws Exception {
        run(() -> {
            java.util.Set<Long> before = Children.alive();
            List<ExceptionContext> reported = new ArrayList<>();
            getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> await(getRunningLoop().subprocessExec(() -> new SubprocessProtocol() {
                        @Override
                        public void connectionMade(SubprocessTransport transport) {
                            throw new IllegalStateException("no thanks");
                        }
                    }, BLOCKED, SubprocessOptions.ALL_PIPES)));
            assertEquals("no thanks", e.getMessage());
            assertEquals(before, Children.alive());
            assertEquals(List.of(), reported);
            return null;
        });
    }

    @Test
    void failingCallbacksAreReported() throws Exception {
        run(() -> {
            List<ExceptionContext> reported = new ArrayList<>();
            getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            Future<Void> lost = getRunningLoop().createFuture();
            await(getRunningLoop().subprocessShell(() -> new SubprocessProtocol() {
                @Override
                public void pipeDataReceived(int fd, byte[] data) throws Exception {
                    throw new java.io.IOException("bad data " + new String(data, UTF_8).strip());
                }

                @Override
                public void connectionLost(Exception exc) {
                    lost.setResult(null);
                }
            }, "echo x", SubprocessOptions.of(DEVNULL, PIPE, INHERIT)));
            await(lost);
            assertEquals(1, reported.size(), reported.toString());
            assertEquals("bad data x", reported.get(0).exception().getMessage());
            assertTrue(reported.get(0).message().startsWith("Exception in callback"), reported.get(0).message());
            return null;
        });
    }

    @Test
    void setProtocol() throws Exception {
        run(() -> {
            var endpoint = await(getRunningLoop().subprocessExec(Recorder::new, BLOCKED,
                    SubprocessOptions.of(DEVNULL, DEVNULL, DEVNULL)));
            Recorder other = new Recorder();
            other.transport = endpoint.transport();
            endpoint.transport().setProtocol(other);
            assertSame(other, endpoint.transport().getProtocol());
            endpoint.transport().kill();
            await(other.lost);
            assertEquals(List.of("processExited(-9)", "connectionLost(null)"), other.events);
            assertEquals(List.of("connectionMade"), endpoint.protocol().events);
            return null;
        });
    }

    @Test
    void pipeTransportsBehave() throws Exception {
        run(() -> {
            var endpoint = await(getRunningLoop().subprocessExec(Recorder::new, List.of("cat"), SubprocessOptions.of(PIPE, PIPE, INHERIT)));
            SubprocessTransport transport = endpoint.transport();
            WriteTransport stdin = (WriteTransport) transport.getPipeTransport(0);
            ReadTransport stdout = (ReadTransport) transport.getPipeTransport(1);
            assertTrue(stdin.canWriteEof());
            assertEquals(0, stdin.getWriteBufferSize());
            stdin.setWriteBufferLimits(100);
            assertEquals(new dev.asyncio4j.net.WriteBufferLimits(25, 100), stdin.getWriteBufferLimits());
            assertThrows(IllegalArgumentException.class, () -> stdin.setWriteBufferLimits(1, 2));
            assertInstanceOf(java.io.OutputStream.class, stdin.getExtraInfo("pipe"));
            assertInstanceOf(java.io.InputStream.class, stdout.getExtraInfo("pipe"));
            assertNull(stdout.getExtraInfo("peername"));
            assertTrue(stdout.isReading());
            stdout.pauseReading();
            assertTrue(!stdout.isReading());
            stdout.resumeReading();
            stdin.writelines(List.of("a".getBytes(UTF_8), "b".getBytes(UTF_8)));
            stdin.write(java.nio.ByteBuffer.wrap("c".getBytes(UTF_8)));
            stdin.writeEof();
            IllegalStateException afterEof = assertThrows(IllegalStateException.class, () -> stdin.write(new byte[1]));
            assertEquals("Cannot call write() after writeEof()", afterEof.getMessage());
            await(endpoint.protocol().lost);
            assertEquals("abc", endpoint.protocol().stdout.toString(UTF_8));
            assertTrue(stdin.isClosing() && stdout.isClosing());
            return null;
        });
    }

    @Test
    void abortingStdinEndsItAtOnce() throws Exception {
        run(() -> {
            var endpoint = await(getRunningLoop().subprocessExec(Recorder::new, BLOCKED,
                    SubprocessOptions.of(PIPE, INHERIT, INHERIT)));
            WriteTransport stdin = (WriteTransport) endpoint.transport().getPipeTransport(0);
            stdin.write(new byte[1024 * 1024]); // more than the pipe holds: the pump blocks
            stdin.abort();
            assertEquals(0, stdin.getWriteBufferSize());
            assertTrue(stdin.isClosing());
            await(endpoint.protocol().stdinLost); // the child still runs: the pipe ended on its own
            assertEquals(List.of("connectionMade", "pipeConnectionLost(0, null)"), endpoint.protocol().events);
            endpoint.transport().close();
            await(endpoint.protocol().lost);
            return null;
        });
    }
}
