package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.stream.Streams;
import java.net.InetSocketAddress;

/**
 * The echo server in both of asyncio's styles, for the integration tests and for sanity checks by
 * hand ({@code java ... dev.asyncio4j.net.EchoServers protocol|streams [port]} prints its port and
 * serves until killed). Not a benchmark: the benchmark harness lives in asyncio4j-bench.
 */
public final class EchoServers {

    private EchoServers() {}

    /** Protocol style: each chunk goes straight back; the connection closes at the client's EOF. */
    public static final class EchoProtocol implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }

        @Override
        public boolean eofReceived() {
            return false; // close, after the echoed data is flushed
        }
    }

    /** A protocol-style echo server on 127.0.0.1 (port 0: the OS chooses). */
    public static Coroutine<Server> protocolStyle(int port) {
        return protocolStyle(port, ServerOptions.DEFAULT);
    }

    /** {@link #protocolStyle(int)} with {@code options} (TLS, say). */
    public static Coroutine<Server> protocolStyle(int port, ServerOptions options) {
        return getRunningLoop().createServer(EchoProtocol::new, "127.0.0.1", port, options);
    }

    /** A stream-style echo server on 127.0.0.1: read, write, drain, until EOF. */
    public static Coroutine<Server> streamStyle(int port) {
        return streamStyle(port, ServerOptions.DEFAULT);
    }

    /** {@link #streamStyle(int)} with {@code options} (TLS, say). */
    public static Coroutine<Server> streamStyle(int port, ServerOptions options) {
        return Streams.startServer((reader, writer) -> {
            try {
                while (true) {
                    byte[] data = await(reader.read(65536));
                    if (data.length == 0) {
                        break;
                    }
                    writer.write(data);
                    await(writer.drain());
                }
            } finally {
                writer.close();
            }
        }, "127.0.0.1", port, options);
    }

    /** Runs one of the servers until the process is killed. */
    public static void main(String[] args) throws Exception {
        String style = args.length > 0 ? args[0] : "protocol";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Asyncio.run(async(() -> {
            Server server = await(style.equals("streams") ? streamStyle(port) : protocolStyle(port));
            System.out.println(((InetSocketAddress) server.addresses().get(0)).getPort());
            await(server.serveForever());
        }));
    }
}
