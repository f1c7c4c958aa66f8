package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.net.ServerOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * https: verification on by default, a custom SSLContext, verification off, the host name
 * checked, and CONNECT tunnels through a proxy; against asyncio4j's own TLS server with a
 * certificate the test makes (openssl).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientTlsIT {

    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.make(dir, "DNS:localhost");
    }

    private static void ok(ScriptedServer.Connection c, ScriptedServer.Received r) {
        c.respond(200, "OK", "secure " + r.target(), "Content-Type", "text/plain");
    }

    private static String url(ScriptedServer server, String host, String path) {
        return "https://" + host + ":" + server.port() + path;
    }

    @Test
    void verifiedWithTheTrustedCaAndKeptAlive() throws Exception {
        Asyncio.run(async(() -> {
            long fds = Leaks.openDescriptors();
            ScriptedServer server = await(ScriptedServer.start(ClientTlsIT::ok, ServerOptions.DEFAULT.withSsl(certs.server())));
            Connector connector = new Connector(ConnectorOptions.DEFAULT.withSsl(
                    dev.asyncio4j.net.SslOptions.of(certs.client())));
            try (var session = new ClientSession(SessionOptions.DEFAULT.withConnector(connector, true))) {
                for (int i = 0; i < 3; i++) {
                    try (var response = await(session.get(url(server, "localhost", "/" + i)))) {
                        assertEquals("secure /" + i, await(response.text()));
                    }
                }
                assertEquals(1, server.connections.size(), "one TLS connection for three requests");
                try (var response = await(session.get(url(server, "localhost", "/ctx"),
                        RequestOptions.DEFAULT.withSsl(certs.client())))) {
                    assertEquals("secure /ctx", await(response.text()));
                }
            } finally {
                await(server.aclose());
            }
            Leaks.assertDescriptorsBackTo(fds);
        }));
    }

    @Test
    void verificationIsOnByDefault() throws Exception {
        Asyncio.run(async(() -> {
            long fds = Leaks.openDescriptors();
            ScriptedServer server = await(ScriptedServer.start(ClientTlsIT::ok, ServerOptions.DEFAULT.withSsl(certs.server())));
            try (var session = new ClientSession()) {
                ClientSslException e = assertThrows(ClientSslException.class,
                        () -> await(session.get(url(server, "localhost", "/"))));
                assertInstanceOf(SSLHandshakeException.class, e.getCause());
                assertTrue(e.getMessage().startsWith("Cannot connect to host localhost:" + server.port()), e.getMessage());
                // The right CA, the wrong name: 127.0.0.1 is not in the certificate.
                e = assertThrows(ClientSslException.class, () -> await(session.get(url(server, "127.0.0.1", "/"),
                        RequestOptions.DEFAULT.withSsl(certs.client()))));
                assertInstanceOf(SSLHandshakeException.class, e.getCause());
                // Verification off (aiohttp's ssl=False): any certificate, any name.
                try (var response = await(session.get(url(server, "127.0.0.1", "/any"), RequestOptions.DEFAULT.withSsl(false)))) {
                    assertEquals("secure /any", await(response.text()));
                }
                Leaks.assertPoolEmpty(session);
            } finally {
                await(server.aclose());
            }
            Leaks.assertDescriptorsBackTo(fds);
        }));
    }

    @Test
    void httpsThroughAConnectTunnel() throws Exception {
        Asyncio.run(async(() -> {
            long fds = Leaks.openDescriptors();
            ScriptedServer server = await(ScriptedServer.start(ClientTlsIT::ok, ServerOptions.DEFAULT.withSsl(certs.server())));
            TunnelProxy proxy = await(TunnelProxy.start(null));
            TunnelProxy refusing = await(TunnelProxy.start(
                    "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"));
            try (var session = new ClientSession()) {
                RequestOptions viaProxy = RequestOptions.DEFAULT.withSsl(certs.client()).withProxy(proxy.url())
                        .withProxyAuth(new BasicAuth("user", "pw"));
                for (int i = 0; i < 2; i++) {
                    try (var response = await(session.get(url(server, "localhost", "/tunnelled"), viaProxy))) {
                        assertEquals("secure /tunnelled", await(response.text()));
                    }
                }
                assertEquals(1, proxy.connects.size(), "the tunnel is kept alive");
                String connect = proxy.connects.get(0);
                assertTrue(connect.startsWith("CONNECT localhost:" + server.port() + " HTTP/1.1\r\n"), connect);
                assertTrue(connect.contains("Host: localhost:" + server.port()), connect);
                assertTrue(connect.contains("Proxy-Authorization: " + new BasicAuth("user", "pw").encode()), connect);
                assertEquals(1, server.connections.size());
                assertTrue(server.last().headers().get("Proxy-Authorization") == null, "credentials stay with the proxy");
                ClientHttpProxyException e = assertThrows(ClientHttpProxyException.class, () -> await(session.get(
                        url(server, "localhost", "/"), viaProxy.withProxy(refusing.url()))));
                assertEquals(407, e.status());
                assertEquals("CONNECT", e.requestInfo().method());
                Leaks.assertPoolEmpty(session);
            } finally {
                await(proxy.aclose());
                await(refusing.aclose());
                await(server.aclose());
            }
            Leaks.assertDescriptorsBackTo(fds);
        }));
    }
}
