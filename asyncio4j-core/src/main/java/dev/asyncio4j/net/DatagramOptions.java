package dev.asyncio4j.net;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.channels.DatagramChannel;

/**
 * The arguments of asyncio's {@code create_datagram_endpoint()}, as an immutable record with
 * {@code with*} methods:
 *
 * <pre>{@code
 * var endpoint = await(loop.createDatagramEndpoint(Echo::new, DatagramOptions.DEFAULT
 *         .withLocalAddress(new InetSocketAddress("127.0.0.1", 9999))));
 * }</pre>
 *
 * <p>Unresolved addresses are resolved off the loop thread.
 *
 * @param localAddress the address to bind to (asyncio's {@code local_addr}); null for an
 *     OS-chosen one
 * @param remoteAddress the address to connect to (asyncio's {@code remote_addr}): the endpoint
 *     then only talks to it, and ICMP errors come back as
 *     {@link DatagramProtocol#errorReceived errorReceived}; null for an unconnected endpoint
 * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6}; null to follow the
 *     addresses (IPv4 when neither is given)
 * @param reusePort {@code SO_REUSEPORT} (default false)
 * @param allowBroadcast {@code SO_BROADCAST} (default false)
 * @param socket an existing channel to use instead (asyncio's {@code sock}); no other option may
 *     then be set
 */
public record DatagramOptions(InetSocketAddress localAddress, InetSocketAddress remoteAddress,
        ProtocolFamily family, boolean reusePort, boolean allowBroadcast, DatagramChannel socket) {

    /** No options. */
    public static final DatagramOptions DEFAULT = new DatagramOptions(null, null, null, false, false, null);

    /**
     * A copy with {@link #localAddress()} set.
     *
     * @param value the new {@code localAddress}
     * @return a copy of these options with that {@code localAddress}
     */
    public DatagramOptions withLocalAddress(InetSocketAddress value) {
        return new DatagramOptions(value, remoteAddress, family, reusePort, allowBroadcast, socket);
    }

    /**
     * A copy with {@link #remoteAddress()} set.
     *
     * @param value the new {@code remoteAddress}
     * @return a copy of these options with that {@code remoteAddress}
     */
    public DatagramOptions withRemoteAddress(InetSocketAddress value) {
        return new DatagramOptions(localAddress, value, family, reusePort, allowBroadcast, socket);
    }

    /**
     * A copy with {@link #family()} set.
     *
     * @param value the new {@code family}
     * @return a copy of these options with that {@code family}
     */
    public DatagramOptions withFamily(ProtocolFamily value) {
        return new DatagramOptions(localAddress, remoteAddress, value, reusePort, allowBroadcast, socket);
    }

    /**
     * A copy with {@link #reusePort()} set.
     *
     * @param value the new {@code reusePort}
     * @return a copy of these options with that {@code reusePort}
     */
    public DatagramOptions withReusePort(boolean value) {
        return new DatagramOptions(localAddress, remoteAddress, family, value, allowBroadcast, socket);
    }

    /**
     * A copy with {@link #allowBroadcast()} set.
     *
     * @param value the new {@code allowBroadcast}
     * @return a copy of these options with that {@code allowBroadcast}
     */
    public DatagramOptions withAllowBroadcast(boolean value) {
        return new DatagramOptions(localAddress, remoteAddress, family, reusePort, value, socket);
    }

    /**
     * A copy with {@link #socket()} set.
     *
     * @param value the new {@code socket}
     * @return a copy of these options with that {@code socket}
     */
    public DatagramOptions withSocket(DatagramChannel value) {
        return new DatagramOptions(localAddress, remoteAddress, family, reusePort, allowBroadcast, value);
    }
}
