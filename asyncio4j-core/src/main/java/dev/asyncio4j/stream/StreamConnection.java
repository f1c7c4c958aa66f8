package dev.asyncio4j.stream;

/**
 * The {@code (reader, writer)} pair that {@link Streams#openConnection} and
 * {@link Streams#openUnixConnection} return: the tuple asyncio's {@code open_connection()}
 * returns. Immutable.
 *
 * <pre>{@code
 * StreamConnection connection = await(openConnection("127.0.0.1", 8888));
 * connection.writer().write("hello\n".getBytes(UTF_8));
 * byte[] reply = await(connection.reader().readline());
 * }</pre>
 *
 * @param reader what the peer sends
 * @param writer what to send to the peer
 */
public record StreamConnection(StreamReader reader, StreamWriter writer) {}
