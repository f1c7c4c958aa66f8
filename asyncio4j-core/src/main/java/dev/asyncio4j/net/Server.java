package dev.asyncio4j.net;

import dev.asyncio4j.AsyncCloseable;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

/**
 * A listening server: asyncio's {@code Server}, made by {@code EventLoop.createServer},
 * {@code createUnixServer}, {@code Streams.startServer} and {@code startUnixServer}.
 *
 * <p>Each accepted connection gets a new protocol from the server's factory and a
 * {@link Transport}. {@link #close()} stops listening but leaves the accepted connections open;
 * {@link #closeClients()} or {@link #abortClients()} closes them, and {@link #waitClosed()} waits
 * until the server is closed and every connection is gone. The Java form of
 * {@code async with server:} is
 *
 * <pre>{@code
 * Server server = await(loop.createServer(EchoProtocol::new, "127.0.0.1", 0));
 * try {
 *     await(server.serveForever());
 * } finally {
 *     await(server.aclose());                 // close(), then waitClosed()
 * }
 * }</pre>
 *
 * <p>Note that {@link #close()} is asyncio's synchronous close, callable from any callback, so a
 * try-with-resources block on a server closes it without waiting; await {@link #aclose()} to wait
 * as {@code async with} does. Loop-confined.
 */
public interface Server extends AsyncCloseable {

    /**
     * The loop the server runs on: asyncio's {@code get_loop()}.
     *
     * @return the loop the server runs on
     */
    EventLoop getLoop();

    /**
     * Whether the server accepts connections: asyncio's {@code is_serving()}.
     *
     * @return whether the server accepts connections
     */
    boolean isServing();

    /**
     * The listening sockets, empty once closed: asyncio's {@code sockets}. Do not accept on them
     * or close them directly.
     *
     * @return the listening sockets, empty once closed
     */
    List<ServerSocketChannel> sockets();

    /**
     * The addresses the server listens on (with the ports the OS chose when 0 was asked), empty
     * once closed: {@code [s.getsockname() for s in server.sockets]}.
     *
     * @return the addresses the server listens on (with the ports the OS chose when 0 was asked),
     *     empty once closed: {@code [s.getsockname() for s in server.sockets]}
     */
    List<SocketAddress> addresses();

    /**
     * Stops listening: asyncio's {@code close()}. The listening sockets are closed; accepted
     * connections stay open. A pending {@link #serveForever()} is cancelled. Does not wait.
     */
    @Override
    void close();

    /** Closes every accepted connection that is still open: asyncio's {@code close_clients()}. */
    void closeClients();

    /** Aborts every accepted connection that is still open: asyncio's {@code abort_clients()}. */
    void abortClients();

    /**
     * Starts accepting connections, if not yet: asyncio's {@code start_serving()}. Servers made
     * with {@code startServing} (the default) already accept.
     *
     * @return a coroutine to await
     */
    Coroutine<Void> startServing();

    /**
     * Accepts connections until the awaiting task is cancelled, then closes the server and waits
     * for it: asyncio's {@code serve_forever()}.
     *
     * @return a coroutine to await
     * @throws IllegalStateException if the server is closed, or another task already waits here
     */
    Coroutine<Void> serveForever();

    /**
     * Waits until the server is closed and every accepted connection is gone: asyncio's
     * {@code wait_closed()} (Python 3.12.1 semantics). Returns at once if that already happened.
     *
     * @return a coroutine to await
     */
    Coroutine<Void> waitClosed();

    /** {@link #close()}, then {@link #waitClosed()}: asyncio's {@code __aexit__}. */
    @Override
    Coroutine<Void> aclose();
}
