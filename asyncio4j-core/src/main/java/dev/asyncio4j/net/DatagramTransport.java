package dev.asyncio4j.net;

import java.net.SocketAddress;

/**
 * A UDP endpoint: asyncio's {@code DatagramTransport}, made by
 * {@code EventLoop.createDatagramEndpoint}. Each {@link #sendto} is one datagram; what the socket
 * cannot take at once is buffered and counted in {@link #getWriteBufferSize()} (with 8 bytes of
 * overhead a datagram, as asyncio counts). Send errors go to the protocol's
 * {@link DatagramProtocol#errorReceived errorReceived}, not to the caller. Loop-confined.
 */
public interface DatagramTransport extends BaseTransport {

    /**
     * Sends {@code data} as one datagram to {@code address} (null: the remote address the endpoint
     * was connected to): asyncio's {@code sendto()}. The array may be reused on return.
     *
     * @param data the bytes
     * @param address the address
     * @throws IllegalArgumentException if the endpoint is connected and {@code address} is neither
     *     null nor the remote address
     * @throws IllegalStateException after {@link #close()} or {@link #abort()}
     */
    void sendto(byte[] data, SocketAddress address);

    /**
     * {@link #sendto(byte[], SocketAddress)} to the connected remote address: asyncio's
     * {@code sendto(data)}.
     *
     * @param data the bytes
     */
    default void sendto(byte[] data) {
        sendto(data, null);
    }

    /** Closes at once, discarding buffered datagrams: asyncio's {@code abort()}. */
    void abort();

    /**
     * Bytes waiting to be sent: asyncio's {@code get_write_buffer_size()}.
     *
     * @return how many bytes wait to be sent
     */
    int getWriteBufferSize();

    /**
     * The current water marks: asyncio's {@code get_write_buffer_limits()}.
     *
     * @return the current water marks
     */
    WriteBufferLimits getWriteBufferLimits();

    /**
     * Sets the water marks: asyncio's {@code set_write_buffer_limits(high, low)}.
     *
     * @param high the high-water mark in bytes
     * @param low the low-water mark in bytes
     */
    void setWriteBufferLimits(int high, int low);

    /**
     * Makes {@code protocol} receive this endpoint's events: asyncio's {@code set_protocol()}.
     *
     * @param protocol the protocol
     */
    void setProtocol(DatagramProtocol protocol);

    /** The current protocol. */
    @Override
    DatagramProtocol getProtocol();
}
