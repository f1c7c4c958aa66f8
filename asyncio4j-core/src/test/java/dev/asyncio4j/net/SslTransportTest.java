package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static dev.asyncio4j.net.SocketTransportTest.bytes;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS transports between our own client and server over 127.0.0.1: asyncio's test_sslproto.py
 * and test_ssl.py, where they test behaviour rather than CPython's internals.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SslTransportTest {

    @TempDir
    Path directory;

    private static TestProtocol echoing() {
        TestProtocol protocol = new TestProtocol();
        protocol.echo = true;
        return protocol;
    }

    private static SslOptions serverSsl() throws Exception {
        return SslOptions.of(Certs.server());
    }

    @Test
    void echoRoundTrip() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls(SslTransportTest::echoing, serverSsl(), Certs.clientOptions())) {
                pair.client.transport.write("hello, world".getBytes(UTF_8));
                assertEquals("hello, world", new String(pair.client.awaitBytes(12), UTF_8));
                byte[] big = bytes(3 * 1024 * 1024);
                pair.client.transport.write(big);
                byte[] all = pair.client.awaitBytes(12 + big.length);
                assertArrayEquals(big, Arrays.copyOfRange(all, 12, all.length));
                assertEquals(List.of("made", "data"), pair.accepted.events);
            }
        }));
    }

    @Test
    void writeVariantsArriveInOrderWhetherBatchedOrEncryptedAtOnce() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls()) {
                Transport transport = pair.client.transport;
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                byte[] big = bytes(100 * 1024);
                for (int i = 0; i < 3; i++) {
                    transport.write("ab".getBytes(UTF_8));                            // batched
                    transport.write("xcdx".getBytes(UTF_8), 1, 2);
                    transport.write(big);                                             // behind the batch
                    transport.write(ByteBuffer.allocateDirect(2).put("ef".getBytes(UTF_8)).flip());
                    transport.writelines(List.of("g".getBytes(UTF_8), new byte[0], "hi".getBytes(UTF_8)));
                    transport.write(new byte[0]);
                    expected.writeBytes("abcd".getBytes(UTF_8));
                    expected.writeBytes(big);
                    expected.writeBytes("efghi".getBytes(UTF_8));
                    await(sleep(0));
                }
                transport.write(big);                                                 // nothing batched: at once
                expected.writeBytes(big);
                assertArrayEquals(expected.toByteArray(), pair.accepted.awaitBytes(expected.size()));
            }
        }));
    }

    @Test
    void manySmallWritesInOneIterationAreEncryptedTogether() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls()) {
                Transport transport = pair.client.transport;
                for (int i = 0; i < 1000; i++) {
                    transport.write(("line " + i + "\n").getBytes(UTF_8));
                }
                assertTrue(transport.getWriteBufferSize() > 0, "held until the end of the iteration");
                StringBuilder expected = new StringBuilder();
                for (int i = 0; i < 1000; i++) {
                    expected.append("line ").append(i).append('\n');
                }
                assertEquals(expected.toString(), new String(pair.accepted.awaitBytes(expected.length()), UTF_8));
                assertEquals(0, transport.getWriteBufferSize());
            }
        }));
    }

    @Test
    void extraInfoDescribesTheSession() throws Exception {
        Asyncio.run(async(() -> {
            var client = Certs.client();
            var server = Certs.server();
            try (Loopback pair = Loopback.openTls(TestProtocol::new, SslOptions.of(server),
                    SslOptions.of(client).withServerHostname("localhost"))) {
                Transport transport = pair.client.transport;
                assertSame(client, transport.getExtraInfo("sslcontext"));
                assertSame(server, pair.accepted.transport.getExtraInfo("sslcontext"));
                assertEquals(new InetSocketAddress("127.0.0.1", pair.port), transport.getExtraInfo("peername"));
                assertInstanceOf(SocketChannel.class, transport.getExtraInfo("socket"));
                assertInstanceOf(SSLEngine.class, transport.getExtraInfo("ssl_object"));
                SslCipher cipher = (SslCipher) transport.getExtraInfo("cipher");
                assertEquals("TLSv1.3", cipher.protocol());
                assertTrue(cipher.name().startsWith("TLS_"), cipher.name());
                assertTrue(cipher.secretBits() >= 128, cipher.toString());
                assertNull(transport.getExtraInfo("compression", "absent"), "present, and None, as in asyncio");
                assertNull(transport.getExtraInfo("alpn_protocol"));
                assertEquals("fallback", transport.getExtraInfo("no such key", "fallback"));

                @SuppressWarnings("unchecked")
                Map<String, Object> peercert = (Map<String, Object>) transport.getExtraInfo("peercert");
                assertEquals(List.of(List.of(List.of("commonName", "localhost"))), peercert.get("subject"));
                assertEquals(List.of(List.of(List.of("organizationName", "asyncio4j")),
                        List.of(List.of("commonName", "asyncio4j test CA"))), peercert.get("issuer"));
                assertEquals(3, peercert.get("version"));
                assertEquals(List.of(List.of("DNS", "localhost"), List.of("IP Address", "127.0.0.1"),
                        List.of("IP Address", "0:0:0:0:0:0:0:1")), peercert.get("subjectAltName"));
                assertTrue(((String) peercert.get("notAfter")).matches("[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4} GMT"),
                        (String) peercert.get("notAfter"));
                assertTrue(((String) peercert.get("serialNumber")).matches("[0-9A-F]+"));
                @SuppressWarnings("unchecked")
                List<X509Certificate> chain = (List<X509Certificate>) transport.getExtraInfo("peercert_chain");
                assertEquals("CN=localhost", chain.get(0).getSubjectX500Principal().getName());

                // The server saw the SNI "localhost" and no client certificate.
                SSLSession session = (SSLSession) pair.accepted.transport.getExtraInfo("ssl_session");
                assertEquals(List.of(new SNIHostName("localhost")), ((ExtendedSSLSession) session).getRequestedServerNames());
                assertNull(pair.accepted.transport.getExtraInfo("peercert"));
                assertNull(pair.accepted.transport.getExtraInfo("peercert_chain"));
                assertTrue(transport.toString().contains("TLSv1.3"), transport.toString());
            }
        }));
    }

    @Test
    void alpnPicksTheServersFirstChoiceThatTheClientOffers() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls(TestProtocol::new,
                    serverSsl().withApplicationProtocols("http/1.1", "h2"),
                    Certs.clientOptions().withApplicationProtocols("h2", "http/1.1"))) {
                assertEquals("http/1.1", pair.client.transport.getExtraInfo("alpn_protocol"));
                assertEquals("http/1.1", pair.accepted.transport.getExtraInfo("alpn_protocol"));
            }
        }));
    }

    @Test
    void alpnWithoutACommonProtocolFailsTheHandshake() throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(getRunningLoop().createServer(TestProtocol::new, "127.0.0.1", 0,
                    ServerOptions.DEFAULT.withSsl(serverSsl().withApplicationProtocols("h2"))));
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            SSLHandshakeException error = assertThrows(SSLHandshakeException.class, () -> await(getRunningLoop()
                    .createConnection(TestProtocol::new, "127.0.0.1", port,
                            ConnectOptions.DEFAULT.withSsl(Certs.clientOptions().withApplicationProtocols("http/1.1")))));
            assertTrue(error.getMessage().contains("no_application_protocol"), error.getMessage());
            await(server.aclose());
        }));
    }

    @Test
    void closeExchangesCloseNotifyAndBothSidesSeeEofThenLost() throws Exception {
        Asyncio.run(async(() -> {
            Loopback pair = Loopback.openTls();
            SocketChannel socket = (SocketChannel) pair.client.transport.getExtraInfo("socket");
            pair.client.transport.write("bye".getBytes(UTF_8));
            pair.client.transport.close();
            assertTrue(pair.client.transport.isClosing());
            assertNull(await(pair.accepted.lost));
            assertNull(await(pair.client.lost));
            assertEquals("bye", pair.accepted.text());
            assertEquals(List.of("made", "data", "eof", "lost"), pair.accepted.events);
            assertEquals(List.of("made", "eof", "lost"), pair.client.events, "asyncio tells eof_received at shutdown");
            assertFalse(socket.isOpen());
            assertNull(pair.client.transport.getExtraInfo("socket"), "asyncio's test_get_extra_info_on_closed_connection");
            pair.server.close();
            await(pair.server.waitClosed());
        }));
    }

    @Test
    void theServerClosingFirstFlushesWhatItWroteBeforeCloseNotify() throws Exception {
        Asyncio.run(async(() -> {
            Loopback pair = Loopback.openTls();
            byte[] big = bytes(1024 * 1024);
            pair.accepted.transport.write(big);
            pair.accepted.transport.write("end".getBytes(UTF_8));
            pair.accepted.transport.close();
            assertNull(await(pair.client.lost));
            byte[] received = pair.client.received.toByteArray();
            assertEquals(big.length + 3, received.length);
            assertEquals(List.of("made", "data", "eof", "lost"), pair.client.events);
            assertNull(await(pair.accepted.lost));
            await(pair.server.aclose());
        }));
    }

    @Test
    void writingAfterCloseThrowsAndWriteEofIsNotSupported() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls()) {
                Transport transport = pair.client.transport;
                assertFalse(transport.canWriteEof());
                assertThrows(UnsupportedOperationException.class, transport::writeEof);
                transport.close();
                transport.close(); // twice: nothing
                IllegalStateException error = assertThrows(IllegalStateException.class,
                        () -> transport.write("late".getBytes(UTF_8)));
                assertTrue(error.getMessage().contains("closed transport"), error.getMessage());
                assertThrows(IllegalStateException.class, () -> transport.writelines(List.of(new byte[1])));
                await(pair.client.lost);
            }
        }));
    }

    @Test
    void abortSendsNoCloseNotifyAndThePeerSeesAPlainEof() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls()) {
                pair.client.transport.write("data".getBytes(UTF_8));
                await(sleep(0));
                pair.client.transport.abort();
                assertNull(await(pair.client.lost));
                assertNull(await(pair.accepted.lost), "an EOF between records is a plain EOF, as in asyncio");
                assertEquals(List.of("made", "data", "eof", "lost"), pair.accepted.events);
            }
        }));
    }

    @Test
    void pauseReadingHoldsDecryptedDataUntilResumed() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls()) {
                Transport transport = pair.accepted.transport;
                transport.pauseReading();
                assertFalse(transport.isReading());
                pair.client.transport.write(bytes(200 * 1024));
                for (int i = 0; i < 20; i++) {
                    await(sleep(0.001));
                }
                assertEquals(0, pair.accepted.received.size());
                transport.resumeReading();
                assertTrue(transport.isReading());
                assertArrayEquals(bytes(200 * 1024), pair.accepted.awaitBytes(200 * 1024));
            }
        }));
    }

    @Test
    void dataAndEofThatArriveWhileReadingIsPausedAreDeliveredOnResume() throws Exception {
        // asyncio's test_shutdown_timeout_handler_not_set.
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls()) {
                pair.accepted.transport.pauseReading();
                pair.client.transport.write("extra bytes".getBytes(UTF_8));
                pair.client.transport.abort(); // TCP EOF right behind the data, no close_notify
                await(pair.client.lost);
                for (int i = 0; i < 20; i++) {
                    await(sleep(0.001));
                }
                assertEquals(List.of("made"), pair.accepted.events);
                pair.accepted.transport.resumeReading();
                assertNull(await(pair.accepted.lost));
                assertEquals("extra bytes", pair.accepted.text());
                assertEquals(List.of("made", "data", "eof", "lost"), pair.accepted.events);
            }
        }));
    }

    @Test
    void writesPauseTheProtocolWhileThePeerDoesNotReadAndResumeWhenItDoes() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTlsSmallBuffers()) {
                pair.accepted.transport.pauseReading();
                Transport transport = pair.client.transport;
                assertEquals(new WriteBufferLimits(16 * 1024, 64 * 1024), transport.getWriteBufferLimits());
                int sent = 0;
                while (!pair.client.events.contains("pause")) {
                    transport.write(bytes(8 * 1024));
                    sent += 8 * 1024;
                    await(sleep(0));
                }
                assertTrue(transport.getWriteBufferSize() > 64 * 1024, "paused above the high-water mark");
                pair.accepted.transport.resumeReading();
                pair.accepted.awaitBytes(sent);
                while (!pair.client.events.contains("resume")) {
                    await(sleep(0.001));
                }
                assertTrue(transport.getWriteBufferSize() <= 16 * 1024);
                transport.setWriteBufferLimits(1024, 0);
                assertEquals(new WriteBufferLimits(0, 1024), transport.getWriteBufferLimits());
            }
        }));
    }

    @Test
    void aBufferedProtocolReceivesIntoItsOwnBufferWhateverItsSize() throws Exception {
        for (int size : new int[] {1, 100, 64 * 1024}) {
            Asyncio.run(async(() -> {
                BufferedCollector collector = new BufferedCollector(size);
                Server server = await(getRunningLoop().createServer(() -> collector, "127.0.0.1", 0,
                        ServerOptions.DEFAULT.withSsl(serverSsl())));
                int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
                var client = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port,
                        ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
                byte[] data = bytes(size == 1 ? 50_000 : 1024 * 1024);
                client.transport().write(data);
                client.transport().close();
                await(collector.lost);
                assertArrayEquals(data, collector.received.toByteArray(), "buffer of " + size);
                assertTrue(collector.eof);
                await(server.aclose());
            }));
        }
    }

    /** A BufferedProtocol with a fixed buffer of the given size. */
    static final class BufferedCollector implements BufferedProtocol {
        final ByteBuffer buffer;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Future<Exception> lost = new Future<>();
        boolean eof;
        Transport transport;

        BufferedCollector(int size) {
            buffer = ByteBuffer.allocate(size);
        }

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            return buffer.clear();
        }

        @Override
        public void bufferUpdated(int nbytes) {
            received.write(buffer.array(), 0, nbytes);
        }

        @Override
        public boolean eofReceived() {
            eof = true;
            return false;
        }

        @Override
        public void connectionLost(Exception exc) {
            lost.setResult(exc);
        }
    }

    @Test
    void setProtocolSwapsBetweenBufferedAndCopyingProtocols() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls()) {
                BufferedCollector first = new BufferedCollector(7);
                pair.accepted.transport.setProtocol(first);
                assertSame(first, pair.accepted.transport.getProtocol());
                pair.client.transport.write("buffered".getBytes(UTF_8));
                while (first.received.size() < 8) {
                    await(sleep(0.001));
                }
                assertEquals("buffered", first.received.toString(UTF_8));
                pair.accepted.transport.setProtocol(pair.accepted);
                pair.client.transport.write("copied".getBytes(UTF_8));
                assertEquals("copied", new String(pair.accepted.awaitBytes(6), UTF_8));
                assertThrows(IllegalArgumentException.class,
                        () -> pair.accepted.transport.setProtocol(new BaseProtocol<Transport>() {}));
            }
        }));
    }

    @Test
    void streamsOverTls() throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(Asyncio.startServer((reader, writer) -> {
                assertNotNull(writer.getExtraInfo("sslcontext"));
                byte[] line = await(reader.readline());
                writer.write(("echo: " + new String(line, UTF_8)).getBytes(UTF_8));
                await(writer.drain());
                writer.close();
            }, "127.0.0.1", 0, ServerOptions.DEFAULT.withSsl(Certs.server())));
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            var connection = await(Asyncio.openConnection("localhost", port,
                    ConnectOptions.DEFAULT.withSsl(Certs.client()).withFamily(java.net.StandardProtocolFamily.INET)));
            connection.writer().write("hi\n".getBytes(UTF_8));
            assertEquals("echo: hi\n", new String(await(connection.reader().read()), UTF_8));
            assertEquals(0, await(connection.reader().read()).length, "EOF after the server's close_notify");
            assertFalse(connection.writer().canWriteEof());
            connection.writer().close();
            await(connection.writer().waitClosed());
            await(server.aclose());
        }));
    }

    @Test
    void startTlsUpgradesAPlainConnectionOnBothSides() throws Exception {
        // asyncio's test_start_tls_client_reg_proto_1 and test_start_tls_server_1, together.
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open()) {
                pair.client.transport.write("STARTTLS\n".getBytes(UTF_8));
                assertEquals("STARTTLS\n", new String(pair.accepted.awaitBytes(9), UTF_8));
                Task<Transport> serverSide = Asyncio.createTask(getRunningLoop().startTls(pair.accepted.transport,
                        pair.accepted, serverSsl(), true));
                Transport client = await(getRunningLoop().startTls(pair.client.transport, pair.client,
                        Certs.clientOptions()));
                Transport server = await(serverSide);
                assertNotNull(client.getExtraInfo("sslcontext"));
                assertSame(pair.client, client.getProtocol());
                pair.accepted.received.reset();
                client.write("secret".getBytes(UTF_8));
                assertEquals("secret", new String(pair.accepted.awaitBytes(6), UTF_8));
                server.write("answer".getBytes(UTF_8));
                assertEquals("answer", new String(pair.client.awaitBytes(6), UTF_8));
                assertEquals(List.of("made", "data"), pair.client.events, "connectionMade only once");
                client.close();
                assertNull(await(pair.accepted.lost));
                assertNull(await(pair.client.lost));
            }
        }));
    }

    @Test
    void streamWriterStartTls() throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(Asyncio.startServer((reader, writer) -> {
                assertEquals("STARTTLS\n", new String(await(reader.readline()), UTF_8));
                writer.write("GO\n".getBytes(UTF_8));
                await(writer.startTls(Certs.server(), null));
                assertNotNull(writer.getExtraInfo("cipher"));
                byte[] line = await(reader.readline());
                writer.write(("secure " + new String(line, UTF_8)).getBytes(UTF_8));
                writer.close();
            }, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            var connection = await(Asyncio.openConnection("127.0.0.1", port));
            connection.writer().write("STARTTLS\n".getBytes(UTF_8));
            assertEquals("GO\n", new String(await(connection.reader().readline()), UTF_8));
            await(connection.writer().startTls(Certs.client(), "localhost"));
            assertNotNull(connection.writer().getExtraInfo("cipher"));
            connection.writer().write("hello\n".getBytes(UTF_8));
            assertEquals("secure hello\n", new String(await(connection.reader().readline()), UTF_8));
            assertEquals(0, await(connection.reader().read()).length);
            connection.writer().close();
            await(connection.writer().waitClosed());
            await(server.aclose());
        }));
    }

    @Test
    void tlsInsideTls() throws Exception {
        // asyncio's test_create_server_ssl_over_ssl: start_tls on a TLS transport.
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls(SslTransportTest::echoing, serverSsl(), Certs.clientOptions())) {
                // The echoing server protocol stays on the outer layer until told otherwise.
                pair.accepted.echo = false;
                Task<Transport> serverSide = Asyncio.createTask(getRunningLoop().startTls(pair.accepted.transport,
                        pair.accepted, SslOptions.of(Certs.server("ec-server")), true));
                Transport inner = await(getRunningLoop().startTls(pair.client.transport, pair.client,
                        Certs.clientOptions()));
                Transport innerServer = await(serverSide);
                pair.accepted.transport = innerServer;
                pair.accepted.echo = true;
                byte[] data = bytes(300 * 1024);
                inner.write(data);
                assertArrayEquals(data, pair.client.awaitBytes(data.length));
                SslCipher cipher = (SslCipher) inner.getExtraInfo("cipher");
                assertNotNull(cipher);
                inner.close();
                assertNull(await(pair.client.lost));
            }
        }));
    }

    @Test
    void connectAcceptedSocketWithSsl() throws Exception {
        Asyncio.run(async(() -> {
            ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            Task<Endpoint<Transport, TestProtocol>> client = Asyncio.createTask(getRunningLoop().createConnection(
                    TestProtocol::new, "127.0.0.1", port, ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
            SocketChannel accepted = await(getRunningLoop().sockAccept(listener));
            var server = await(getRunningLoop().connectAcceptedSocket(SslTransportTest::echoing, accepted, serverSsl()));
            var endpoint = await(client);
            endpoint.transport().write("roger".getBytes(UTF_8));
            assertEquals("roger", new String(endpoint.protocol().awaitBytes(5), UTF_8));
            assertNotNull(server.transport().getExtraInfo("cipher"));
            endpoint.transport().close();
            await(server.protocol().lost);
            listener.close();
        }));
    }

    @Test
    void unixSocketsWithSsl() throws Exception {
        Asyncio.run(async(() -> {
            Path path = directory.resolve("tls.sock");
            Server server = await(getRunningLoop().createUnixServer(SslTransportTest::echoing, path,
                    ServerOptions.DEFAULT.withSsl(serverSsl())));
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> await(getRunningLoop()
                    .createUnixConnection(TestProtocol::new, path, ConnectOptions.DEFAULT.withSsl(Certs.client()))));
            assertEquals("You must set server_hostname when using ssl without a host", missing.getMessage());
            var client = await(getRunningLoop().createUnixConnection(TestProtocol::new, path,
                    ConnectOptions.DEFAULT.withSsl(Certs.client()).withServerHostname("localhost")));
            client.transport().write("over unix".getBytes(UTF_8));
            assertEquals("over unix", new String(client.protocol().awaitBytes(9), UTF_8));
            var stream = await(dev.asyncio4j.stream.Streams.openUnixConnection(path,
                    ConnectOptions.DEFAULT.withSsl(Certs.clientOptions()), 65536));
            stream.writer().write("x".getBytes(UTF_8));
            assertEquals("x", new String(await(stream.reader().readexactly(1)), UTF_8));
            stream.writer().close();
            client.transport().close();
            await(client.protocol().lost);
            await(server.aclose());

            // The streams' Unix variants: start_unix_server(ssl=...), open_unix_connection(ssl=...).
            Path streamPath = directory.resolve("tls-streams.sock");
            Server streamServer = await(Asyncio.startUnixServer((reader, writer) -> {
                writer.write(await(reader.readline()));
                writer.write(String.valueOf(writer.getExtraInfo("cipher") != null).getBytes(UTF_8));
                writer.close();
            }, streamPath, ServerOptions.DEFAULT.withSsl(serverSsl())));
            var tls = await(Asyncio.openUnixConnection(streamPath, ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
            assertNotNull(tls.writer().getExtraInfo("ssl_object"));
            tls.writer().write("streams over unix\n".getBytes(UTF_8));
            assertEquals("streams over unix\ntrue", new String(await(tls.reader().read()), UTF_8));
            tls.writer().close();
            await(tls.writer().waitClosed());
            await(streamServer.aclose());
        }));
    }

    @Test
    void mutualTlsWithAClientCertificate() throws Exception {
        Asyncio.run(async(() -> {
            var trusted = SslContexts.readCertificates(Certs.file("ca.pem"));
            var serverContext = SslContexts.of(SslContexts.readCertificates(Certs.file("server.pem")),
                    SslContexts.readPrivateKey(Certs.file("server.key"), null), trusted);
            var clientContext = SslContexts.of(SslContexts.readCertificates(Certs.file("client.pem")),
                    SslContexts.readPrivateKey(Certs.file("client.key"), null), trusted);
            try (Loopback pair = Loopback.openTls(TestProtocol::new,
                    SslOptions.of(serverContext).withClientAuth(SslOptions.ClientAuth.REQUIRED),
                    SslOptions.of(clientContext).withServerHostname("localhost"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> peercert = (Map<String, Object>) pair.accepted.transport.getExtraInfo("peercert");
                assertEquals(List.of(List.of(List.of("commonName", "test client"))), peercert.get("subject"));
            }
        }));
    }

    @Test
    void aRequiredClientCertificateThatIsMissingEndsTheConnection() throws Exception {
        Asyncio.run(async(() -> {
            List<ExceptionContext> reported = new ArrayList<>();
            getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            var trusted = SslContexts.readCertificates(Certs.file("ca.pem"));
            var serverContext = SslContexts.of(SslContexts.readCertificates(Certs.file("server.pem")),
                    SslContexts.readPrivateKey(Certs.file("server.key"), null), trusted);
            Server server = await(getRunningLoop().createServer(TestProtocol::new, "127.0.0.1", 0, ServerOptions.DEFAULT
                    .withSsl(SslOptions.of(serverContext).withClientAuth(SslOptions.ClientAuth.REQUIRED))));
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            Exception failure;
            try {
                // TLS 1.3: the client may finish its handshake before the server refuses it.
                var client = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port,
                        ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
                failure = await(client.protocol().lost);
            } catch (SSLHandshakeException e) {
                failure = e;
            }
            assertInstanceOf(javax.net.ssl.SSLException.class, failure);
            assertTrue(failure.getMessage().contains("certificate_required") || failure.getMessage().contains("bad_certificate"),
                    failure.getMessage());
            await(server.aclose());
            assertEquals(List.of(), reported, "a failed handshake is only logged in debug mode");
        }));
    }

    @Test
    void theHostConnectedToIsTheNameChecked() throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(getRunningLoop().createServer(TestProtocol::new, "127.0.0.1", 0,
                    ServerOptions.DEFAULT.withSsl(Certs.server())));
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            // 127.0.0.1 is in the certificate's IP addresses: no serverHostname needed.
            var endpoint = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port,
                    ConnectOptions.DEFAULT.withSsl(Certs.client())));
            endpoint.transport().close();
            await(endpoint.protocol().lost);
            await(server.aclose());
            Server ipv6;
            try {
                ipv6 = await(getRunningLoop().createServer(TestProtocol::new, "::1", 0,
                        ServerOptions.DEFAULT.withSsl(Certs.server())));
            } catch (java.io.IOException e) {
                return; // no IPv6 loopback here
            }
            int port6 = ((InetSocketAddress) ipv6.addresses().get(0)).getPort();
            var overIpv6 = await(getRunningLoop().createConnection(TestProtocol::new, "::1", port6,
                    ConnectOptions.DEFAULT.withSsl(Certs.client())));
            overIpv6.transport().close();
            await(overIpv6.protocol().lost);
            await(ipv6.aclose());
        }));
    }

    @Test
    void anEmptyServerHostnameSkipsTheNameCheckButNotTheChain() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls(TestProtocol::new, SslOptions.of(Certs.server("wronghost")),
                    SslOptions.of(Certs.client()).withServerHostname(""))) {
                assertNotNull(pair.client.transport.getExtraInfo("peercert"));
            }
        }));
    }

    @Test
    void aChainWithAnIntermediateAndAnEcKey() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls(TestProtocol::new, SslOptions.of(Certs.server("chained")),
                    Certs.clientOptions())) {
                @SuppressWarnings("unchecked")
                List<X509Certificate> chain = (List<X509Certificate>) pair.client.transport.getExtraInfo("peercert_chain");
                assertEquals(2, chain.size());
            }
            try (Loopback pair = Loopback.openTls(TestProtocol::new, SslOptions.of(Certs.server("ec-server")),
                    Certs.clientOptions())) {
                assertNotNull(pair.client.transport.getExtraInfo("cipher"));
            }
        }));
    }

    @Test
    void tls12Works() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls(SslTransportTest::echoing,
                    serverSsl().withEngineSetup(engine -> engine.setEnabledProtocols(new String[] {"TLSv1.2"})),
                    Certs.clientOptions())) {
                assertEquals("TLSv1.2", ((SslCipher) pair.client.transport.getExtraInfo("cipher")).protocol());
                byte[] data = bytes(500 * 1024);
                pair.client.transport.write(data);
                assertArrayEquals(data, pair.client.awaitBytes(data.length));
                pair.client.transport.close();
                assertNull(await(pair.client.lost));
                assertNull(await(pair.accepted.lost));
            }
        }));
    }

    @Test
    void sendfileOverTlsUsesTheFallback() throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls()) {
                Path file = directory.resolve("data");
                byte[] data = bytes(300 * 1024);
                Files.write(file, data);
                try (FileChannel channel = FileChannel.open(file)) {
                    assertEquals(data.length, await(getRunningLoop().sendfile(pair.client.transport, channel)));
                }
                assertArrayEquals(data, pair.accepted.awaitBytes(data.length));
            }
        }));
    }

    @Test
    void optionsAreCheckedAsAsyncioChecksThem() throws Exception {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> SslOptions.DEFAULT.withHandshakeTimeout(java.time.Duration.ZERO));
        assertTrue(zero.getMessage().contains("should be a positive number"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SslOptions.DEFAULT.withShutdownTimeout(java.time.Duration.ofSeconds(-10)));
        assertThrows(IllegalArgumentException.class, () -> SslOptions.DEFAULT.withApplicationProtocols(""));
        IllegalArgumentException hostname = assertThrows(IllegalArgumentException.class,
                () -> ConnectOptions.DEFAULT.withServerHostname("example.com"));
        assertTrue(hostname.getMessage().startsWith("server_hostname is only meaningful with ssl"));
        assertEquals(SslOptions.DEFAULT, ConnectOptions.DEFAULT.withSsl(true).ssl());
        assertNull(ConnectOptions.DEFAULT.withSsl(true).withSsl(false).ssl());
        assertEquals("h", ConnectOptions.DEFAULT.withSsl(true).withServerHostname("h").ssl().serverHostname());
        Asyncio.run(async(() -> {
            IllegalArgumentException server = assertThrows(IllegalArgumentException.class, () -> await(getRunningLoop()
                    .createServer(TestProtocol::new, "127.0.0.1", 0, ServerOptions.DEFAULT.withSsl(SslOptions.DEFAULT))));
            assertEquals("Server side SSL needs a valid SSLContext", server.getMessage());
            SocketChannel socket = SocketChannel.open();
            IllegalArgumentException noHost = assertThrows(IllegalArgumentException.class, () -> await(getRunningLoop()
                    .createConnection(TestProtocol::new, ConnectOptions.DEFAULT.withSocket(socket).withSsl(true))));
            assertEquals("You must set server_hostname when using ssl without a host", noHost.getMessage());
            socket.close();
            try (Loopback pair = Loopback.open()) {
                IllegalArgumentException startTls = assertThrows(IllegalArgumentException.class,
                        () -> await(getRunningLoop().startTls(pair.client.transport, pair.client, SslOptions.DEFAULT)));
                assertTrue(startTls.getMessage().contains("server's name"), startTls.getMessage());
            }
        }));
    }
}
