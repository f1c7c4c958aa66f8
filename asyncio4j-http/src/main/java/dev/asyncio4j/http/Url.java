package dev.asyncio4j.http;

import dev.asyncio4j.http.internal.FormEncoding;
import dev.asyncio4j.http.internal.PercentCodec;
import java.net.IDN;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * A URL as aiohttp uses it: yarl's {@code URL}. Parsing a string percent-encodes what must be
 * (spaces, non-ASCII, a stray "%") and keeps valid escapes; the parts are then available both
 * encoded ({@link #rawPath()}, {@link #rawQueryString()}) and decoded ({@link #path()},
 * {@link #query()}). Queries are built with proper encoding ({@link #withQuery(MultiDict)}:
 * {@code ?q=a+b&x=%26}), a relative reference is resolved against a base ({@link #join(Url)},
 * RFC 3986 5.2), and host names are IDNA-encoded. {@link java.net.URI} does none of this the
 * way a Python user expects (its multi-argument constructors leave "&amp;" and "+" in a query value).
 *
 * <pre>{@code
 * Url base = Url.parse("https://api.example.com/v1/");
 * Url url = base.join(Url.parse("search")).withQuery(MultiDict.of("q", "asyncio & java", "page", "2"));
 * url.toString();   // https://api.example.com/v1/search?q=asyncio+%26+java&page=2
 * url.pathQs();     // /v1/search?q=asyncio+%26+java&page=2  (the request target)
 * }</pre>
 *
 * <p>Immutable.
 */
public final class Url {
    /*
     * Overview: every field holds the encoded form (null when the part is absent, as in yarl an
     * absent query differs from an empty one: "a?" keeps its "?"). host is lower-cased ASCII
     * (IDNA), IPv6 literals without brackets. port is -1 when not given.
     */
    private final String scheme;
    private final String userInfo;
    private final String host;
    private final int port;
    private final String path;
    private final String query;
    private final String fragment;

    private Url(String scheme, String userInfo, String host, int port, String path, String query, String fragment) {
        this.scheme = scheme;
        this.userInfo = userInfo;
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
        this.fragment = fragment;
    }

    /**
     * Parses an absolute URL or a relative reference, encoding what is not yet encoded:
     * {@code URL(text)}.
     *
     * @param text the URL text
     * @return the URL
     * @throws IllegalArgumentException when the text cannot be a URL (a bad port, an unclosed
     *     IPv6 bracket, a control character)
     */
    public static Url parse(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("control character in URL: " + text.strip());
            }
        }
        String s = text.strip();
        String scheme = null;
        int i = 0;
        int colon = s.indexOf(':');
        if (colon > 0 && validScheme(s, colon)) {
            scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
            i = colon + 1;
        }
        String userInfo = null;
        String host = null;
        int port = -1;
        if (s.startsWith("//", i)) {
            int end = i + 2;
            while (end < s.length() && "/?#".indexOf(s.charAt(end)) < 0) {
                end++;
            }
            String authority = s.substring(i + 2, end);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                userInfo = PercentCodec.requote(authority.substring(0, at), PercentCodec.USERINFO);
                authority = authority.substring(at + 1);
            }
            String hostPart = authority;
            String portPart = null;
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed IPv6 bracket in URL: " + text);
                }
                hostPart = authority.substring(1, close);
                if (close + 1 < authority.length()) {
                    if (authority.charAt(close + 1) != ':') {
                        throw new IllegalArgumentException("invalid authority in URL: " + text);
                    }
                    portPart = authority.substring(close + 2);
                }
            } else {
                int c = authority.lastIndexOf(':');
                if (c >= 0) {
                    hostPart = authority.substring(0, c);
                    portPart = authority.substring(c + 1);
                }
            }
            host = encodeHost(hostPart);
            if (portPart != null && !portPart.isEmpty()) {
                port = parsePort(portPart, text);
            }
            i = end;
        }
        int hash = s.indexOf('#', i);
        String fragment = hash < 0 ? null : PercentCodec.requote(s.substring(hash + 1), PercentCodec.QUERY);
        String beforeHash = hash < 0 ? s.substring(i) : s.substring(i, hash);
        int q = beforeHash.indexOf('?');
        String query = q < 0 ? null : PercentCodec.requote(beforeHash.substring(q + 1), PercentCodec.QUERY);
        String path = PercentCodec.requote(q < 0 ? beforeHash : beforeHash.substring(0, q), PercentCodec.PATH);
        if (host != null && !path.isEmpty() && !path.startsWith("/")) {
            path = "/" + path;
        }
        return new Url(scheme, userInfo, host, port, path, query, fragment);
    }

    /**
     * The URL of a {@link URI}.
     *
     * @param uri the URI
     * @return the URL of a {@link URI}
     */
    public static Url of(URI uri) {
        return parse(uri.toString());
    }

    private static boolean validScheme(String s, int colon) {
        if (!Character.isLetter(s.charAt(0)) || s.charAt(0) > 0x7F) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = s.charAt(i);
            if (c > 0x7F || !(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static String encodeHost(String host) {
        if (host.isEmpty()) {
            return host;
        }
        if (host.indexOf(':') >= 0) {
            return host.toLowerCase(Locale.ROOT); // IPv6 literal
        }
        String decoded = PercentCodec.decode(host, false);
        try {
            return IDN.toASCII(decoded, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid host '" + host + "': " + e.getMessage(), e);
        }
    }

    private static int parsePort(String portPart, String text) {
        if (portPart.length() > 5 || !portPart.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("invalid port '" + portPart + "' in URL: " + text);
        }
        int port = Integer.parseInt(portPart);
        if (port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range in URL: " + text);
        }
        return port;
    }

    // ---- parts -----------------------------------------------------------------------------

    /**
     * The scheme in lower case ({@code https}), or null for a relative reference.
     *
     * @return the scheme in lower case ({@code https}), or null for a relative reference
     */
    public String scheme() {
        return scheme;
    }

    /**
     * True when the URL has a scheme and a host: {@code url.absolute}.
     *
     * @return true when the URL has a scheme and a host: {@code url.absolute}
     */
    public boolean isAbsolute() {
        return scheme != null && host != null;
    }

    /**
     * The host, IDNA-encoded and lower case, IPv6 without brackets; null when none.
     *
     * @return the host, IDNA-encoded and lower case, IPv6 without brackets; null when none
     */
    public String host() {
        return host;
    }

    /**
     * The port given, or the scheme's default (80 for http/ws, 443 for https/wss), or -1.
     *
     * @return the port given, or the scheme's default (80 for http/ws, 443 for https/wss), or -1
     */
    public int port() {
        return port >= 0 ? port : defaultPort(scheme);
    }

    /**
     * The port as written, or -1: yarl's {@code explicit_port}.
     *
     * @return the port as written, or -1: yarl's {@code explicit_port}
     */
    public int explicitPort() {
        return port;
    }

    private static int defaultPort(String scheme) {
        if (scheme == null) {
            return -1;
        }
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }

    /**
     * The decoded user name, or null.
     *
     * @return the decoded user name, or null
     */
    public String user() {
        if (userInfo == null) {
            return null;
        }
        int c = userInfo.indexOf(':');
        return PercentCodec.decode(c < 0 ? userInfo : userInfo.substring(0, c), false);
    }

    /**
     * The decoded password, or null.
     *
     * @return the decoded password, or null
     */
    public String password() {
        int c = userInfo == null ? -1 : userInfo.indexOf(':');
        return c < 0 ? null : PercentCodec.decode(userInfo.substring(c + 1), false);
    }

    /**
     * The encoded path, "" when empty: {@code raw_path}.
     *
     * @return the encoded path, "" when empty: {@code raw_path}
     */
    public String rawPath() {
        return path;
    }

    /**
     * The decoded path: {@code path}.
     *
     * @return the decoded path: {@code path}
     */
    public String path() {
        return PercentCodec.decode(path, false);
    }

    /**
     * The encoded query string without "?", "" when none: {@code raw_query_string}.
     *
     * @return the encoded query string without "?", "" when none: {@code raw_query_string}
     */
    public String rawQueryString() {
        return query == null ? "" : query;
    }

    /**
     * The decoded query string: {@code query_string}.
     *
     * @return the decoded query string: {@code query_string}
     */
    public String queryString() {
        return PercentCodec.decode(rawQueryString(), true);
    }

    /**
     * The query as decoded pairs, "+" read as a space: {@code url.query}.
     *
     * @return the query as decoded pairs, "+" read as a space: {@code url.query}
     */
    public MultiDict query() {
        return query == null || query.isEmpty() ? MultiDict.EMPTY : FormEncoding.decode(query);
    }

    /**
     * The decoded fragment, "" when none.
     *
     * @return the decoded fragment, "" when none
     */
    public String fragment() {
        return fragment == null ? "" : PercentCodec.decode(fragment, false);
    }

    /**
     * The request target for the request line: encoded path ("/" when empty) and query: {@code
     * raw_path_qs}.
     *
     * @return the request target for the request line: encoded path ("/" when empty) and query:
     *     {@code raw_path_qs}
     */
    public String pathQs() {
        String p = path.isEmpty() ? "/" : path;
        return query == null || query.isEmpty() ? p : p + "?" + query;
    }

    /**
     * The {@code Host} header value: host, and the port unless it is the scheme's default.
     *
     * @return the {@code Host} header value: host, and the port unless it is the scheme's default
     */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port >= 0 && port != defaultPort(scheme) ? h + ":" + port : h;
    }

    /**
     * Scheme, host and port only: {@code url.origin()}.
     *
     * @return the new URL
     */
    public Url origin() {
        requireAbsolute("origin");
        return new Url(scheme, null, host, port, "", null, null);
    }

    private void requireAbsolute(String what) {
        if (!isAbsolute()) {
            throw new IllegalStateException(what + " needs an absolute URL, not " + this);
        }
    }

    // ---- derived URLs ----------------------------------------------------------------------

    /**
     * This URL with its query replaced by {@code params}, encoded: {@code with_query}.
     *
     * @param params the query parameters
     * @return the new URL
     */
    public Url withQuery(MultiDict params) {
        return new Url(scheme, userInfo, host, port, path, params.isEmpty() ? null : FormEncoding.encodeQuery(params), fragment);
    }

    /**
     * {@link #withQuery(MultiDict)} from alternating names and values.
     *
     * @param namesAndValues alternating names and values
     * @return the new URL
     */
    public Url withQuery(String... namesAndValues) {
        return withQuery(MultiDict.of(namesAndValues));
    }

    /**
     * {@link #withQuery(MultiDict)} from a map.
     *
     * @param params the query parameters
     * @return the new URL
     */
    public Url withQuery(Map<String, String> params) {
        return withQuery(MultiDict.copyOf(params));
    }

    /**
     * This URL with its query string replaced by {@code rawQuery}, requoted; null removes it.
     *
     * @param rawQuery the query, already percent-encoded
     * @return the new URL
     */
    public Url withRawQuery(String rawQuery) {
        return new Url(scheme, userInfo, host, port, path,
                rawQuery == null ? null : PercentCodec.requote(rawQuery, PercentCodec.QUERY), fragment);
    }

    /**
     * The names of {@code params} replaced, others kept: {@code update_query}.
     *
     * @param params the query parameters
     * @return the names of {@code params} replaced, others kept: {@code update_query}
     */
    public Url updateQuery(MultiDict params) {
        return withQuery(query().updatedWith(params));
    }

    /**
     * {@code params} appended to the query: {@code extend_query}.
     *
     * @param params the query parameters
     * @return the new URL
     */
    public Url extendQuery(MultiDict params) {
        return withQuery(query().withAll(params));
    }

    /**
     * This URL with another path (given decoded; encoded here), query and fragment dropped: {@code
     * with_path}.
     *
     * @param decodedPath the path, not percent-encoded
     * @return the new URL
     */
    public Url withPath(String decodedPath) {
        String p = PercentCodec.encode(decodedPath, PercentCodec.PATH, false);
        if (host != null && !p.isEmpty() && !p.startsWith("/")) {
            p = "/" + p;
        }
        return new Url(scheme, userInfo, host, port, p, null, null);
    }

    /**
     * This URL without user name and password: yarl's {@code with_user(None)}.
     *
     * @return the new URL
     */
    public Url withoutUserInfo() {
        return userInfo == null ? this : new Url(scheme, null, host, port, path, query, fragment);
    }

    /**
     * This URL without its fragment.
     *
     * @return the new URL
     */
    public Url withoutFragment() {
        return fragment == null ? this : new Url(scheme, userInfo, host, port, path, query, null);
    }

    /**
     * This URL with another scheme.
     *
     * @param newScheme the scheme
     * @return the new URL
     */
    public Url withScheme(String newScheme) {
        return new Url(newScheme.toLowerCase(Locale.ROOT), userInfo, host, port, path, query, fragment);
    }

    /**
     * {@code ref} resolved against this URL (RFC 3986 5.2.2): {@code base.join(ref)}.
     *
     * @param ref the reference to resolve
     * @return the new URL
     */
    public Url join(Url ref) {
        if (ref.scheme != null) {
            return new Url(ref.scheme, ref.userInfo, ref.host, ref.port, removeDotSegments(ref.path), ref.query, ref.fragment);
        }
        if (ref.host != null) {
            return new Url(scheme, ref.userInfo, ref.host, ref.port, removeDotSegments(ref.path), ref.query, ref.fragment);
        }
        String p;
        String q;
        if (ref.path.isEmpty()) {
            p = path;
            q = ref.query != null ? ref.query : query;
        } else {
            if (ref.path.startsWith("/")) {
                p = removeDotSegments(ref.path);
            } else {
                String merged = host != null && path.isEmpty() ? "/" + ref.path
                        : path.substring(0, path.lastIndexOf('/') + 1) + ref.path;
                p = removeDotSegments(merged);
            }
            q = ref.query;
        }
        return new Url(scheme, userInfo, host, port, p, q, ref.fragment);
    }

    /**
     * {@link #join(Url)} of a parsed reference: {@code base.join(URL(ref))}.
     *
     * @param ref the reference to resolve
     * @return the new URL
     */
    public Url resolve(String ref) {
        return join(parse(ref));
    }

    /** RFC 3986 5.2.4. */
    static String removeDotSegments(String in) {
        if (in.indexOf('.') < 0) {
            return in;
        }
        StringBuilder out = new StringBuilder();
        String s = in;
        while (!s.isEmpty()) {
            if (s.startsWith("../")) {
                s = s.substring(3);
            } else if (s.startsWith("./")) {
                s = s.substring(2);
            } else if (s.startsWith("/./")) {
                s = s.substring(2);
            } else if (s.equals("/.")) {
                s = "/";
            } else if (s.startsWith("/../") || s.equals("/..")) {
                s = s.length() == 3 ? "/" : s.substring(3);
                int last = out.lastIndexOf("/");
                out.setLength(Math.max(last, 0));
            } else if (s.equals(".") || s.equals("..")) {
                s = "";
            } else {
                int next = s.indexOf('/', s.startsWith("/") ? 1 : 0);
                int end = next < 0 ? s.length() : next;
                out.append(s, 0, end);
                s = s.substring(end);
            }
        }
        return out.toString();
    }

    /**
     * The {@link URI} of this URL.
     *
     * @return the {@link URI} of this URL
     */
    public URI toUri() {
        return URI.create(toString());
    }

    /** The encoded URL: {@code str(url)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (scheme != null) {
            sb.append(scheme).append(':');
        }
        if (host != null) {
            sb.append("//");
            if (userInfo != null) {
                sb.append(userInfo).append('@');
            }
            sb.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
            if (port >= 0) {
                sb.append(':').append(port);
            }
        }
        sb.append(path);
        if (query != null) {
            sb.append('?').append(query);
        }
        if (fragment != null) {
            sb.append('#').append(fragment);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Url u && toString().equals(u.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
