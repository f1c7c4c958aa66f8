package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Future;
import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;

/**
 * A plain TCP relay on 127.0.0.1 to a target port, through which a test can cut, corrupt or
 * swallow what the target sends, as a faulty network or a man in the middle would. One
 * connection at a time. Made and used inside a running loop.
 */
final class TcpRelay implements AutoCloseable {

    final Server server;
    final int port;
    /** What of each chunk from the target goes on to the client; null drops it. */
    UnaryOperator<byte[]> toClient = data -> data;
    /** When set, the target's data, EOF and close no longer reach the client. */
    boolean swallowTarget;
    /** Completed with the client side of the first connection once it is linked to the target. */
    final Future<Side> linked = new Future<>();

    private TcpRelay(int targetPort) throws Exception {
        server = await(getRunningLoop().createServer(() -> new Side(targetPort), "127.0.0.1", 0));
        port = ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    static TcpRelay open(int targetPort) throws Exception {
        return new TcpRelay(targetPort);
    }

    /** One end of a relayed connection: the client's (made by the server) or the target's. */
    final class Side implements Protocol {
        private final int targetPort;
        Transport transport;
        Side peer;

        Side(int targetPort) {
            this.targetPort = targetPort;
        }

        private boolean fromTarget() {
            return targetPort < 0;
        }

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            if (fromTarget()) {
                return;
            }
            transport.pauseReading();
            Asyncio.createTask(Asyncio.async(() -> {
                Side upstream = new Side(-1);
                await(getRunningLoop().createConnection(() -> upstream, "127.0.0.1", targetPort));
                upstream.peer = this;
                peer = upstream;
                transport.resumeReading();
                if (!linked.isDone()) {
                    linked.setResult(this);
                }
            }));
        }

        @Override
        public void dataReceived(byte[] data) {
            byte[] passed = fromTarget() ? (swallowTarget ? null : toClient.apply(data)) : data;
            if (passed != null && peer != null && !peer.transport.isClosing()) {
                peer.transport.write(passed);
            }
        }

        @Override
        public boolean eofReceived() {
            if (!(fromTarget() && swallowTarget) && peer != null && !peer.transport.isClosing()) {
                peer.transport.writeEof();
            }
            return true;
        }

        @Override
        public void connectionLost(Exception exc) {
            if (!(fromTarget() && swallowTarget) && peer != null) {
                peer.transport.close();
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        server.abortClients();
        await(server.waitClosed());
    }
}
