package dev.asyncio4j.bench.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.net.BaseProtocol;
import dev.asyncio4j.net.Server;
import dev.asyncio4j.net.ServerOptions;
import dev.asyncio4j.net.Transport;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * The protocol-style asyncio4j echo server of the echo benchmark: {@code loop.createServer} with
 * an {@link EchoProtocol} per connection, or with {@code --buffered} a {@link BufferedEchoProtocol}
 * (the bytes stay in a direct buffer), and with {@code --tls CERT KEY} over TLS. Listens on
 * 127.0.0.1 on a port the OS chooses, prints {@code port N} and runs until killed. Peers: {@code python/echo_server.py --style protocol} (or
 * {@code buffered}) and {@link NettyEchoServer}.
 */
public final class ProtocolEchoServer {

    private ProtocolEchoServer() {}

    public static void main(String[] args) throws Exception {
        boolean buffered = java.util.Arrays.asList(args).contains("--buffered");
        ServerOptions options = EchoServers.options(args);
        Asyncio.run(async(() -> {
            ByteBuffer shared = BufferedEchoProtocol.newSharedBuffer();
            Server server = await(start(buffered ? () -> new BufferedEchoProtocol(shared) : EchoProtocol::new,
                    options));
            EchoServers.announce(server);
            await(server.serveForever());
        }));
    }

    /**
     * Starts the server on the running loop with {@code factory} making each connection's
     * protocol (the idle-connections benchmark passes one that counts them).
     */
    static Coroutine<Server> start(Supplier<? extends BaseProtocol<Transport>> factory) {
        return start(factory, EchoServers.OPTIONS);
    }

    static Coroutine<Server> start(Supplier<? extends BaseProtocol<Transport>> factory, ServerOptions options) {
        return async(() -> await(Asyncio.getRunningLoop().createServer(factory, EchoServers.HOST, 0, options)));
    }
}
