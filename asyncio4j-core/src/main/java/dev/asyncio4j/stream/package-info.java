/**
 * Streams: asyncio's {@code streams.py}. {@link dev.asyncio4j.stream.StreamReader} and
 * {@link dev.asyncio4j.stream.StreamWriter} over a connection, made by the functions of
 * {@link dev.asyncio4j.stream.Streams} (also on the {@link dev.asyncio4j.Asyncio} facade):
 *
 * <pre>{@code
 * Server server = await(startServer((reader, writer) -> {          // start_server
 *     for (byte[] line : reader) {                          // async for line in reader
 *         writer.write(line);
 *         await(writer.drain());
 *     }
 *     writer.close();
 * }, "127.0.0.1", 8888));
 *
 * StreamConnection connection = await(openConnection("127.0.0.1", 8888));   // open_connection
 * connection.writer().write("ping\n".getBytes(UTF_8));
 * byte[] pong = await(connection.reader().readline());
 * }</pre>
 *
 * <p>Loop-confined, except the immutable {@link dev.asyncio4j.stream.StreamConnection} and the
 * exceptions.
 */
package dev.asyncio4j.stream;
