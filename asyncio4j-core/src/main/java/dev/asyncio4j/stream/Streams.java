package dev.asyncio4j.stream;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.net.ConnectOptions;
import dev.asyncio4j.net.Endpoint;
import dev.asyncio4j.net.Server;
import dev.asyncio4j.net.ServerOptions;
import dev.asyncio4j.net.Transport;
import java.nio.file.Path;
import java.util.Objects;

/**
 * asyncio's stream functions: {@code open_connection}, {@code start_server},
 * {@code open_unix_connection} and {@code start_unix_server}, also on the {@link Asyncio} facade.
 * They work on the running loop: await them in a task.
 *
 * <pre>{@code
 * StreamConnection connection = await(Streams.openConnection("127.0.0.1", 8888));
 * connection.writer().write("ping\n".getBytes(UTF_8));
 * byte[] reply = await(connection.reader().readline());
 * }</pre>
 *
 * <p>Stateless.
 */
public final class Streams {

    /** asyncio's default reader limit, 64 KiB. */
    public static final int DEFAULT_LIMIT = StreamReader.DEFAULT_LIMIT;

    private Streams() {}

    /**
     * Opens a TCP connection: asyncio's {@code open_connection(host, port)}.
     *
     * @param host the host name or IP address
     * @param port the port to connect to
     * @return a coroutine to await for the result
     */
    public static Coroutine<StreamConnection> openConnection(String host, int port) {
        return openConnection(host, port, ConnectOptions.DEFAULT, DEFAULT_LIMIT);
    }

