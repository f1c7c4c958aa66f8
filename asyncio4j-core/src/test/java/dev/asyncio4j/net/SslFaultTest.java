package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.VirtualTime;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What goes wrong with TLS, and how it is reported: untrusted, expired and misnamed certificates,
 * peers that close without close_notify or in the middle of a record, handshakes that never end,
 * renegotiation, garbage instead of records. Each fault ends the connection with a clear exception
 * and leaves nothing open; none is reported to the loop's exception handler outside debug mode
 * (asyncio treats SSLError as an OSError).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SslFaultTest {

    /** Records what reaches the running loop's exception handler. */
    private static List<ExceptionContext> recordReports() {
        List<ExceptionContext> reported = new ArrayList<>();
        getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
        return reported;
    }

    private static int portOf(Server server) {
        return ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    /**
     * A server on 127.0.0.1 whose protocols echo or not, with TLS or not (context null); the first
     * accepted protocol completes {@code first}.
     */
    private static Server server(boolean echo, javax.net.ssl.SSLContext context, Future<TestProtocol> first)
            throws Exception {
        return await(getRunningLoop().createServer(() -> {
            TestProtocol protocol = new TestProtocol();
            protocol.echo = echo;
            if (!first.isDone()) {
                first.setResult(protocol);
            }
            return protocol;
        }, "127.0.0.1", 0, context == null ? ServerOptions.DEFAULT : ServerOptions.DEFAULT.withSsl(context)));
    }

    private static Server tlsServer(String certificate) throws Exception {
        return await(getRunningLoop().createServer(TestProtocol::new, "127.0.0.1", 0,
                ServerOptions.DEFAULT.withSsl(Certs.server(certificate))));
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Connects a client trusting the test CA to a server with {@code certificate}; returns its failure. */
    private static SSLHandshakeException failedHandshake(String certificate) throws Exception {
        List<ExceptionContext> reported = recordReports();
        Server server = tlsServer(certificate);
        SSLHandshakeException error = assertThrows(SSLHandshakeException.class, () -> await(getRunningLoop()
                .createConnection(TestProtocol::new, "127.0.0.1", portOf(server),
                        ConnectOptions.DEFAULT.withSsl(Certs.clientOptions()))));
        // The server's side of the connection is closed too: the server can finish closing.
        server.close();
        await(server.waitClosed());
        assertEquals(List.of(), reported);
        return error;
    }

    @Test
    void anUntrustedCertificate() throws Exception {
        Asyncio.run(async(() -> {
            SSLHandshakeException error = failedHandshake("untrusted");
            assertTrue(error.getMessage().contains("PKIX path building failed"), error.getMessage());
        }));
    }

    @Test
    void anExpiredCertificate() throws Exception {
        Asyncio.run(async(() -> {
            SSLHandshakeException error = failedHandshake("expired");
            assertTrue(error.getMessage().contains("validity check failed"), error.getMessage());
            assertInstanceOf(CertificateExpiredException.class, rootCause(error));
        }));
    }

    @Test
    void aCertificateForAnotherHost() throws Exception {
        Asyncio.run(async(() -> {
            SSLHandshakeException error = failedHandshake("wronghost");
            assertTrue(error.getMessage().contains("No subject alternative DNS name matching localhost"),
                    error.getMessage());
        }));
    }

    @Test
    void theJdksDefaultTrustDoesNotKnowTheTestCa() throws Exception {
        Asyncio.run(async(() -> {
            Server server = tlsServer("server");
            SSLHandshakeException error = assertThrows(SSLHandshakeException.class, () -> await(getRunningLoop()
                    .createConnection(TestProtocol::new, "localhost", portOf(server),
                            ConnectOptions.DEFAULT.withSsl(true).withFamily(java.net.StandardProtocolFamily.INET))));
            assertTrue(error.getMessage().contains("PKIX"), error.getMessage());
            await(server.aclose());
        }));
    }

    @Test
    void aPeerClosingWithoutCloseNotifyBetweenRecordsIsAPlainEof() throws Exception {
        Asyncio.run(async(() -> {
            List<ExceptionContext> reported = recordReports();
            try (Loopback pair = Loopback.openTls()) {
                pair.accepted.transport.write("last words".getBytes(UTF_8));
                pair.accepted.transport.abort();
                assertNull(await(pair.client.lost));
                assertEquals("last words", pair.client.text());
                assertEquals(List.of("made", "data", "eof", "lost"), pair.client.events);
            }
            assertEquals(List.of(), reported);
        }));
    }

    @Test
    void anEofInTheMiddleOfARecordIsAnError() throws Exception {
        Asyncio.run(async(() -> {
            List<ExceptionContext> reported = recordReports();
            Server server = server(true, Certs.server(), new Future<>());
            try (TcpRelay relay = TcpRelay.open(portOf(server))) {
                var client = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", relay.port,
                        ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
                TcpRelay.Side side = await(relay.linked);
                relay.toClient = data -> {
                    side.transport.write(Arrays.copyOf(data, data.length / 2));
                    side.transport.close();
                    return null;
                };
                client.transport().write("please answer".getBytes(UTF_8));
                Exception lost = await(client.protocol().lost);
                assertInstanceOf(SSLException.class, lost);
                assertTrue(lost.getMessage().startsWith("EOF occurred in violation of protocol"), lost.getMessage());
                assertEquals(List.of("made", "lost"), client.protocol().events);
            }
            server.close();
            server.closeClients();
            await(server.waitClosed());
            assertEquals(List.of(), reported);
        }));
    }

    @Test
    void garbageAfterTheHandshakeEndsTheConnection() throws Exception {
        // asyncio's test_start_tls_client_corrupted_ssl, with streams.
        Asyncio.run(async(() -> {
            List<ExceptionContext> reported = recordReports();
            Server server = await(Asyncio.startServer((reader, writer) -> {
                writer.write("A\n".getBytes(UTF_8));
                await(reader.readexactly(1));
                writer.write("B\n".getBytes(UTF_8));
            }, "127.0.0.1", 0, ServerOptions.DEFAULT.withSsl(Certs.server())));
            try (TcpRelay relay = TcpRelay.open(portOf(server))) {
                var connection = await(Asyncio.openConnection("127.0.0.1", relay.port,
                        ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
                assertEquals("A\n", new String(await(connection.reader().readline()), UTF_8));
                relay.toClient = data -> "please corrupt the SSL connection".getBytes(UTF_8);
                connection.writer().write("B".getBytes(UTF_8));
                // The JDK's reason depends on the bytes ("Input record too big", "Unsupported ...").
                SSLException error = assertThrows(SSLException.class, () -> await(connection.reader().readline()));
                assertTrue(!error.getMessage().isEmpty());
                connection.writer().close();
                assertThrows(SSLException.class, () -> await(connection.writer().waitClosed()));
            }
            await(server.aclose());
            assertEquals(List.of(), reported);
        }));
    }

    @Test
    void garbageInsteadOfAHandshakeFromAClient() throws Exception {
        Asyncio.run(async(() -> {
            List<ExceptionContext> reported = recordReports();
            Server server = tlsServer("server");
            var plain = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", portOf(server)));
            plain.transport().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(UTF_8));
            await(plain.protocol().lost);
            server.close();
            await(server.waitClosed());
            assertEquals(List.of(), reported);
        }));
    }

    @Test
    void garbageInsteadOfAHandshakeFromAServer() throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(getRunningLoop().createServer(() -> new TestProtocol() {
                @Override
                public void dataReceived(byte[] data) {
                    transport.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(UTF_8));
                }
            }, "127.0.0.1", 0));
            SSLHandshakeException error = assertThrows(SSLHandshakeException.class, () -> await(getRunningLoop()
                    .createConnection(TestProtocol::new, "127.0.0.1", portOf(server),
                            ConnectOptions.DEFAULT.withSsl(Certs.clientOptions()))));
            assertTrue(error.getMessage().contains("plaintext connection") || error.getMessage().contains("nsupported"),
                    error.getMessage());
            server.close();
            server.closeClients();
            await(server.waitClosed());
        }));
    }

    @Test
    void aPeerClosingDuringTheHandshake() throws Exception {
        // asyncio's test_ssl_handshake_connection_lost: no connectionMade, no connectionLost.
        Asyncio.run(async(() -> {
            List<ExceptionContext> reported = recordReports();
            Server closing = await(getRunningLoop().createServer(() -> new TestProtocol() {
                @Override
                public void dataReceived(byte[] data) {
                    transport.close(); // reads the ClientHello, then hangs up
                }
            }, "127.0.0.1", 0));
            TestProtocol client = new TestProtocol();
            SSLHandshakeException error = assertThrows(SSLHandshakeException.class, () -> await(getRunningLoop()
                    .createConnection(() -> client, "127.0.0.1", portOf(closing),
                            ConnectOptions.DEFAULT.withSsl(Certs.clientOptions()))));
            assertEquals("Remote host terminated the handshake", error.getMessage());
            assertEquals(List.of(), client.events);
            await(closing.aclose());
            assertEquals(List.of(), reported);
        }));
    }

    @Test
    void aHandshakeThatNeverFinishesTimesOut() throws Exception {
        // asyncio's test_create_connection_ssl_slow_handshake.
        Asyncio.run(async(() -> {
            List<ExceptionContext> reported = recordReports();
            Future<TestProtocol> silentPeer = new Future<>();
            Server silent = server(false, null, silentPeer);
            SSLHandshakeException error = assertThrows(SSLHandshakeException.class, () -> await(getRunningLoop()
                    .createConnection(TestProtocol::new, "127.0.0.1", portOf(silent), ConnectOptions.DEFAULT
                            .withSsl(Certs.clientOptions().withHandshakeTimeout(Duration.ofMillis(200))))));
            assertEquals("SSL handshake is taking longer than 0.2 seconds: aborting the connection", error.getMessage());
            await(await(silentPeer).lost);
            await(silent.aclose());
            assertEquals(List.of(), reported);
        }));
    }

    @Test
    void aServerDropsAClientThatNeverCompletesItsHandshake() throws Exception {
        Asyncio.run(async(() -> {
            List<ExceptionContext> reported = recordReports();
            Server server = await(getRunningLoop().createServer(TestProtocol::new, "127.0.0.1", 0,
                    ServerOptions.DEFAULT.withSsl(SslOptions.of(Certs.server()).withHandshakeTimeout(Duration.ofMillis(200)))));
            var silent = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", portOf(server)));
            await(silent.protocol().lost);
            server.close();
            await(server.waitClosed());
            assertEquals(List.of(), reported);
        }));
    }

    @Test
    void theDefaultHandshakeTimeoutIsSixtySeconds() throws Exception {
        EventLoop loop = VirtualTime.newLoop();
        try {
            loop.runUntilComplete(async(() -> {
                Server silent = await(getRunningLoop().createServer(TestProtocol::new, "127.0.0.1", 0));
                SSLHandshakeException error = assertThrows(SSLHandshakeException.class, () -> await(getRunningLoop()
                        .createConnection(TestProtocol::new, "127.0.0.1", portOf(silent),
                                ConnectOptions.DEFAULT.withSsl(Certs.clientOptions()))));
                assertEquals("SSL handshake is taking longer than 60.0 seconds: aborting the connection", error.getMessage());
                assertEquals(60.0, getRunningLoop().time(), 0.001);
                silent.close();
                silent.closeClients();
                await(silent.waitClosed());
            }));
        } finally {
            loop.close();
        }
    }

    @Test
    void cancellingAHandshakeClosesTheConnectionQuietly() throws Exception {
        // asyncio's test_ssl_handshake_timeout: wait_for cancels create_connection mid-handshake.
        Asyncio.run(async(() -> {
            List<ExceptionContext> reported = recordReports();
            Future<TestProtocol> silentPeer = new Future<>();
            Server silent = server(false, null, silentPeer);
            assertThrows(TimeoutException.class, () -> await(Asyncio.waitFor(getRunningLoop().createConnection(
                    TestProtocol::new, "127.0.0.1", portOf(silent), ConnectOptions.DEFAULT.withSsl(Certs.clientOptions()
                            .withHandshakeTimeout(Duration.ofSeconds(10)))), Duration.ofMillis(200))));
            await(await(silentPeer).lost);
            await(silent.aclose());
            assertEquals(List.of(), reported);
        }));
    }

    @Test
    void aPeerThatNeverAnswersCloseNotifyIsAbortedAfterTheShutdownTimeout() throws Exception {
        Asyncio.run(async(() -> {
            Server server = tlsServer("server");
            try (TcpRelay relay = TcpRelay.open(portOf(server))) {
                var client = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", relay.port,
                        ConnectOptions.DEFAULT.withSsl(Certs.clientOptions().withShutdownTimeout(Duration.ofMillis(300)))));
                await(relay.linked);
                relay.swallowTarget = true;
                client.transport().close();
                Exception lost = await(client.protocol().lost);
                assertInstanceOf(TimeoutException.class, lost);
                assertEquals("SSL shutdown timed out", lost.getMessage());
            }
            server.close();
            server.closeClients();
            await(server.waitClosed());
        }));
    }

    @Test
    void theDefaultShutdownTimeoutIsThirtySeconds() throws Exception {
        // Virtual time: the engine's delegated tasks run inline, so no other thread races the clock.
        EventLoop loop = VirtualTime.newLoop();
        loop.setDefaultExecutor(new InlineExecutor());
        try {
            loop.runUntilComplete(async(() -> {
                Server server = tlsServer("server");
                try (TcpRelay relay = TcpRelay.open(portOf(server))) {
                    var client = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", relay.port,
                            ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
                    await(relay.linked);
                    relay.swallowTarget = true;
                    double closing = getRunningLoop().time();
                    client.transport().close();
                    Exception lost = await(client.protocol().lost);
                    assertInstanceOf(TimeoutException.class, lost);
                    assertEquals("SSL shutdown timed out", lost.getMessage());
                    assertEquals(30.0, getRunningLoop().time() - closing, 0.001);
                }
                server.close();
                server.closeClients();
                await(server.waitClosed());
            }));
        } finally {
            loop.close();
        }
    }

    /** An executor that runs each task at once on the calling thread. */
    private static final class InlineExecutor extends java.util.concurrent.AbstractExecutorService {
        private boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    /** Runs a blocking JDK TLS peer on a thread of its own; its outcome completes the future. */
    private static CompletableFuture<String> peer(java.util.concurrent.Callable<String> body) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("jdk-tls-peer").start(() -> {
            try {
                outcome.complete(body.call());
            } catch (Throwable e) {
                outcome.complete("failed: " + e);
            }
        });
        return outcome;
    }

    @Test
    void aClientAskingForRenegotiationIsRefused() throws Exception {
        Asyncio.run(async(() -> {
            List<ExceptionContext> reported = recordReports();
            Future<TestProtocol> acceptedOne = new Future<>();
            Server server = server(true, Certs.server(), acceptedOne);
            int port = portOf(server);
            CompletableFuture<String> outcome = peer(() -> {
                try (SSLSocket socket = (SSLSocket) Certs.client().getSocketFactory().createSocket("127.0.0.1", port)) {
                    socket.setEnabledProtocols(new String[] {"TLSv1.2"});
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    out.write('a');
                    out.flush();
                    if (in.read() != 'a') {
                        return "no echo";
                    }
                    socket.startHandshake(); // a renegotiation in TLS 1.2
                    out.write('b');
                    out.flush();
                    return "read " + in.read();
                }
            });
            TestProtocol accepted = await(acceptedOne);
            Exception lost = await(accepted.lost);
            assertInstanceOf(SSLException.class, lost);
            assertTrue(lost.getMessage().contains("renegotiation is not supported"), lost.getMessage());
            String peerSaw = await(Future.wrap(outcome));
            assertTrue(peerSaw.equals("read -1") || peerSaw.startsWith("failed"), peerSaw);
            await(server.aclose());
            assertEquals(List.of(), reported);
        }));
    }

    @Test
    void aServerAskingForRenegotiationIsRefused() throws Exception {
        Asyncio.run(async(() -> {
            SSLServerSocket listener = (SSLServerSocket) Certs.server().getServerSocketFactory()
                    .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
            listener.setEnabledProtocols(new String[] {"TLSv1.2"});
            CompletableFuture<String> outcome = peer(() -> {
                try (listener; SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    int got = socket.getInputStream().read();
                    socket.getOutputStream().write(got);
                    socket.getOutputStream().flush();
                    socket.startHandshake(); // sends HelloRequest
                    return "read " + socket.getInputStream().read();
                }
            });
            var client = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1",
                    listener.getLocalPort(), ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
            client.transport().write(new byte[] {'x'});
            Exception lost = await(client.protocol().lost);
            assertInstanceOf(SSLException.class, lost);
            assertTrue(lost.getMessage().contains("renegotiation is not supported"), lost.getMessage());
            assertEquals("x", client.protocol().text(), "the data before the renegotiation arrived");
            await(Future.wrap(outcome));
        }));
    }

    @Test
    void tls13KeyUpdatesAreAnsweredAndDataKeepsFlowing() throws Exception {
        Asyncio.run(async(() -> {
            Server server = server(true, Certs.server(), new Future<>());
            int port = portOf(server);
            CompletableFuture<String> outcome = peer(() -> {
                try (SSLSocket socket = (SSLSocket) Certs.client().getSocketFactory().createSocket("127.0.0.1", port)) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    StringBuilder echoed = new StringBuilder(socket.getSession().getProtocol());
                    for (char c : "abc".toCharArray()) {
                        socket.getOutputStream().write(c);
                        socket.getOutputStream().flush();
                        echoed.append((char) socket.getInputStream().read());
                        socket.startHandshake(); // TLS 1.3: a KeyUpdate, asking ours in return
                    }
                    return echoed.toString();
                }
            });
            assertEquals("TLSv1.3abc", await(Future.wrap(outcome)));
            server.close();
            server.closeClients();
            await(server.waitClosed());
        }));
    }
}
