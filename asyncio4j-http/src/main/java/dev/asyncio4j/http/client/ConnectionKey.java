package dev.asyncio4j.http.client;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.Url;
import dev.asyncio4j.net.SslOptions;

/**
 * What makes two requests able to share a pooled connection: aiohttp's {@code ConnectionKey}.
 * Through a proxy, connections are still kept per target, as aiohttp does, so a tunnel (and the
 * proxy's credentials) are never shared between origins.
 *
 * <p>Immutable.
 *
 * @param host the target host (IPv6 without brackets)
 * @param port the target port
 * @param ssl whether the connection uses TLS (https)
 * @param proxy the proxy's URL, or null
 * @param proxyAuthorization the {@code Proxy-Authorization} value, or null
 * @param proxyHeaders the headers sent to the proxy
 * @param tls how TLS runs for https (the SSLContext by identity), null for http
 */
record ConnectionKey(String host, int port, boolean ssl, Url proxy, String proxyAuthorization, Headers proxyHeaders,
        SslOptions tls) {

    /** The host and port to open a socket to: the proxy's when there is one. */
    String connectHost() {
        return proxy != null ? proxy.host() : host;
    }

    int connectPort() {
        return proxy != null ? proxy.port() : port;
    }

    @Override
    public String toString() {
        return (ssl ? "https://" : "http://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port
                + (proxy != null ? " via " + proxy.withoutUserInfo() : "");
    }
}
