package dev.asyncio4j.internal.net;

import dev.asyncio4j.EventLoop;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Name resolution for the loop: asyncio's {@code _ensure_resolved}. An IP literal is parsed on the
 * spot; a name is looked up with {@link InetAddress#getAllByName} on the loop's default executor,
 * never on the loop thread (the lookup blocks). Stateless.
 */
final class Resolver {

    private Resolver() {}

    /**
     * The addresses of {@code host} (null: the loopback address) of {@code family} (null: any), in
     * the resolver's order.
     *
     * @throws UnknownHostException if the name does not resolve, or has no address of the family
     */
    static List<InetAddress> resolve(EventLoop loop, String host, ProtocolFamily family, Deadline deadline)
            throws Exception {
        List<InetAddress> all;
        InetAddress literal = literal(host);
        if (host == null) {
            all = List.of(InetAddress.getLoopbackAddress());
        } else if (literal != null) {
            all = List.of(literal);
        } else {
            all = deadline.await(loop.runInExecutor(null, () -> List.of(InetAddress.getAllByName(host))));
        }
        List<InetAddress> matching = new ArrayList<>();
        for (InetAddress address : all) {
            if (family == null || familyOf(address) == family) {
                matching.add(address);
            }
        }
        if (matching.isEmpty()) {
            throw new UnknownHostException(host + ": no address of family " + family);
        }
        return matching;
    }

    /** {@code address} itself if resolved, else its first address of {@code family}. */
    static InetSocketAddress resolve(EventLoop loop, InetSocketAddress address, ProtocolFamily family,
            Deadline deadline) throws Exception {
        if (!address.isUnresolved() && (family == null || familyOf(address.getAddress()) == family)) {
            return address;
        }
        InetAddress resolved = resolve(loop, address.getHostString(), family, deadline).get(0);
        return new InetSocketAddress(resolved, address.getPort());
    }

    /** The family of an IP address. */
    static ProtocolFamily familyOf(InetAddress address) {
        return address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /** The IP address {@code host} spells, or null if it is a name (or null). */
    static InetAddress literal(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress address = InetAddress.ofLiteral(bare);
            return address instanceof Inet4Address || address instanceof Inet6Address ? address : null;
        } catch (IllegalArgumentException notLiteral) {
            return null;
        }
    }
}
