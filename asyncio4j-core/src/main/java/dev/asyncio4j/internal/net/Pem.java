package dev.asyncio4j.internal.net;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads certificates and private keys from PEM text, as OpenSSL writes them, with the JDK
 * alone: certificates; PKCS#8 keys ({@code PRIVATE KEY}, and {@code ENCRYPTED PRIVATE KEY} with a
 * password); OpenSSL's traditional {@code RSA PRIVATE KEY} (PKCS#1) and {@code EC PRIVATE KEY}
 * (SEC 1), re-wrapped as PKCS#8. Stateless.
 */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String RSA = "1.2.840.113549.1.1.1";
    private static final String EC = "1.2.840.10045.2.1";
    private static final Map<String, String> KEY_ALGORITHMS = Map.of(
            RSA, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            EC, "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.2.840.10040.4.1", "DSA");

    private Pem() {}

    /** One PEM block: its label and its decoded bytes, and whether it has OpenSSL's encryption headers. */
    private record Block(String label, byte[] der, boolean legacyEncrypted) {}

    private static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String body = matcher.group(2);
            boolean encrypted = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
            StringBuilder base64 = new StringBuilder();
            for (String line : body.split("\\R")) {
                if (!line.contains(":")) {
                    base64.append(line.strip());
                }
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad base64 in the PEM block " + matcher.group(1) + ": " + e.getMessage(), e);
            }
            blocks.add(new Block(matcher.group(1), der, encrypted));
        }
        return blocks;
    }

    /**
     * The certificates of {@code text}, in order; other blocks are skipped.
     *
     * @throws IllegalArgumentException if there is none
     * @throws CertificateException if one cannot be parsed
     */
    public static List<X509Certificate> certificates(String text, String source) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(text)) {
            if (block.label().equals("CERTIFICATE") || block.label().equals("X509 CERTIFICATE")) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate (-----BEGIN CERTIFICATE-----) in " + source);
        }
        return certificates;
    }

    /**
     * The first private key of {@code text}.
     *
     * @param password for an {@code ENCRYPTED PRIVATE KEY}; null for an unencrypted key
     * @throws IllegalArgumentException if there is no key, it is encrypted and no password is
     *     given, or it is encrypted the traditional OpenSSL way (convert it with
     *     {@code openssl pkcs8 -topk8})
     * @throws GeneralSecurityException if the key cannot be decoded or decrypted
     */
    public static PrivateKey privateKey(String text, char[] password, String source) throws GeneralSecurityException {
        for (Block block : blocks(text)) {
            switch (block.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(block.der(), source);
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    if (password == null) {
                        throw new IllegalArgumentException("the private key in " + source
                                + " is encrypted: give its password");
                    }
                    return pkcs8(decrypt(block.der(), password, source), source);
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                    if (block.legacyEncrypted()) {
                        throw new IllegalArgumentException("the private key in " + source + " is encrypted the"
                                + " traditional OpenSSL way, which the JDK cannot read: convert it with"
                                + " `openssl pkcs8 -topk8 -in old.pem -out new.pem`");
                    }
                    byte[] der = block.label().startsWith("RSA") ? fromPkcs1(block.der()) : fromSec1(block.der());
                    return pkcs8(der, source);
                }
                default -> {}
            }
        }
        throw new IllegalArgumentException("no PEM private key (-----BEGIN PRIVATE KEY-----) in " + source);
    }

    private static PrivateKey pkcs8(byte[] der, String source) throws GeneralSecurityException {
        String oid;
        try {
            List<Der.Element> parts = Der.parse(der).children();
            oid = Der.oid(parts.get(1).children().get(0));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the private key in " + source + " is not valid PKCS#8: " + e.getMessage(), e);
        }
        String algorithm = KEY_ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new IllegalArgumentException("the private key in " + source + " has an unsupported algorithm " + oid);
        }
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static byte[] decrypt(byte[] der, char[] password, String source) throws GeneralSecurityException {
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the encrypted private key in " + source + " is not valid: "
                    + e.getMessage(), e);
        }
        // For PBES2 the parameters name the real algorithm ("PBEWithHmacSHA256AndAES_256").
        String algorithm = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
        SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password)), info.getAlgParameters());
        try {
            return info.getKeySpec(cipher).getEncoded();
        } catch (java.security.spec.InvalidKeySpecException e) {
            throw new java.security.spec.InvalidKeySpecException("cannot decrypt the private key in " + source
                    + " (wrong password?)", e);
        }
    }

    /** PKCS#1 RSAPrivateKey wrapped in PKCS#8: SEQUENCE { 0, { rsaEncryption, NULL }, OCTET STRING }. */
    private static byte[] fromPkcs1(byte[] pkcs1) {
        return Der.encode(Der.SEQUENCE,
                Der.encode(Der.INTEGER, new byte[] {0}),
                Der.encode(Der.SEQUENCE, oid(RSA), Der.encode(Der.NULL)),
                Der.encode(Der.OCTET_STRING, pkcs1));
    }

    /**
     * SEC 1 ECPrivateKey wrapped in PKCS#8, with the curve moved from its [0] parameters to the
     * algorithm identifier, as {@code openssl pkcs8 -topk8} writes it.
     */
    private static byte[] fromSec1(byte[] sec1) {
        Der.Element curve = null;
        java.io.ByteArrayOutputStream rest = new java.io.ByteArrayOutputStream();
        for (Der.Element part : Der.parse(sec1).children()) {
            if (part.isContext(0)) {
                curve = part.children().get(0);
            } else {
                rest.writeBytes(Der.encoded(part));
            }
        }
        if (curve == null || curve.tag() != Der.OID) {
            throw new IllegalArgumentException("an EC PRIVATE KEY without a named curve cannot be read");
        }
        return Der.encode(Der.SEQUENCE,
                Der.encode(Der.INTEGER, new byte[] {0}),
                Der.encode(Der.SEQUENCE, oid(EC), Der.encoded(curve)),
                Der.encode(Der.OCTET_STRING, Der.encode(Der.SEQUENCE, rest.toByteArray())));
    }

    /** The DER encoding of a dotted object identifier. */
    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = 1;
            for (long rest = arc >>> 7; rest != 0; rest >>>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int bits = (int) (arc >>> (7 * g)) & 0x7F;
                out.write(g == 0 ? bits : bits | 0x80);
            }
        }
        return Der.encode(Der.OID, out.toByteArray());
    }
}
