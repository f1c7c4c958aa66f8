package dev.asyncio4j.internal.net;

import dev.asyncio4j.net.SslCipher;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a TLS transport's {@code getExtraInfo} says about its session, in asyncio's shapes:
 * {@code "peercert"} as Python's {@code getpeercert()} map, {@code "cipher"} as its
 * {@code (name, protocol, bits)} triple. Stateless.
 */
final class SslInfo {

    private static final Pattern KEY_BITS = Pattern.compile("(?:AES|ARIA|CAMELLIA)_(\\d{3})");
    private static final DateTimeFormatter OPENSSL_TIME =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("2.5.4.3", "commonName"),
            Map.entry("2.5.4.4", "surname"),
            Map.entry("2.5.4.5", "serialNumber"),
            Map.entry("2.5.4.6", "countryName"),
            Map.entry("2.5.4.7", "localityName"),
            Map.entry("2.5.4.8", "stateOrProvinceName"),
            Map.entry("2.5.4.9", "streetAddress"),
            Map.entry("2.5.4.10", "organizationName"),
            Map.entry("2.5.4.11", "organizationalUnitName"),
            Map.entry("2.5.4.12", "title"),
            Map.entry("2.5.4.17", "postalCode"),
            Map.entry("2.5.4.42", "givenName"),
            Map.entry("2.5.4.46", "dnQualifier"),
            Map.entry("1.2.840.113549.1.9.1", "emailAddress"),
            Map.entry("0.9.2342.19200300.100.1.1", "userId"),
            Map.entry("0.9.2342.19200300.100.1.25", "domainComponent"));

    private SslInfo() {}

    /** The peer's certificate chain, leaf first; null if the peer sent none. */
    static List<X509Certificate> peerChain(SSLSession session) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        List<X509Certificate> certificates = new ArrayList<>(chain.length);
        for (Certificate certificate : chain) {
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        return Collections.unmodifiableList(certificates);
    }

    /**
     * The peer's certificate as Python's {@code SSLSocket.getpeercert()} describes it:
     * {@code subject} and {@code issuer} (a list of relative names, each a list of
     * {@code [attribute, value]} pairs with OpenSSL's attribute names), {@code version},
     * {@code serialNumber} (upper-case hex), {@code notBefore} and {@code notAfter}
     * ({@code "Jan  5 09:34:43 2018 GMT"}), {@code subjectAltName} (a list of {@code [type, value]}).
     * Null if the peer sent no certificate.
     */
    static Map<String, Object> peercert(SSLSession session) {
        List<X509Certificate> chain = peerChain(session);
        if (chain == null || chain.isEmpty()) {
            return null;
        }
        X509Certificate certificate = chain.get(0);
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("subject", name(certificate.getSubjectX500Principal().getEncoded()));
        described.put("issuer", name(certificate.getIssuerX500Principal().getEncoded()));
        described.put("version", certificate.getVersion());
        described.put("serialNumber", serial(certificate.getSerialNumber()));
        described.put("notBefore", OPENSSL_TIME.format(certificate.getNotBefore().toInstant()));
        described.put("notAfter", OPENSSL_TIME.format(certificate.getNotAfter().toInstant()));
        List<List<String>> alternatives = alternativeNames(certificate);
        if (!alternatives.isEmpty()) {
            described.put("subjectAltName", alternatives);
        }
        return Collections.unmodifiableMap(described);
    }

    /** The session's cipher: asyncio's {@code cipher} extra information. */
    static SslCipher cipher(SSLSession session) {
        String suite = session.getCipherSuite();
        int bits = 0;
        Matcher matcher = KEY_BITS.matcher(suite);
        if (matcher.find()) {
            bits = Integer.parseInt(matcher.group(1));
        } else if (suite.contains("CHACHA20")) {
            bits = 256;
        } else if (suite.contains("3DES")) {
            bits = 168;
        }
        return new SslCipher(suite, session.getProtocol(), bits);
    }

    private static String serial(BigInteger number) {
        byte[] bytes = number.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return HexFormat.of().withUpperCase().formatHex(bytes, skip, bytes.length);
    }

    /** An X.500 name as Python shows it: relative names in order, each a list of pairs. */
    static List<List<List<String>>> name(byte[] encoded) {
        List<List<List<String>>> names = new ArrayList<>();
        for (Der.Element relative : Der.parse(encoded).children()) {
            List<List<String>> pairs = new ArrayList<>();
            for (Der.Element attribute : relative.children()) {
                List<Der.Element> parts = attribute.children();
                String oid = Der.oid(parts.get(0));
                pairs.add(List.of(NAMES.getOrDefault(oid, oid), text(parts.get(1))));
            }
            names.add(List.copyOf(pairs));
        }
        return List.copyOf(names);
    }

    private static String text(Der.Element value) {
        byte[] bytes = value.value();
        return switch (value.tag()) {
            case 0x0C -> new String(bytes, StandardCharsets.UTF_8);
            case 0x12, 0x13, 0x16, 0x1A -> new String(bytes, StandardCharsets.US_ASCII);
            case 0x14 -> new String(bytes, StandardCharsets.ISO_8859_1);
            case 0x1E -> new String(bytes, StandardCharsets.UTF_16BE);
            case 0x1C -> new String(bytes, java.nio.charset.Charset.forName("UTF-32BE"));
            default -> "#" + HexFormat.of().formatHex(Der.encoded(value));
        };
    }

    private static List<List<String>> alternativeNames(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (names == null) {
            return List.of();
        }
        List<List<String>> described = new ArrayList<>();
        for (List<?> entry : names) {
            int type = (Integer) entry.get(0);
            String kind = switch (type) {
                case 0 -> "othername";
                case 1 -> "email";
                case 2 -> "DNS";
                case 4 -> "DirName";
                case 6 -> "URI";
                case 7 -> "IP Address";
                case 8 -> "Registered ID";
                default -> "type" + type;
            };
            Object value = entry.get(1);
            described.add(List.of(kind, value instanceof String text ? text : "<unsupported>"));
        }
        return List.copyOf(described);
    }
}
