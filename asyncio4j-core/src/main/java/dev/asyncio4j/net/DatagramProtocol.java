package dev.asyncio4j.net;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * A UDP protocol: asyncio's {@code DatagramProtocol}. Implementations are loop-confined.
 */
public interface DatagramProtocol extends BaseProtocol<DatagramTransport> {

    /** A datagram arrived from {@code address}: asyncio's {@code datagram_received()}. */
    default void datagramReceived(byte[] data, SocketAddress address) throws Exception {}

    /**
     * A send or receive failed, for example with a {@link java.net.PortUnreachableException} after
     * the peer's ICMP "port unreachable": asyncio's {@code error_received()}. The endpoint stays
     * open.
     */
    default void errorReceived(IOException exc) throws Exception {}
}
