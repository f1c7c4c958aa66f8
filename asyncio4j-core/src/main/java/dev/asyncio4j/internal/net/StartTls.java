package dev.asyncio4j.internal.net;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Handle;
import dev.asyncio4j.net.BaseProtocol;
import dev.asyncio4j.net.SslOptions;
import dev.asyncio4j.net.Transport;
import java.util.Objects;

/**
 * asyncio's {@code loop.start_tls()}: puts a TLS layer under a live connection's protocol.
 * Stateless; the coroutine is loop-confined.
 */
public final class StartTls {

    private StartTls() {}

    /**
     * Upgrades {@code transport}, whose protocol is {@code protocol}, to TLS and resolves to the
     * new transport once the handshake has succeeded. {@code protocol} is not told
     * {@code connectionMade} again; from then on it receives decrypted data, and writes go
     * through the new transport. If the handshake fails or the awaiting task is cancelled,
     * {@code transport} is closed.
     */
    public static Coroutine<Transport> startTls(EventLoop loop, Transport transport, BaseProtocol<Transport> protocol,
            SslOptions ssl, boolean serverSide) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ssl, "ssl");
        return Asyncio.async("startTls", () -> {
            String serverHostname = null;
            if (serverSide) {
                SslEngines.checkServer(ssl);
            } else {
                serverHostname = ssl.serverHostname();
                if (serverHostname == null) {
                    throw new IllegalArgumentException("startTls() needs the server's name to check its certificate: "
                            + "give SslOptions.withServerHostname(name), or \"\" to check no name");
                }
            }
            if (transport.isClosing()) {
                throw new IllegalStateException("Cannot start TLS on a closed transport: " + transport);
            }
            Future<Void> waiter = loop.createFuture();
            SslProtocol layer = SslEngines.layer(loop, protocol, ssl, serverSide, serverHostname,
                    transport.getExtraInfo("peername") instanceof java.net.SocketAddress peer ? peer : null, waiter, false);
            // Pause early, so the layer reads nothing before its connectionMade.
            transport.pauseReading();
            transport.setProtocol(layer);
            Handle made = loop.callSoon(() -> layer.connectionMade(transport));
            Handle resume = loop.callSoon(transport::resumeReading);
            try {
                Asyncio.await(waiter);
            } catch (Throwable e) {
                transport.close();
                made.cancel();
                resume.cancel();
                throw e;
            }
            return layer.appTransport();
        });
    }
}
