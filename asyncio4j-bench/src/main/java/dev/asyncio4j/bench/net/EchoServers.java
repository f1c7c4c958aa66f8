package dev.asyncio4j.bench.net;

import dev.asyncio4j.net.Server;
import dev.asyncio4j.net.ServerOptions;
import dev.asyncio4j.net.SslContexts;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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

    /**
     * {@link #OPTIONS}, with TLS when the arguments hold {@code --tls CERT KEY} (PEM files, the
     * echo-tls suite).
     */
    static ServerOptions options(String[] args) throws Exception {
        List<String> given = Arrays.asList(args);
        int at = given.indexOf("--tls");
        if (at < 0) {
            return OPTIONS;
        }
        if (at + 2 >= args.length) {
            throw new IllegalArgumentException("--tls needs a certificate file and a key file");
        }
        return OPTIONS.withSsl(SslContexts.server(Path.of(args[at + 1]), Path.of(args[at + 2])));
    }

    /** Prints {@code port N}, the first line the benchmark script waits for. */
    static void announce(Server server) {
        announce(((InetSocketAddress) server.addresses().getFirst()).getPort());
    }

    static void announce(int port) {
        System.out.println("port " + port);
        System.out.flush();
    }
}
