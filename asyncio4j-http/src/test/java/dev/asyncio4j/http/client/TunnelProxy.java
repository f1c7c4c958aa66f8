package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.net.Protocol;
import dev.asyncio4j.net.Server;
import dev.asyncio4j.net.Transport;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP proxy that only tunnels: it answers {@code CONNECT host:port} with 200 and relays bytes
 * both ways (or refuses with {@code refusal}, a whole response), on the test's loop. It records
 * each CONNECT request's head.
 */
final class TunnelProxy {
    final List<String> connects = new ArrayList<>();
    private final String refusal;
    private Server server;

    private TunnelProxy(String refusal) {
        this.refusal = refusal;
    }

    /** A proxy on 127.0.0.1 that tunnels, or, with a refusal, answers every CONNECT with it. */
    static Coroutine<TunnelProxy> start(String refusal) {
        return async(() -> {
            TunnelProxy proxy = new TunnelProxy(refusal);
            proxy.server = await(getRunningLoop().createServer(() -> proxy.new Client(), "127.0.0.1", 0));
            return proxy;
        });
    }

    String url() {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    Coroutine<Void> aclose() {
        return async(() -> {
            server.close();
            server.closeClients();
            await(server.waitClosed());
        });
    }

    /** The client's side: the CONNECT head, then bytes to relay upstream. */
    private final class Client implements Protocol {
        private Transport transport;
        private Transport upstream;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean connecting;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(byte[] data) {
            if (upstream != null) {
                upstream.write(data);
                return;
            }
            pending.writeBytes(data);
            String text = pending.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (connecting || end < 0) {
                return;
            }
            connecting = true;
            String head = text.substring(0, end);
            byte[] rest = java.util.Arrays.copyOfRange(pending.toByteArray(), end + 4, pending.size());
            pending.reset();
            pending.writeBytes(rest);
            connects.add(head);
            if (refusal != null) {
                transport.write(refusal.getBytes(StandardCharsets.ISO_8859_1));
                transport.close();
                return;
            }
            String authority = head.split(" ")[1];
            int colon = authority.lastIndexOf(':');
            String host = authority.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(authority.substring(colon + 1));
            EventLoop loop = getRunningLoop();
            loop.createTask(async(() -> {
                try {
                    var endpoint = await(loop.createConnection(() -> new Upstream(transport), host, port));
                    upstream = endpoint.transport();
                    transport.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    if (pending.size() > 0) {
                        upstream.write(pending.toByteArray());
                        pending.reset();
                    }
                } catch (Exception e) {
                    transport.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    transport.close();
                }
            }));
        }

        @Override
        public void connectionLost(Exception exc) {
            if (upstream != null) {
                upstream.close();
            }
        }
    }

    /** The target's side: bytes relayed back to the client. */
    private static final class Upstream implements Protocol {
        private final Transport downstream;

        Upstream(Transport downstream) {
            this.downstream = downstream;
        }

        @Override
        public void dataReceived(byte[] data) {
            if (!downstream.isClosing()) {
                downstream.write(data);
            }
        }

        @Override
        public void connectionLost(Exception exc) {
            downstream.close();
        }
    }
}
