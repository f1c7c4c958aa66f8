package dev.asyncio4j.net;

import java.nio.ByteBuffer;

/**
 * A stream protocol that supplies its own receive buffer, so the transport reads straight into
 * it with no copy and no allocation: asyncio's {@code BufferedProtocol}.
 *
 * <p>For each read the transport calls {@link #getBuffer(int)}, reads from the socket into the
 * buffer (from its position, up to its limit, advancing the position), then calls
 * {@link #bufferUpdated(int)}. A direct {@link ByteBuffer} avoids the JDK's own copy.
 * Implementations are loop-confined.
 */
public interface BufferedProtocol extends BaseProtocol<Transport> {

    /**
     * The buffer to read into: asyncio's {@code get_buffer(sizehint)}. It must have space
     * ({@code remaining() > 0}).
     *
     * @param sizeHint the recommended free space, or -1 for any
     * @return the buffer to read into
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception
     *     handler and the transport is closed
     */
    ByteBuffer getBuffer(int sizeHint) throws Exception;

    /**
     * {@code nbytes} bytes were read into the last buffer: asyncio's {@code buffer_updated()}.
     *
     * @param nbytes how many bytes were written into the buffer
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception
     *     handler and the transport is closed
     */
    void bufferUpdated(int nbytes) throws Exception;

    /**
     * The peer closed its writing end: asyncio's {@code BufferedProtocol.eof_received()}; see
     * {@link Protocol#eofReceived()}.
     *
     * @return true to keep the connection open (half-closed), false (the default) to close the
     *     transport
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception
     *     handler and the transport is closed
     */
    default boolean eofReceived() throws Exception {
        return false;
    }
}
