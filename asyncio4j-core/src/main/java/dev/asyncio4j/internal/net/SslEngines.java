package dev.asyncio4j.internal.net;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.net.BaseProtocol;
import dev.asyncio4j.net.SslOptions;
import dev.asyncio4j.net.Transport;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Makes the {@link SSLEngine} of a TLS connection from its {@link SslOptions}, as asyncio's
 * {@code SSLProtocol} asks its context to {@code wrap_bio}: client or server mode, SNI and
 * hostname verification for clients, client authentication for servers, ALPN. Stateless.
 */
final class SslEngines {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private SslEngines() {}

    /**
     * Checks the options of a client connection and returns the name to verify, as asyncio's
     * {@code create_connection} does: {@code host} when none is given.
     *
     * @throws IllegalArgumentException with asyncio's message when there is neither
     */
    static String clientHostname(SslOptions ssl, String host) {
        String name = ssl.serverHostname();
        if (name == null) {
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("You must set server_hostname when using ssl without a host");
            }
            name = host;
        }
        return name;
    }

    /**
     * Checks the options of a server.
     *
     * @throws IllegalArgumentException without a context (asyncio's "Server side SSL needs a valid
     *     SSLContext"), or with a server hostname
     */
    static void checkServer(SslOptions ssl) {
        if (ssl.context() == null) {
            throw new IllegalArgumentException("Server side SSL needs a valid SSLContext");
        }
        if (ssl.serverHostname() != null) {
            throw new IllegalArgumentException("server_hostname is only meaningful for a client");
        }
    }

    /** The context in force: the options', or the JDK's default for a client. */
    static SSLContext context(SslOptions ssl, boolean serverSide) {
        if (ssl.context() != null) {
            return ssl.context();
        }
        if (serverSide) {
            throw new IllegalArgumentException("Server side SSL needs a valid SSLContext");
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default SSLContext: " + e.getMessage(), e);
        }
    }

    /**
     * A new engine for one connection.
     *
     * @param serverHostname for a client, the name to verify and send as SNI ("" for neither)
     * @param peer the peer's address (its port keys the client's session cache), or null
     */
    static SSLEngine newEngine(SSLContext context, SslOptions ssl, boolean serverSide, String serverHostname,
            SocketAddress peer) {
        SSLEngine engine;
        String name = serverSide || serverHostname == null ? "" : stripBrackets(serverHostname);
        if (!name.isEmpty()) {
            int port = peer instanceof InetSocketAddress inet ? inet.getPort() : -1;
            engine = context.createSSLEngine(name, port);
        } else {
            engine = context.createSSLEngine();
        }
        engine.setUseClientMode(!serverSide);
        SSLParameters parameters = engine.getSSLParameters();
        if (!name.isEmpty()) {
            // Verify that the certificate names the host, as a browser does (Python's check_hostname).
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!isIpLiteral(name)) {
                String sni = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
                parameters.setServerNames(List.of(new SNIHostName(sni)));
            }
        }
        if (serverSide) {
            switch (ssl.clientAuth()) {
                case REQUIRED -> parameters.setNeedClientAuth(true);
                case OPTIONAL -> parameters.setWantClientAuth(true);
                case NONE -> parameters.setWantClientAuth(false);
            }
        }
        if (!ssl.applicationProtocols().isEmpty()) {
            parameters.setApplicationProtocols(ssl.applicationProtocols().toArray(String[]::new));
        }
        engine.setSSLParameters(parameters);
        if (ssl.engineSetup() != null) {
            ssl.engineSetup().accept(engine);
        }
        return engine;
    }

    /**
     * The TLS layer of a new connection: an engine and its {@link SslProtocol}, whose
     * {@link SslProtocol#appTransport()} the application's protocol will see.
     */
    static SslProtocol layer(EventLoop loop, BaseProtocol<Transport> app, SslOptions ssl, boolean serverSide,
            String serverHostname, SocketAddress peer, Future<Void> waiter, boolean callConnectionMade) {
        SSLContext context = context(ssl, serverSide);
        SSLEngine engine = newEngine(context, ssl, serverSide, serverHostname, peer);
        return new SslProtocol(loop, app, engine, context, serverSide, ssl, waiter, callConnectionMade);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }
}