    /**
     * {@link #openConnection(String, int)} with {@code createConnection}'s options.
     *
     * @param host the host name or IP address
     * @param port the port to connect to
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public static Coroutine<StreamConnection> openConnection(String host, int port, ConnectOptions options) {
        return openConnection(host, port, options, DEFAULT_LIMIT);
    }

    /**
     * {@link #openConnection(String, int, ConnectOptions)} with the reader's {@code limit}.
     *
     * @param host the host name or IP address
     * @param port the port to connect to
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @param limit the buffer limit in bytes
     * @return a coroutine to await for the result
     */
    public static Coroutine<StreamConnection> openConnection(String host, int port, ConnectOptions options, int limit) {
        Objects.requireNonNull(options, "options");
        return Asyncio.async("openConnection", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            StreamReader reader = new StreamReader(limit, loop);
            StreamReaderProtocol protocol = new StreamReaderProtocol(reader);
            Endpoint<Transport, StreamReaderProtocol> endpoint =
                    Asyncio.await(loop.createConnection(() -> protocol, host, port, options));
            return new StreamConnection(reader, new StreamWriter(endpoint.transport(), protocol, reader, loop));
        });
    }

    /**
     * Starts a TCP server that runs {@code callback} in a new task for each client: asyncio's
     * {@code start_server(client_connected_cb, host, port)}.
     *
     * @param callback what to run
     * @param host the host name or IP address
     * @param port the port (0: one the OS chooses, for a server)
     * @return a coroutine to await for the result
     */
    public static Coroutine<Server> startServer(ClientConnectedCallback callback, String host, int port) {
        return startServer(callback, host, port, ServerOptions.DEFAULT, DEFAULT_LIMIT);
    }

    /**
     * {@link #startServer(ClientConnectedCallback, String, int)} with {@code createServer}'s
     * options.
     *
     * @param callback what to run
     * @param host the host name or IP address
     * @param port the port (0: one the OS chooses, for a server)
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public static Coroutine<Server> startServer(ClientConnectedCallback callback, String host, int port,
            ServerOptions options) {
        return startServer(callback, host, port, options, DEFAULT_LIMIT);
    }

    /**
     * {@link #startServer(ClientConnectedCallback, String, int, ServerOptions)} with the readers'
     * {@code limit}.
     *
     * @param callback what to run
     * @param host the host name or IP address
     * @param port the port (0: one the OS chooses, for a server)
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @param limit the buffer limit in bytes
     * @return a coroutine to await for the result
     */
    public static Coroutine<Server> startServer(ClientConnectedCallback callback, String host, int port,
            ServerOptions options, int limit) {
        Objects.requireNonNull(callback, "client_connected_cb");
        Objects.requireNonNull(options, "options");
        checkLimit(limit);
        return Asyncio.async("startServer", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            return Asyncio.await(loop.createServer(
                    () -> new StreamReaderProtocol(new StreamReader(limit, loop), callback), host, port, options));
        });
    }

    /**
     * Connects to a Unix-domain socket: asyncio's {@code open_unix_connection(path)}.
     *
     * @param path the Unix-domain socket's path
     * @return a coroutine to await for the result
     */
    public static Coroutine<StreamConnection> openUnixConnection(Path path) {
        return openUnixConnection(path, ConnectOptions.DEFAULT, DEFAULT_LIMIT);
    }

    /**
     * {@link #openUnixConnection(Path)} with {@code createUnixConnection}'s options (TLS, a time
     * limit, an existing socket).
     *
     * @param path the Unix-domain socket's path
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public static Coroutine<StreamConnection> openUnixConnection(Path path, ConnectOptions options) {
        return openUnixConnection(path, options, DEFAULT_LIMIT);
    }

    /**
     * {@link #openUnixConnection(Path)} with options and the reader's {@code limit}.
     *
     * @param path the Unix-domain socket's path
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @param limit the buffer limit in bytes
     * @return a coroutine to await for the result
     */
    public static Coroutine<StreamConnection> openUnixConnection(Path path, ConnectOptions options, int limit) {
        Objects.requireNonNull(options, "options");
        return Asyncio.async("openUnixConnection", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            StreamReader reader = new StreamReader(limit, loop);
            StreamReaderProtocol protocol = new StreamReaderProtocol(reader);
            Endpoint<Transport, StreamReaderProtocol> endpoint =
                    Asyncio.await(loop.createUnixConnection(() -> protocol, path, options));
            return new StreamConnection(reader, new StreamWriter(endpoint.transport(), protocol, reader, loop));
        });
    }

    /**
     * Starts a Unix-domain server: asyncio's {@code start_unix_server(client_connected_cb, path)}.
     *
     * @param callback what to run
     * @param path the Unix-domain socket's path
     * @return a coroutine to await for the result
     */
    public static Coroutine<Server> startUnixServer(ClientConnectedCallback callback, Path path) {
        return startUnixServer(callback, path, ServerOptions.DEFAULT, DEFAULT_LIMIT);
    }

    /**
     * {@link #startUnixServer(ClientConnectedCallback, Path)} with {@code createUnixServer}'s
     * options (TLS, the backlog, an already bound socket, removing the socket file).
     *
     * @param callback what to run
     * @param path the Unix-domain socket's path
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @return a coroutine to await for the result
     */
    public static Coroutine<Server> startUnixServer(ClientConnectedCallback callback, Path path,
            ServerOptions options) {
        return startUnixServer(callback, path, options, DEFAULT_LIMIT);
    }

    /**
     * {@link #startUnixServer(ClientConnectedCallback, Path)} with options and the readers' {@code
     * limit}.
     *
     * @param callback what to run
     * @param path the Unix-domain socket's path
     * @param options the options ({@code DEFAULT} for asyncio's defaults)
     * @param limit the buffer limit in bytes
     * @return a coroutine to await for the result
     */
    public static Coroutine<Server> startUnixServer(ClientConnectedCallback callback, Path path,
            ServerOptions options, int limit) {
        Objects.requireNonNull(callback, "client_connected_cb");
        Objects.requireNonNull(options, "options");
        checkLimit(limit);
        return Asyncio.async("startUnixServer", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            return Asyncio.await(loop.createUnixServer(
                    () -> new StreamReaderProtocol(new StreamReader(limit, loop), callback), path, options));
        });
    }

    private static void checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
    }

    /** Throws {@code error} unchanged, whatever its type (for Iterator and rethrown stored errors). */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable error) throws E {
        throw (E) error;
    }
}
