package dev.asyncio4j.net;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * A UDP protocol: asyncio's {@code DatagramProtocol}. Implementations are loop-confined.
 */
public interface DatagramProtocol extends BaseProtocol<DatagramTransport> {

    /**
     * A datagram arrived from {@code address}: asyncio's {@code datagram_received()}.
     *
     * @param data the bytes
     * @param address the address
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception
     *     handler
     */
    default void datagramReceived(byte[] data, SocketAddress address) throws Exception {}

    /**
     * A send or receive failed, for example with a {@link java.net.PortUnreachableException} after
     * the peer's ICMP "port unreachable": asyncio's {@code error_received()}. The endpoint stays
     * open.
     *
     * @param exc the exception
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception
     *     handler
     */
    default void errorReceived(IOException exc) throws Exception {}
}
