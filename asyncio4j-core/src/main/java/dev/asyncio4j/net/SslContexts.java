package dev.asyncio4j.net;

import dev.asyncio4j.internal.net.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Makes {@link SSLContext}s from PEM files, the way certificates are usually kept (by OpenSSL,
 * Let's Encrypt, Kubernetes secrets): Python's {@code ssl.create_default_context(cafile=...)} and
 * {@code SSLContext.load_cert_chain(certfile, keyfile, password)}, with the JDK alone.
 *
 * <pre>{@code
 * SSLContext server = SslContexts.server(Path.of("fullchain.pem"), Path.of("privkey.pem"));
 * SSLContext client = SslContexts.client(Path.of("my-ca.pem"));       // trusts only that CA
 * SSLContext anyone = SslContexts.unverified();                        // aiohttp's ssl=False
 * SSLContext mutual = SslContexts.of(SslContexts.readCertificates(Path.of("client.pem")),
 *         SslContexts.readPrivateKey(Path.of("client.key"), null),
 *         SslContexts.readCertificates(Path.of("ca.pem")));            // a client certificate too
 * }</pre>
 *
 * <p>Keys may be PKCS#8 ({@code BEGIN PRIVATE KEY}, or {@code BEGIN ENCRYPTED PRIVATE KEY} with a
 * password) or OpenSSL's traditional unencrypted {@code BEGIN RSA PRIVATE KEY} and
 * {@code BEGIN EC PRIVATE KEY}; RSA, EC, Ed25519, Ed448, RSASSA-PSS and DSA keys are read. A
 * traditional encrypted key ({@code Proc-Type: 4,ENCRYPTED}) is refused with the command that
 * converts it. The contexts allow the JDK's default protocol versions (TLS 1.3 and 1.2).
 *
 * <p>Stateless and thread-safe; the contexts it makes are thread-safe too.
 */
public final class SslContexts {

    private SslContexts() {}

    /**
     * A server's context: its certificate chain (the server's own certificate first, then the
     * intermediates) and private key, from PEM files: Python's {@code load_cert_chain}.
     *
     * @param certificateChain the PEM file with the server's certificate chain, its own certificate
     *     first
     * @param privateKey the key's PEM file; may be the chain's own file if it holds the key too
     * @return a server's context: its certificate chain (the server's own certificate first, then
     *     the intermediates) and private key, from PEM files
     * @throws IllegalArgumentException if a file holds no certificate or no key, or the key does
     *     not match the certificate
     * @throws IOException if a file cannot be read
     * @throws GeneralSecurityException if the certificates or the key cannot be decoded
     */
    public static SSLContext server(Path certificateChain, Path privateKey) throws IOException, GeneralSecurityException {
        return server(certificateChain, privateKey, null);
    }

    /**
     * {@link #server(Path, Path)} with the password of an encrypted PKCS#8 key.
     *
     * @param certificateChain the PEM file with the server's certificate chain, its own certificate
     *     first
     * @param privateKey the PEM file with the private key
     * @param password the key's password, or null
     * @return the server's context
     * @throws IOException if a file cannot be read
     * @throws GeneralSecurityException if a certificate or the key is invalid, or the key does not
     *     match the certificate
     */
    public static SSLContext server(Path certificateChain, Path privateKey, char[] password)
            throws IOException, GeneralSecurityException {
        return of(readCertificates(certificateChain), readPrivateKey(privateKey, password), null);
    }

    /**
     * A client's context that trusts the CA certificates of a PEM bundle and no others: Python's
     * {@code create_default_context(cafile=...)}. Use {@link SslOptions#DEFAULT} to trust the
     * JDK's CAs instead.
     *
     * @param caBundle the PEM file with the CA certificates to trust
     * @return a client's context that trusts the CA certificates of a PEM bundle and no others
     * @throws IllegalArgumentException if the file holds no certificate
     * @throws IOException if the file cannot be read
     * @throws GeneralSecurityException if a certificate is invalid
     */
    public static SSLContext client(Path caBundle) throws IOException, GeneralSecurityException {
        return of(null, null, readCertificates(caBundle));
    }

