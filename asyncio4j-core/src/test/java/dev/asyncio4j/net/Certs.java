package dev.asyncio4j.net;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * The TLS tests' certificates and keys (test resources made by {@code tls/make-certs.sh}), and the
 * contexts made from them with {@link SslContexts}, as a user would make them.
 */
final class Certs {

    private Certs() {}

    /** A file of the tls test resources, by name ("server.pem"). */
    static Path file(String name) {
        try {
            return Path.of(Certs.class.getResource("tls/" + name).toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            return fail("missing test resource tls/" + name);
        }
    }

    /** A server context for {@code name}.pem and {@code name}.key ("server", "expired", ...). */
    static SSLContext server(String name) throws Exception {
        return SslContexts.server(file(name + ".pem"), file(name + ".key"));
    }

    /** The server context for localhost, 127.0.0.1 and ::1, signed by the test CA. */
    static SSLContext server() throws Exception {
        return server("server");
    }

    /** A client context that trusts the test CA only. */
    static SSLContext client() throws Exception {
        return SslContexts.client(file("ca.pem"));
    }

    /** Client options trusting the test CA, checking the name "localhost". */
    static SslOptions clientOptions() throws Exception {
        return SslOptions.of(client()).withServerHostname("localhost");
    }
}
