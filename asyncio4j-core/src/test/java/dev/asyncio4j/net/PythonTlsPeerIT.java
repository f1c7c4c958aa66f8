package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.openConnection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.ChildProcess;
import dev.asyncio4j.stream.StreamConnection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** asyncio4j's TLS against CPython's ssl module under asyncio and uvloop, in both directions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PythonTlsPeerIT {

    private static final Duration STARTUP = Duration.ofSeconds(20);

    private static ChildProcess python(String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.python(),
                ChildProcess.resource(PythonTlsPeerIT.class, script)));
        command.addAll(List.of(arguments));
        return ChildProcess.start(command);
    }

    private static ChildProcess pythonServer(String certificate, String flavour) {
        return python("echo_server.py", flavour, Certs.file(certificate + ".pem").toString(),
                Certs.file(certificate + ".key").toString());
    }

    private static int portOf(ChildProcess peer) throws InterruptedException {
        return Integer.parseInt(peer.awaitLine(line -> line.matches("\\d+"), STARTUP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"asyncio", "uvloop"})
    void ourStreamsClientTalksToAPythonTlsServer(String flavour) throws Exception {
        try (ChildProcess server = pythonServer("server", flavour)) {
            int port = portOf(server);
            Asyncio.run(async(() -> {
                StreamConnection connection = await(openConnection("127.0.0.1", port, ConnectOptions.DEFAULT
                        .withSsl(Certs.clientOptions().withApplicationProtocols("h2", "http/1.1"))));
                assertEquals("h2", connection.writer().getExtraInfo("alpn_protocol"), "the server's preference");
                assertEquals("TLSv1.3", ((SslCipher) connection.writer().getExtraInfo("cipher")).protocol());
                @SuppressWarnings("unchecked")
                Map<String, Object> peercert = (Map<String, Object>) connection.writer().getExtraInfo("peercert");
                assertEquals(List.of(List.of(List.of("commonName", "localhost"))), peercert.get("subject"));
                for (int size : new int[] {1, 10, 1024, 10 * 1024, 100 * 1024, 1024 * 1024, 5 * 1024 * 1024}) {
                    byte[] data = SocketTransportTest.bytes(size);
                    connection.writer().write(data);
                    await(connection.writer().drain());
                    assertArrayEquals(data, await(connection.reader().readexactly(size)), size + " bytes");
                }
                connection.writer().close();
                await(connection.writer().waitClosed());
            }));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asyncio", "uvloop"})
    void thePythonServerClosingIsSeenAsEofAfterItsData(String flavour) throws Exception {
        try (ChildProcess server = pythonServer("ec-server", flavour)) {
            int port = portOf(server);
            Asyncio.run(async(() -> {
                var endpoint = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port,
                        ConnectOptions.DEFAULT.withSsl(Certs.clientOptions())));
                endpoint.transport().write("ping".getBytes());
                assertEquals("ping", new String(endpoint.protocol().awaitBytes(4)));
                endpoint.transport().close();
                assertEquals(null, await(endpoint.protocol().lost));
                assertEquals(List.of("made", "data", "eof", "lost"), endpoint.protocol().events);
            }));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asyncio", "uvloop"})
    void aPythonServerWithAnUntrustedCertificateIsRefused(String flavour) throws Exception {
        try (ChildProcess server = pythonServer("untrusted", flavour)) {
            int port = portOf(server);
            Asyncio.run(async(() -> {
                SSLHandshakeException error = assertThrows(SSLHandshakeException.class, () -> await(openConnection(
                        "127.0.0.1", port, ConnectOptions.DEFAULT.withSsl(Certs.clientOptions()))));
                assertTrue(error.getMessage().contains("PKIX"), error.getMessage());
            }));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"protocol/asyncio", "streams/asyncio", "protocol/uvloop", "streams/uvloop"})
    void aPythonTlsClientTalksToOurServer(String combination) throws Exception {
        String style = combination.split("/")[0];
        String flavour = combination.split("/")[1];
        Asyncio.run(async(() -> {
            ServerOptions options = ServerOptions.DEFAULT.withSsl(SslOptions.of(Certs.server())
                    .withApplicationProtocols("h2", "http/1.1"));
            Server server = await(style.equals("streams") ? EchoServers.streamStyle(0, options)
                    : EchoServers.protocolStyle(0, options));
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            try (ChildProcess client = python("echo_client.py", String.valueOf(port), flavour,
                    Certs.file("ca.pem").toString())) {
                String output = await(client.outputDone());
                assertEquals(0, await(client.process().onExit()).exitValue(), output);
                assertTrue(output.contains("version TLSv1.3 alpn http/1.1"), output);
                assertTrue(output.contains("OK"), output);
            }
            await(server.aclose());
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"asyncio", "uvloop"})
    void aPythonClientWithoutOurCaGivesUpAndOurServerCarriesOn(String flavour) throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(EchoServers.protocolStyle(0, ServerOptions.DEFAULT.withSsl(Certs.server())));
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            try (ChildProcess client = python("echo_client.py", String.valueOf(port), flavour,
                    Certs.file("other-ca.pem").toString())) {
                String output = await(client.outputDone());
                assertNotEquals(0, await(client.process().onExit()).exitValue(), output);
                assertTrue(output.contains("CERTIFICATE_VERIFY_FAILED"), output);
            }
            // The failed handshake left nothing behind: a good client still gets through.
            try (ChildProcess client = python("echo_client.py", String.valueOf(port), flavour,
                    Certs.file("ca.pem").toString())) {
                String output = await(client.outputDone());
                assertTrue(output.contains("OK"), output);
            }
            await(server.aclose());
        }));
    }
}
