package dev.asyncio4j.bench.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.net.Server;
import java.util.function.Supplier;

/**
 * The protocol-style asyncio4j echo server of the echo benchmark: {@code loop.createServer} with
 * an {@link EchoProtocol} per connection. Listens on 127.0.0.1 on a port the OS chooses, prints
 * {@code port N} and runs until killed. Peers: {@code python/echo_server.py --style protocol} and
 * {@link NettyEchoServer}.
 */
public final class ProtocolEchoServer {

    private ProtocolEchoServer() {}

    public static void main(String[] args) throws Exception {
        Asyncio.run(async(() -> {
            Server server = await(start(EchoProtocol::new));
            EchoServers.announce(server);
            await(server.serveForever());
        }));
    }

    /**
     * Starts the server on the running loop with {@code factory} making each connection's
     * protocol (the idle-connections benchmark passes one that counts them).
     */
    static Coroutine<Server> start(Supplier<EchoProtocol> factory) {
        return async(() -> await(Asyncio.getRunningLoop().createServer(factory, EchoServers.HOST, 0,
                EchoServers.OPTIONS)));
    }
}
