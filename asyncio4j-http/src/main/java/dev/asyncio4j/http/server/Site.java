package dev.asyncio4j.http.server;

import dev.asyncio4j.Coroutine;
import java.net.SocketAddress;
import java.util.List;

/**
 * Where an {@link AppRunner} accepts connections: aiohttp's {@code BaseSite}. A {@link TcpSite}
 * or a {@link UnixSite}. Loop-confined.
 */
public sealed interface Site permits ListeningSite {

    /**
     * Starts listening: aiohttp's {@code await site.start()}.
     *
     * @return a coroutine to await
     */
    Coroutine<Void> start();

    /**
     * Stops listening, leaving open connections to the runner's cleanup: aiohttp's
     * {@code await site.stop()}.
     *
     * @return a coroutine to await
     */
    Coroutine<Void> stop();

    /**
     * The URL the site serves, {@code http://127.0.0.1:8080}: aiohttp's {@code name}.
     *
     * @return the URL the site serves, {@code http://127.0.0.1:8080}
     */
    String name();

    /**
     * The bound addresses, empty before start or after stop.
     *
     * @return the bound addresses, empty before start or after stop
     */
    List<SocketAddress> addresses();

    /** Closes the listening socket without waiting. */
    void stopListening();
}
