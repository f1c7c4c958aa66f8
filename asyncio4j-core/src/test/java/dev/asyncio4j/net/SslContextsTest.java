package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SslContexts}: contexts from the PEM files OpenSSL writes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SslContextsTest {

    @TempDir
    Path directory;

    /** Serves one TLS connection with {@code server} and checks a client trusting the test CA gets through. */
    private static void handshakes(SSLContext server) throws Exception {
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openTls(TestProtocol::new, SslOptions.of(server), Certs.clientOptions())) {
                pair.client.transport.write(new byte[] {42});
                assertArrayEquals(new byte[] {42}, pair.accepted.awaitBytes(1));
            }
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"server.key", "server-rsa.key"})
    void rsaKeysInPkcs8AndTraditionalForm(String key) throws Exception {
        PrivateKey pkcs8 = SslContexts.readPrivateKey(Certs.file("server.key"), null);
        PrivateKey read = SslContexts.readPrivateKey(Certs.file(key), null);
        assertEquals("RSA", read.getAlgorithm());
        assertArrayEquals(pkcs8.getEncoded(), read.getEncoded(), "the same key, whatever its form");
        handshakes(SslContexts.server(Certs.file("server.pem"), Certs.file(key)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec-server.key", "ec-server-pkcs8.key"})
    void ecKeysInSec1AndPkcs8Form(String key) throws Exception {
        PrivateKey read = SslContexts.readPrivateKey(Certs.file(key), null);
        assertEquals("EC", read.getAlgorithm());
        assertArrayEquals(SslContexts.readPrivateKey(Certs.file("ec-server-pkcs8.key"), null).getEncoded(),
                read.getEncoded());
        handshakes(SslContexts.server(Certs.file("ec-server.pem"), Certs.file(key)));
    }

    @Test
    void anEncryptedPkcs8KeyWithItsPassword() throws Exception {
        PrivateKey key = SslContexts.readPrivateKey(Certs.file("server-encrypted.key"), "secret".toCharArray());
        assertArrayEquals(SslContexts.readPrivateKey(Certs.file("server.key"), null).getEncoded(), key.getEncoded());
        handshakes(SslContexts.server(Certs.file("server.pem"), Certs.file("server-encrypted.key"), "secret".toCharArray()));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SslContexts.readPrivateKey(Certs.file("server-encrypted.key"), null));
        assertTrue(missing.getMessage().contains("is encrypted: give its password"), missing.getMessage());
        GeneralSecurityException wrong = assertThrows(GeneralSecurityException.class,
                () -> SslContexts.readPrivateKey(Certs.file("server-encrypted.key"), "wrong".toCharArray()));
        assertTrue(String.valueOf(wrong.getMessage()).contains("wrong password") || wrong.getCause() != null,
                String.valueOf(wrong));
    }

    @Test
    void aTraditionallyEncryptedKeyIsRefusedWithTheCommandThatConvertsIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SslContexts.readPrivateKey(Certs.file("server-legacy-encrypted.key"), "secret".toCharArray()));
        assertTrue(error.getMessage().contains("openssl pkcs8 -topk8"), error.getMessage());
    }

    @Test
    void aChainWithItsIntermediateAndTheKeyInTheSameFile() throws Exception {
        List<X509Certificate> chain = SslContexts.readCertificates(Certs.file("chained.pem"));
        assertEquals(2, chain.size());
        assertEquals("CN=localhost", chain.get(0).getSubjectX500Principal().getName());
        Path both = directory.resolve("both.pem");
        Files.writeString(both, Files.readString(Certs.file("chained.key")) + Files.readString(Certs.file("chained.pem")));
        handshakes(SslContexts.server(both, both));
    }

    @Test
    void pemTextAsWellAsFiles() throws Exception {
        List<X509Certificate> certificates = SslContexts.parseCertificates(Files.readString(Certs.file("ca.pem")));
        assertEquals("CN=asyncio4j test CA,O=asyncio4j", certificates.get(0).getSubjectX500Principal().getName());
        assertEquals("RSA", SslContexts.parsePrivateKey(Files.readString(Certs.file("server-rsa.key")), null).getAlgorithm());
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SslContexts.server(Certs.file("server.pem"), Certs.file("wronghost.key")));
        assertTrue(error.getMessage().contains("does not match the certificate"), error.getMessage());
        IllegalArgumentException algorithm = assertThrows(IllegalArgumentException.class,
                () -> SslContexts.server(Certs.file("server.pem"), Certs.file("ec-server.key")));
        assertTrue(algorithm.getMessage().contains("does not match"), algorithm.getMessage());
    }

    @Test
    void filesWithoutWhatIsAskedForSaySo() throws Exception {
        Path empty = directory.resolve("empty.pem");
        Files.writeString(empty, "nothing here\n");
        IllegalArgumentException noCertificate = assertThrows(IllegalArgumentException.class,
                () -> SslContexts.readCertificates(empty));
        assertTrue(noCertificate.getMessage().startsWith("no PEM certificate"), noCertificate.getMessage());
        assertTrue(noCertificate.getMessage().contains(empty.toString()));
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
                () -> SslContexts.readPrivateKey(Certs.file("server.pem"), null));
        assertTrue(noKey.getMessage().startsWith("no PEM private key"), noKey.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> SslContexts.client(directory.resolve("absent.pem")));
        Path broken = directory.resolve("broken.pem");
        Files.writeString(broken, "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
        assertThrows(IllegalArgumentException.class, () -> SslContexts.readCertificates(broken));
        assertThrows(IllegalArgumentException.class,
                () -> SslContexts.of(SslContexts.readCertificates(Certs.file("server.pem")), null, null));
    }

    @Test
    void aClientContextTrustsOnlyItsBundle() throws Exception {
        Asyncio.run(async(() -> {
            SSLContext other = SslContexts.client(Certs.file("other-ca.pem"));
            Server server = await(Asyncio.getRunningLoop().createServer(TestProtocol::new, "127.0.0.1", 0,
                    ServerOptions.DEFAULT.withSsl(Certs.server())));
            int port = ((java.net.InetSocketAddress) server.addresses().get(0)).getPort();
            javax.net.ssl.SSLHandshakeException error = assertThrows(javax.net.ssl.SSLHandshakeException.class,
                    () -> await(Asyncio.getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port,
                            ConnectOptions.DEFAULT.withSsl(other).withServerHostname("localhost"))));
            assertTrue(error.getMessage().contains("PKIX"), error.getMessage());
            await(server.aclose());
            // The untrusted server it does trust:
            try (Loopback pair = Loopback.openTls(TestProtocol::new, SslOptions.of(Certs.server("untrusted")),
                    SslOptions.of(other).withServerHostname("localhost"))) {
                await(Asyncio.sleep(0));
            }
        }));
    }

    @Test
    void anUnverifiedContextAcceptsAnyChainAndAnyName() throws Exception {
        Asyncio.run(async(() -> {
            for (String certificate : new String[] {"untrusted", "wronghost", "expired"}) {
                try (Loopback pair = Loopback.openTls(TestProtocol::new, SslOptions.of(Certs.server(certificate)),
                        SslOptions.of(SslContexts.unverified()).withServerHostname("localhost"))) {
                    pair.client.transport.write(new byte[] {7});
                    assertArrayEquals(new byte[] {7}, pair.accepted.awaitBytes(1), certificate);
                }
            }
        }));
    }
}
