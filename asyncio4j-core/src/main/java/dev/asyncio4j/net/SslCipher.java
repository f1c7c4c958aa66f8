package dev.asyncio4j.net;

/**
 * The cipher a TLS connection uses: the {@code (name, protocol, secret_bits)} tuple that
 * {@code getExtraInfo("cipher")} gives in asyncio ({@code SSLObject.cipher()}). Immutable.
 *
 * <pre>{@code
 * SslCipher cipher = (SslCipher) transport.getExtraInfo("cipher");
 * // SslCipher[name=TLS_AES_256_GCM_SHA384, protocol=TLSv1.3, secretBits=256]
 * }</pre>
 *
 * @param name the cipher suite, by its IANA name as the JDK gives it
 * @param protocol the TLS version: {@code "TLSv1.3"}, {@code "TLSv1.2"}
 * @param secretBits the strength of the bulk cipher's key, in bits (0 if unknown)
 */
public record SslCipher(String name, String protocol, int secretBits) {}
