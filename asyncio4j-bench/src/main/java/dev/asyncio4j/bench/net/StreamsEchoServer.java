package dev.asyncio4j.bench.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.net.Server;
import dev.asyncio4j.net.ServerOptions;
import dev.asyncio4j.stream.ClientConnectedCallback;
import dev.asyncio4j.stream.StreamReader;
import dev.asyncio4j.stream.StreamWriter;
import dev.asyncio4j.stream.Streams;
import java.io.IOException;

/**
 * The streams-style asyncio4j echo server of the echo benchmark: {@code startServer}, and for each
 * client a task that reads up to 64 KiB, writes it back and drains, until end-of-file; with
 * {@code --tls CERT KEY} over TLS. Listens on 127.0.0.1 on a port the OS chooses, prints
 * {@code port N} and runs until killed. Peers:
 * {@code python/echo_server.py --style streams} (the same loop, line for line) and
 * {@link NettyEchoServer}.
 */
public final class StreamsEchoServer {

    private static final int READ_SIZE = 64 * 1024;

    private StreamsEchoServer() {}

    public static void main(String[] args) throws Exception {
        ServerOptions options = EchoServers.options(args);
        Asyncio.run(async(() -> {
            Server server = await(start(StreamsEchoServer::echo, options));
            EchoServers.announce(server);
            await(server.serveForever());
        }));
    }

    /**
     * Starts the server on the running loop with {@code callback} serving each client (the
     * idle-connections benchmark passes one that counts them, then calls {@link #echo}).
     */
    static Coroutine<Server> start(ClientConnectedCallback callback) {
        return start(callback, EchoServers.OPTIONS);
    }

    static Coroutine<Server> start(ClientConnectedCallback callback, ServerOptions options) {
        return Streams.startServer(callback, EchoServers.HOST, 0, options);
    }

    /** Echoes until the client closes: asyncio's read / write / drain loop. */
    static void echo(StreamReader reader, StreamWriter writer) throws Exception {
        try {
            while (true) {
                byte[] data = await(reader.read(READ_SIZE));
                if (data.length == 0) {
                    break;
                }
                writer.write(data);
                await(writer.drain());
            }
        } catch (IOException e) {
            // The client went away mid-echo: nothing to report for a benchmark server.
        } finally {
            writer.close();
        }
    }
}
