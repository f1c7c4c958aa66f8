package dev.asyncio4j.stream;

/**
 * What a stream server runs for each client: asyncio's {@code client_connected_cb}, passed to
 * {@link Streams#startServer}. The body runs as a new task, so it may {@code await}:
 *
 * <pre>{@code
 * Server server = await(startServer((reader, writer) -> {
 *     byte[] line = await(reader.readline());
 *     writer.write(line);
 *     await(writer.drain());
 *     writer.close();
 *     await(writer.waitClosed());
 * }, "127.0.0.1", 8888));
 * }</pre>
 *
 * <p>If the body throws, the exception is reported to the loop's exception handler ("Unhandled
 * exception in client_connected_cb") and the connection is closed; if its task is cancelled, the
 * connection is closed too (Python 3.12 and later). Loop-confined: the body runs on the server's
 * loop.
 */
@FunctionalInterface
public interface ClientConnectedCallback {

    /**
     * Serves one client; runs in its own task on the server's loop: asyncio's
     * {@code client_connected_cb(reader, writer)}.
     *
     * @param reader the stream's reader
     * @param writer the stream's writer
     * @throws Exception anything: it is reported to the loop's exception handler, and the
     *     connection is closed
     */
    void clientConnected(StreamReader reader, StreamWriter writer) throws Exception;
}
