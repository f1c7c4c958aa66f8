package dev.asyncio4j.http.client;

import dev.asyncio4j.net.SslContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A test CA and a server certificate it signs, made with openssl (Debian's package, a test peer)
 * when the test starts: nothing secret is committed, and every run has fresh keys.
 *
 * @param ca the CA's certificate (PEM), to trust
 * @param chain the server's certificate (PEM), for {@code localhost} and {@code names}
 * @param key the server's private key (PKCS#8 PEM)
 */
record TestCertificates(Path ca, Path chain, Path key) {

    /** Makes them in {@code dir}; the server certificate names {@code subjectAltNames} ("DNS:localhost,IP:127.0.0.1"). */
    static TestCertificates make(Path dir, String subjectAltNames) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca.key");
        Path key = dir.resolve("server.key");
        Path csr = dir.resolve("server.csr");
        Path chain = dir.resolve("server.pem");
        Path ext = dir.resolve("server.ext");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(),
                "-days", "2", "-subj", "/O=asyncio4j/CN=asyncio4j http test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        openssl(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                "-subj", "/CN=localhost");
        Files.writeString(ext, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage=serverAuth\nsubjectAltName=" + subjectAltNames + "\n");
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "2", "-sha256", "-extfile", ext.toString(), "-out", chain.toString());
        return new TestCertificates(ca, chain, key);
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + Files.readString(log));
        }
    }

    /** A server context with this certificate. */
    SSLContext server() throws Exception {
        return SslContexts.server(chain, key);
    }

    /** A client context that trusts this CA only. */
    SSLContext client() throws Exception {
        return SslContexts.client(ca);
    }
}
