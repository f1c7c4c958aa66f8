package dev.asyncio4j.bench.net;

import dev.asyncio4j.net.Server;
import dev.asyncio4j.net.ServerOptions;
import java.net.InetSocketAddress;

/** What the benchmark's asyncio4j echo servers share: where they listen and how they say so. */
final class EchoServers {

    /** Loopback only: the benchmark's traffic never leaves the machine. */
    static final String HOST = "127.0.0.1";

    /**
     * asyncio's defaults but a long listen queue, as the peers have: the idle-connections
     * benchmark opens connections faster than a default backlog of 100 would accept them.
     */
    static final ServerOptions OPTIONS = ServerOptions.DEFAULT.withBacklog(4096);

    private EchoServers() {}

    /** Prints {@code port N}, the first line the benchmark script waits for. */
    static void announce(Server server) {
        announce(((InetSocketAddress) server.addresses().getFirst()).getPort());
    }

    static void announce(int port) {
        System.out.println("port " + port);
        System.out.flush();
    }
}
