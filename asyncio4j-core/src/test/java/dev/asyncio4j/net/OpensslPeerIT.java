package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.ChildProcess;
import dev.asyncio4j.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * asyncio4j's TLS against OpenSSL's own test peers, {@code openssl s_server} and
 * {@code openssl s_client}, which know nothing of Java.
 *
 * <p>Ports: s_server is started with {@code -accept 127.0.0.1:0}, so the OS chooses its port with
 * no race, and OpenSSL 3 prints the address it bound ({@code ACCEPT 127.0.0.1:40123}), which the
 * test reads. (Picking a free port by binding and closing it first would race with every other
 * process on the machine.) s_client connects to our server, which listens on a port the OS chose.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpensslPeerIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");

    /** Starts s_server with the test server certificate and {@code options}; returns it and its port. */
    private static ChildProcess sServer(String... options) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", Certs.file("server.pem").toString(), "-key", Certs.file("server.key").toString(), "-naccept", "1"));
        command.addAll(List.of(options));
        return ChildProcess.start(command);
    }

    private static int portOf(ChildProcess server) throws InterruptedException {
        Matcher matcher = ACCEPT.matcher(server.awaitLine(line -> ACCEPT.matcher(line).find(), WAIT));
        assertTrue(matcher.find());
        return Integer.parseInt(matcher.group(1));
    }

    /** Waits, off the loop thread, for a line of the peer's output. */
    private static String line(ChildProcess peer, String containing) throws Exception {
        return await(getRunningLoop().runInExecutor(null, () -> peer.awaitLine(line -> line.contains(containing), WAIT)));
    }

    @Test
    void ourClientTalksToSServerWithAlpn() throws Exception {
        try (ChildProcess server = sServer("-rev", "-alpn", "http/1.1")) {
            int port = portOf(server);
            Asyncio.run(async(() -> {
                var connection = await(Asyncio.openConnection("127.0.0.1", port, ConnectOptions.DEFAULT
                        .withSsl(Certs.clientOptions().withApplicationProtocols("h2", "http/1.1"))));
                assertEquals("http/1.1", connection.writer().getExtraInfo("alpn_protocol"));
                assertEquals("TLSv1.3", ((SslCipher) connection.writer().getExtraInfo("cipher")).protocol());
                connection.writer().write("hello openssl\n".getBytes(UTF_8));
                assertEquals("lssnepo olleh\n", new String(await(connection.reader().readline()), UTF_8));
                connection.writer().close();
                await(connection.writer().waitClosed());
            }));
        }
    }

    @Test
    void ourClientTalksTls12ToSServer() throws Exception {
        try (ChildProcess server = sServer("-rev", "-tls1_2")) {
            int port = portOf(server);
            Asyncio.run(async(() -> {
                var connection = await(Asyncio.openConnection("127.0.0.1", port,
                        ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
                assertEquals("TLSv1.2", ((SslCipher) connection.writer().getExtraInfo("cipher")).protocol());
                // s_server -rev reverses what it reads a buffer (16 KiB) at a time: keep lines shorter.
                for (int i = 0; i < 20; i++) {
                    connection.writer().write(("x".repeat(8000) + "y" + i + "\n").getBytes(UTF_8));
                }
                for (int i = 0; i < 20; i++) {
                    String expected = new StringBuilder("x".repeat(8000) + "y" + i).reverse() + "\n";
                    assertEquals(expected, new String(await(connection.reader().readline()), UTF_8));
                }
                connection.writer().close();
                await(connection.writer().waitClosed());
            }));
        }
    }

    @Test
    void ourClientPresentsItsCertificateToSServer() throws Exception {
        try (ChildProcess server = sServer("-rev", "-Verify", "1", "-CAfile", Certs.file("ca.pem").toString())) {
            int port = portOf(server);
            Asyncio.run(async(() -> {
                var trusted = SslContexts.readCertificates(Certs.file("ca.pem"));
                SSLContext context = SslContexts.of(SslContexts.readCertificates(Certs.file("client.pem")),
                        SslContexts.readPrivateKey(Certs.file("client.key"), null), trusted);
                var connection = await(Asyncio.openConnection("127.0.0.1", port, ConnectOptions.DEFAULT
                        .withSsl(SslOptions.of(context).withServerHostname("localhost"))));
                connection.writer().write("mutual\n".getBytes(UTF_8));
                assertEquals("lautum\n", new String(await(connection.reader().readline()), UTF_8));
                connection.writer().close();
            }));
            assertTrue(server.awaitLine(line -> line.contains("test client"), WAIT).contains("CN"));
        }
    }

    @Test
    void sServerAskingForRenegotiationIsRefused() throws Exception {
        try (ChildProcess server = sServer("-tls1_2")) {
            int port = portOf(server);
            Asyncio.run(async(() -> {
                var client = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port,
                        ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
                client.transport().write("before\n".getBytes(UTF_8));
                line(server, "before");
                server.write("r\n"); // s_server's command: renegotiate (HelloRequest)
                Exception lost = await(client.protocol().lost);
                assertInstanceOf(SSLException.class, lost);
                assertTrue(lost.getMessage().contains("renegotiation is not supported"), lost.getMessage());
            }));
        }
    }

    @Test
    void sServerKeyUpdatesAreAnswered() throws Exception {
        try (ChildProcess server = sServer()) {
            int port = portOf(server);
            Asyncio.run(async(() -> {
                var client = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port,
                        ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
                client.transport().write("first\n".getBytes(UTF_8));
                line(server, "first");
                server.write("K\n"); // a KeyUpdate that asks for ours in return
                line(server, "SSL_do_handshake -> 1");
                server.write("from openssl\n");
                assertEquals("from openssl\n", new String(client.protocol().awaitBytes(13), UTF_8));
                client.transport().write("second\n".getBytes(UTF_8));
                line(server, "second");
                client.transport().close();
                await(client.protocol().lost);
            }));
        }
    }

    /** Starts s_client against our server on {@code port} with {@code options}. */
    private static ChildProcess sClient(int port, String... options) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-verify_return_error", "-verify_hostname", "localhost"));
        command.addAll(List.of(options));
        return ChildProcess.start(command);
    }

    private static Server echoServer(SslOptions ssl, Future<TestProtocol> first) throws Exception {
        return await(getRunningLoop().createServer(() -> {
            TestProtocol protocol = new TestProtocol();
            protocol.echo = true;
            if (!first.isDone()) {
                first.setResult(protocol);
            }
            return protocol;
        }, "127.0.0.1", 0, ServerOptions.DEFAULT.withSsl(ssl)));
    }

    private static int portOf(Server server) {
        return ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    @Test
    void sClientTalksToOurServer() throws Exception {
        for (String version : new String[] {"-tls1_3", "-tls1_2"}) {
            Asyncio.run(async(() -> {
                Future<TestProtocol> accepted = new Future<>();
                Server server = echoServer(SslOptions.of(Certs.server()).withApplicationProtocols("h2", "http/1.1"), accepted);
                try (ChildProcess client = sClient(portOf(server), version, "-alpn", "http/1.1",
                        "-CAfile", Certs.file("ca.pem").toString())) {
                    client.write("echo me\n");
                    line(client, "echo me");
                    assertNotEquals(null, await(accepted).transport.getExtraInfo("cipher"));
                    assertEquals("http/1.1", await(accepted).transport.getExtraInfo("alpn_protocol"));
                    client.closeInput(); // s_client sends close_notify and exits
                    assertEquals(null, await(await(accepted).lost));
                    String output = await(client.outputDone());
                    assertTrue(output.contains("Verify return code: 0 (ok)"), output);
                    assertTrue(output.contains("ALPN protocol: http/1.1"), output);
                    assertEquals(0, await(client.process().onExit()).exitValue(), output);
                }
                await(server.aclose());
            }));
        }
    }

    @Test
    void sClientAskingForRenegotiationIsRefused() throws Exception {
        Asyncio.run(async(() -> {
            Future<TestProtocol> accepted = new Future<>();
            Server server = echoServer(SslOptions.of(Certs.server()), accepted);
            try (ChildProcess client = sClient(portOf(server), "-tls1_2", "-CAfile", Certs.file("ca.pem").toString())) {
                client.write("hello\n");
                line(client, "hello");
                client.write("R\n"); // s_client's command: renegotiate
                Exception lost = await(await(accepted).lost);
                assertInstanceOf(SSLException.class, lost);
                assertTrue(lost.getMessage().contains("renegotiation is not supported"), lost.getMessage());
                await(client.outputDone());
            }
            await(server.aclose());
        }));
    }

    @Test
    void sClientKeyUpdatesAreAnswered() throws Exception {
        Asyncio.run(async(() -> {
            Future<TestProtocol> accepted = new Future<>();
            Server server = echoServer(SslOptions.of(Certs.server()), accepted);
            try (ChildProcess client = sClient(portOf(server), "-tls1_3", "-CAfile", Certs.file("ca.pem").toString())) {
                client.write("one\n");
                line(client, "one");
                client.write("K\n"); // KeyUpdate, update requested
                line(client, "KEYUPDATE");
                client.write("two\n");
                line(client, "two");
                client.closeInput();
                assertEquals(null, await(await(accepted).lost));
            }
            await(server.aclose());
        }));
    }

    @Test
    void sClientWithoutOurCaGivesUpAndOurServerCarriesOn() throws Exception {
        Asyncio.run(async(() -> {
            Future<TestProtocol> accepted = new Future<>();
            Server server = echoServer(SslOptions.of(Certs.server()), accepted);
            try (ChildProcess client = sClient(portOf(server), "-CAfile", Certs.file("other-ca.pem").toString())) {
                String output = await(client.outputDone());
                assertNotEquals(0, await(client.process().onExit()).exitValue(), output);
                assertTrue(output.contains("unable to get local issuer certificate")
                        || output.contains("certificate verify failed"), output);
            }
            server.close();
            await(server.waitClosed()); // the failed connection is gone
        }));
    }
}
