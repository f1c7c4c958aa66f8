package dev.asyncio4j.bench.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The response of the http-server benchmark, the same bytes from every server. */
final class JsonPayload {
    /** The object every JVM server serialises with Jackson per request. */
    static final Map<String, String> MESSAGE = Map.of("message", "Hello, World!");

    /** What that serialises to: nginx serves these bytes as a file, aiohttp's dumps produces them. */
    static final byte[] BYTES = "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.US_ASCII);

    /** Loopback only. */
    static final String HOST = "127.0.0.1";

    private JsonPayload() {
    }

    /** Prints {@code port N}, the first line the benchmark script waits for. */
    static void announce(int port) {
        System.out.println("port " + port);
        System.out.flush();
    }
}
