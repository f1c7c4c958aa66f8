package dev.asyncio4j.http.client;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * HTTP Basic credentials (RFC 7617): aiohttp's {@code BasicAuth}. Given to a request or a
 * session, or taken from a URL's user info ({@code http://user:pass@host/}), they become an
 * {@code Authorization: Basic ...} header; given as a proxy's credentials, a
 * {@code Proxy-Authorization} header. They are dropped when a redirect leaves the origin.
 *
 * <p>Immutable.
 *
 * @param login the user name; it cannot contain ":"
 * @param password the password, "" for none
 * @param encoding how both are encoded before Base64 (aiohttp's default: Latin-1)
 */
public record BasicAuth(String login, String password, Charset encoding) {

    /**
     * Checks the credentials.
     *
     * @throws IllegalArgumentException if the login contains ":"
     */
    public BasicAuth {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(encoding, "encoding");
        if (login.indexOf(':') >= 0) {
            throw new IllegalArgumentException("A \":\" is not allowed in login (RFC 1945#section-11.1)");
        }
    }

    /**
     * Credentials encoded as Latin-1, as aiohttp's default.
     *
     * @param login the user name
     * @param password the key's password, or null
     */
    public BasicAuth(String login, String password) {
        this(login, password, StandardCharsets.ISO_8859_1);
    }

    /**
     * The header value: {@code Basic <base64(login:password)>}.
     *
     * @return the header value: {@code Basic <base64(login:password)>}
     */
    public String encode() {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(encoding));
    }

    /** The password is not shown. */
    @Override
    public String toString() {
        return "BasicAuth[login=" + login + ", password=***]";
    }
}
