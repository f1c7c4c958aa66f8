package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.internal.HttpLimits;
import dev.asyncio4j.http.internal.HttpMessageListener;
import dev.asyncio4j.http.internal.HttpParseException;
import dev.asyncio4j.http.internal.RequestHead;
import dev.asyncio4j.http.internal.RequestParser;
import dev.asyncio4j.net.Protocol;
import dev.asyncio4j.net.Server;
import dev.asyncio4j.net.ServerOptions;
import dev.asyncio4j.net.Transport;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny HTTP server on the test's own loop that answers each request with what a script says,
 * byte for byte: canned responses, broken ones, silence, a close at the wrong moment. Requests
 * are parsed with the codec's {@link RequestParser} and recorded.
 */
final class ScriptedServer {

    /** A request as the server received it. */
    record Received(int connection, String method, String target, Headers headers, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What the server does with each request. */
    @FunctionalInterface
    interface Script {
        void answer(Connection connection, Received request) throws Exception;
    }

    /** One accepted connection, as the script sees it. */
    final class Connection implements Protocol, HttpMessageListener<RequestHead> {
        final int index;
        Transport transport;
        int requests;
        private final RequestParser parser = new RequestParser(HttpLimits.SERVER.withMaxBodySize(64L << 20), this);
        private RequestHead head;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Connection(int index) {
            this.index = index;
        }

        void write(String text) {
            write(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        void write(byte[] bytes) {
            if (!transport.isClosing()) {
                transport.write(bytes);
            }
        }

        /** A whole response with a Content-Length body (the body left out when answering HEAD). */
        void respond(int status, String reason, String body, String... headers) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                sb.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            sb.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
            write(sb.toString());
            if (!head.method().equals("HEAD")) {
                write(bytes);
            }
        }

        void close() {
            transport.close();
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            connections.add(this);
        }

        @Override
        public void dataReceived(byte[] data) {
            if (script == null) {
                return; // silent: reads and ignores everything
            }
            try {
                parser.feed(data);
            } catch (HttpParseException e) {
                transport.abort();
            }
        }

        @Override
        public void onHead(RequestHead h) {
            head = h;
            body.reset();
        }

        @Override
        public void onBody(byte[] data, int offset, int length) {
            body.write(data, offset, length);
        }

        @Override
        public void onMessageComplete(Headers trailers) {
            Received r = new Received(index, head.method(), head.target(), head.headers(), body.toByteArray());
            received.add(r);
            requests++;
            try {
                script.answer(this, r);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Script script;
    final List<Received> received = new ArrayList<>();
    final List<Connection> connections = new ArrayList<>();
    private Server server;
    private int accepted;

    private ScriptedServer(Script script) {
        this.script = script;
    }

    /** A server that accepts connections and ignores whatever it receives (a TLS ClientHello, say). */
    static Coroutine<ScriptedServer> silent() {
        return start(null, ServerOptions.DEFAULT);
    }

    /** Starts a server on 127.0.0.1 and a port the OS chooses. */
    static Coroutine<ScriptedServer> start(Script script) {
        return start(script, ServerOptions.DEFAULT);
    }

    /** Starts a server with {@code options} (TLS, say) on 127.0.0.1 and a port the OS chooses. */
    static Coroutine<ScriptedServer> start(Script script, ServerOptions options) {
        return async(() -> {
            ScriptedServer s = new ScriptedServer(script);
            s.server = await(getRunningLoop().createServer(() -> s.new Connection(s.accepted++), "127.0.0.1", 0, options));
            return s;
        });
    }

    int port() {
        return ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    /** Stops listening, closes the connections, waits for them. */
    Coroutine<Void> aclose() {
        return async(() -> {
            server.close();
            server.closeClients();
            await(server.waitClosed());
        });
    }
}
