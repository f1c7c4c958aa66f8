package dev.asyncio4j.net;

/**
 * What every transport offers: asyncio's {@code BaseTransport}.
 *
 * <p>A transport is the byte-moving half of a connection (a socket, a pipe, a TLS session); its
 * {@link BaseProtocol protocol} is the half that gives the bytes meaning. The user never
 * instantiates a transport directly: the event loop's {@code create*} methods make it and hand it
 * to the protocol's {@link BaseProtocol#connectionMade connectionMade}.
 *
 * <p>Loop-confined: call its methods on the loop's thread or in one of its tasks.
 */
public interface BaseTransport {

    /**
     * Optional information about the transport, by asyncio's names: {@code "peername"} and
     * {@code "sockname"} (a {@link java.net.SocketAddress}), {@code "socket"} (the underlying
     * channel; do not read from or write to it). asyncio's {@code get_extra_info(name)}.
     *
     * @param name the name
     * @return the value, or null if the transport has no such information
     */
    default Object getExtraInfo(String name) {
        return getExtraInfo(name, null);
    }

    /**
     * {@link #getExtraInfo(String)}, or {@code defaultValue} if the transport has no such key.
     *
     * @param name the name
     * @param defaultValue what to return when the key is absent
     * @return the value, or {@code defaultValue} if the transport has no such information
     */
    Object getExtraInfo(String name, Object defaultValue);

    /**
     * Whether the transport is closing or closed: asyncio's {@code is_closing()}.
     *
     * @return whether the transport is closing or closed
     */
    boolean isClosing();

    /**
     * Closes the transport: asyncio's {@code close()}. Buffered outgoing data is flushed first,
     * asynchronously; then the protocol's {@link BaseProtocol#connectionLost connectionLost} is
     * called with null. Further writes are refused. Closing twice does nothing. Never blocks.
     */
    void close();

    /**
     * The current protocol: asyncio's {@code get_protocol()}.
     *
     * @return the current protocol
     */
    BaseProtocol<?> getProtocol();
}
