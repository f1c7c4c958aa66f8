package dev.asyncio4j.net;

import java.nio.ByteBuffer;

/**
 * A transport that sends data: asyncio's {@code WriteTransport}.
 *
 * <p>{@link #write} never blocks and never drops bytes: what the socket does not take at once is
 * copied into the transport's write buffer and sent when the socket is writable, in order. When
 * that buffer grows above the high-water mark the protocol's
 * {@link BaseProtocol#pauseWriting pauseWriting} is called, and when it drains to the low-water mark
 * its {@link BaseProtocol#resumeWriting resumeWriting}: the protocol should stop producing in
 * between ({@code StreamWriter.drain()} waits for that).
 *
 * <p>Writing to a transport that was closed, aborted, or lost its connection throws
 * {@link IllegalStateException} (asyncio drops such data, warning after a few attempts): data is
 * never silently lost. Loop-confined.
 */
public interface WriteTransport extends BaseTransport {

    /** asyncio's default high-water mark of the write buffer: 64 KiB. */
    int DEFAULT_HIGH_WATER = 64 * 1024;

    /** asyncio's default low-water mark: a quarter of the high-water mark, 16 KiB. */
    int DEFAULT_LOW_WATER = DEFAULT_HIGH_WATER / 4;

    /**
     * Sends {@code data}: asyncio's {@code write()}. The array may be reused as soon as this
     * returns (what could not be sent at once was copied).
     *
     * @param data the bytes
     * @throws IllegalStateException after {@link #close()}, {@link #abort()}, {@link #writeEof()},
     *     when the connection was lost, or while a sendfile is in progress
     */
    default void write(byte[] data) {
        write(data, 0, data.length);
    }

    /**
     * Sends {@code length} bytes of {@code data} from {@code offset}: asyncio's
     * {@code write(memoryview(data)[offset:offset + length])}; see {@link #write(byte[])}.
     *
     * @param data the bytes
     * @param offset where the bytes start in {@code data}
     * @param length how many bytes
     */
    void write(byte[] data, int offset, int length);

    /**
     * Sends the remaining bytes of {@code data} and advances its position to its limit: asyncio's
     * {@code write()} of a buffer; see {@link #write(byte[])}.
     *
     * @param data the bytes
     */
    void write(ByteBuffer data);

    /**
     * Sends each array in turn, with as few system calls as possible (a gathering write):
     * asyncio's {@code writelines()}.
     *
     * @param data the bytes
     */
    void writelines(Iterable<byte[]> data);

    /**
     * Closes the write end after the buffered data is sent (TCP half-close), so the peer reads
     * end-of-file while this side can still receive: asyncio's {@code write_eof()}. Later writes
     * throw. Does nothing if already called or closing.
     *
     * @throws UnsupportedOperationException if {@link #canWriteEof()} is false
     */
    void writeEof();

    /**
     * Whether {@link #writeEof()} is supported: asyncio's {@code can_write_eof()}.
     *
     * @return whether {@link #writeEof()} is supported
     */
    boolean canWriteEof();

    /**
     * Closes the transport at once, discarding buffered data: asyncio's {@code abort()}. The
     * protocol's {@code connectionLost} is called with null.
     */
    void abort();

    /**
     * Bytes waiting in the write buffer: asyncio's {@code get_write_buffer_size()}.
     *
     * @return how many bytes wait in the write buffer
     */
    int getWriteBufferSize();

    /**
     * The current water marks: asyncio's {@code get_write_buffer_limits()}.
     *
     * @return the current water marks
     */
    WriteBufferLimits getWriteBufferLimits();

    /**
     * Sets the water marks that drive the protocol's {@code pauseWriting}/{@code resumeWriting}:
     * asyncio's {@code set_write_buffer_limits(high, low)}. Pauses the protocol at once if the
     * buffer is already above {@code high}.
     *
     * @param high the high-water mark in bytes
     * @param low the low-water mark in bytes
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     */
    void setWriteBufferLimits(int high, int low);

    /**
     * {@link #setWriteBufferLimits(int, int)} with {@code low = high / 4}: asyncio's
     * {@code set_write_buffer_limits(high)}.
     *
     * @param high the high-water mark in bytes
     */
    default void setWriteBufferLimits(int high) {
        setWriteBufferLimits(high, high / 4);
    }

    /** Restores asyncio's defaults, 64 KiB and 16 KiB: asyncio's {@code set_write_buffer_limits()}. */
    default void setWriteBufferLimits() {
        setWriteBufferLimits(DEFAULT_HIGH_WATER, DEFAULT_LOW_WATER);
    }
}