    /**
     * A client's context that checks nothing: any certificate chain, any name. Python's
     * {@code ssl._create_unverified_context()}, what aiohttp's {@code ssl=False} gives. The
     * connection is encrypted but anyone in the middle can read it: for tests and for peers whose
     * identity does not matter, never for real services.
     *
     * @return a client's context that checks nothing: any certificate chain, any name
     * @throws GeneralSecurityException if the JDK has no TLS context
     */
    public static SSLContext unverified() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingEverything()}, null);
        return context;
    }

    /** Accepts every chain; being an X509ExtendedTrustManager, it also keeps the JDK from checking the name. */
    private static final class TrustingEverything extends javax.net.ssl.X509ExtendedTrustManager {
        private static final X509Certificate[] NONE = new X509Certificate[0];

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return NONE;
        }
    }

    /**
     * A context from parts: a certificate chain and its key to present (both null for none), and
     * the certificates to trust (null for the JDK's trusted CAs). A server that asks clients for
     * certificates ({@link SslOptions#clientAuth()}) checks them against {@code trusted}.
     *
     * @param chain the certificate chain to present, its own certificate first (null: none)
     * @param key the key
     * @param trusted the certificates to trust (null: the JDK's trusted CAs)
     * @return a context from parts: a certificate chain and its key to present (both null for
     *     none), and the certificates to trust (null for the JDK's trusted CAs)
     * @throws IllegalArgumentException if only one of {@code chain} and {@code key} is given, the
     *     chain is empty, or the key does not match the chain's first certificate
     * @throws GeneralSecurityException if a certificate or the key is invalid
     */
    public static SSLContext of(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> trusted)
            throws GeneralSecurityException {
        if ((chain == null) != (key == null)) {
            throw new IllegalArgumentException("a certificate chain and its private key go together");
        }
        KeyManager[] keyManagers = null;
        if (chain != null) {
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("the certificate chain is empty");
            }
            checkPair(chain.get(0), key);
            char[] secret = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException(e);
            }
            store.setKeyEntry("key", key, secret, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
            factory.init(store, secret);
            keyManagers = factory.getKeyManagers();
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trusted == null) {
            trust.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException(e);
            }
            int index = 0;
            for (X509Certificate certificate : trusted) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            trust.init(store);
        }
        TrustManager[] trustManagers = trust.getTrustManagers();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustManagers, null);
        return context;
    }

    /**
     * The certificates of a PEM file, in order (other blocks, such as a key, are skipped).
     *
     * @param pem the PEM file
     * @return the certificates of a PEM file, in order (other blocks, such as a key, are skipped)
     * @throws IllegalArgumentException if it holds none
     * @throws IOException if the file cannot be read
     * @throws GeneralSecurityException if a certificate is invalid, or there is none
     */
    public static List<X509Certificate> readCertificates(Path pem) throws IOException, GeneralSecurityException {
        return Pem.certificates(read(pem), pem.toString());
    }

    /**
     * The certificates of PEM text; see {@link #readCertificates(Path)}.
     *
     * @param pem the PEM text
     * @return the certificates of PEM text; see {@link #readCertificates(Path)}
     * @throws GeneralSecurityException if a certificate is invalid, or there is none
     */
    public static List<X509Certificate> parseCertificates(String pem) throws GeneralSecurityException {
        return Pem.certificates(Objects.requireNonNull(pem, "pem"), "the PEM text");
    }

    /**
     * The first private key of a PEM file (other blocks, such as certificates, are skipped).
     *
     * @param pem the PEM file
     * @param password for an encrypted PKCS#8 key; null for an unencrypted one
     * @return the first private key of a PEM file (other blocks, such as certificates, are skipped)
     * @throws IllegalArgumentException if it holds no key, the key is encrypted and no password was
     *     given, or it is encrypted in OpenSSL's traditional way (the message says how to convert it)
     * @throws GeneralSecurityException if the key cannot be decoded or the password is wrong
     * @throws IOException if the file cannot be read
     */
    public static PrivateKey readPrivateKey(Path pem, char[] password) throws IOException, GeneralSecurityException {
        return Pem.privateKey(read(pem), password, pem.toString());
    }

    /**
     * The first private key of PEM text; see {@link #readPrivateKey(Path, char[])}.
     *
     * @param pem the PEM text
     * @param password the key's password, or null
     * @return the first private key of PEM text; see {@link #readPrivateKey(Path, char[])}
     * @throws GeneralSecurityException if there is no key, it is invalid, or the password is wrong
     */
    public static PrivateKey parsePrivateKey(String pem, char[] password) throws GeneralSecurityException {
        return Pem.privateKey(Objects.requireNonNull(pem, "pem"), password, "the PEM text");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(Objects.requireNonNull(file, "file"), StandardCharsets.US_ASCII);
    }

    /** Signs with the key and verifies with the certificate, as OpenSSL checks a key against its certificate. */
    private static void checkPair(X509Certificate certificate, PrivateKey key) throws GeneralSecurityException {
        PublicKey publicKey = certificate.getPublicKey();
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("the private key (" + key.getAlgorithm()
                    + ") does not match the certificate's public key (" + publicKey.getAlgorithm() + ")");
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null; // RSASSA-PSS needs parameters: let the handshake judge
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new IllegalArgumentException("the private key does not match the certificate "
                    + certificate.getSubjectX500Principal().getName());
        }
    }
}
