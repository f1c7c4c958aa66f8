package dev.asyncio4j.internal.net;

import static dev.asyncio4j.internal.net.NetErrors.rethrowFatal;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.internal.IoReady;
import dev.asyncio4j.internal.LoopInternals;
import dev.asyncio4j.net.BaseProtocol;
import dev.asyncio4j.net.Server;
import dev.asyncio4j.net.SslOptions;
import dev.asyncio4j.net.Transport;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A listening server: asyncio's {@code base_events.Server} together with the selector loop's
 * {@code _accept_connection}. Loop-confined.
 */
public final class SocketServer implements Server {

    /*
     * Overview for maintainers. sockets is null once closed (asyncio's _sockets = None). The open
     * accepted connections form an intrusive doubly linked list through the transports' own
     * fields, so holding 100,000 of them costs the server nothing per connection beyond two
     * references (asyncio: a WeakSet). waiters is asyncio's _waiters: null once both "closed" and
     * "no clients" have become true, which is when wait_closed() returns at once.
     */

    private static final Duration ACCEPT_RETRY_DELAY = Duration.ofSeconds(1);

    private final EventLoop loop;
    private final Supplier<? extends BaseProtocol<Transport>> factory;
    private final int backlog;
    private final boolean keepAlive;
    private final SslOptions ssl;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<SocketAddress> addresses;
    private final Runnable onClose;
    private List<ServerSocketChannel> sockets;
    private boolean serving;
    private Future<Void> servingForever;
    private List<Future<Void>> waiters = new ArrayList<>();
    private SocketTransport firstClient;
    private int clients;

    /**
     * A server on bound channels; it accepts nothing until {@link #startServingNow()}.
     *
     * @param ssl the TLS to run on each accepted connection, or null for none
     * @param onClose run once when the server closes (a Unix server removes its socket file), or null
     */
    SocketServer(EventLoop loop, List<ServerSocketChannel> sockets, Supplier<? extends BaseProtocol<Transport>> factory,
            int backlog, boolean keepAlive, SslOptions ssl, Runnable onClose) throws IOException {
        this.loop = loop;
        this.factory = factory;
        this.backlog = backlog;
        this.keepAlive = keepAlive;
        this.ssl = ssl;
        this.onClose = onClose;
        this.sockets = List.copyOf(sockets);
        List<SocketAddress> bound = new ArrayList<>();
        for (ServerSocketChannel socket : this.sockets) {
            socket.configureBlocking(false);
            bound.add(socket.getLocalAddress());
            listeners.add(new Listener(socket));
        }
        this.addresses = List.copyOf(bound);
    }

    @Override
    public EventLoop getLoop() {
        return loop;
    }

    @Override
    public boolean isServing() {
        return serving;
    }

    @Override
    public List<ServerSocketChannel> sockets() {
        List<ServerSocketChannel> current = sockets;
        return current == null ? List.of() : current;
    }

    @Override
    public List<SocketAddress> addresses() {
        return sockets == null ? List.of() : addresses;
    }

    /** asyncio's {@code _start_serving}: starts accepting on every socket. */
    void startServingNow() throws IOException {
        if (serving || sockets == null) {
            return;
        }
        serving = true;
        for (Listener listener : listeners) {
            listener.listen();
        }
    }

    @Override
    public Coroutine<Void> startServing() {
        return Asyncio.async("startServing", () -> {
            startServingNow();
            // One loop iteration, as asyncio does, so the registrations take effect.
            Asyncio.await(Asyncio.sleep(0));
        });
    }

    @Override
    public Coroutine<Void> serveForever() {
        return Asyncio.async("serveForever", () -> {
            if (servingForever != null) {
                throw new IllegalStateException("server " + this + " is already being awaited on serveForever()");
            }
            if (sockets == null) {
                throw new IllegalStateException("server " + this + " is closed");
            }
            startServingNow();
            Future<Void> forever = loop.createFuture();
            servingForever = forever;
            try {
                Asyncio.await(forever);
            } catch (CancelledException e) {
                try {
                    close();
                    Asyncio.await(waitClosed());
                } catch (Exception other) {
                    e.addSuppressed(other);
                }
                throw e;
            } finally {
                if (servingForever == forever) {
                    servingForever = null;
                }
            }
        });
    }

    @Override
    public void close() {
        List<ServerSocketChannel> current = sockets;
        if (current == null) {
            return;
        }
        sockets = null;
        for (ServerSocketChannel socket : current) {
            NetErrors.closeQuietly(socket);
        }
        serving = false;
        Future<Void> forever = servingForever;
        if (forever != null && !forever.isDone()) {
            forever.cancel();
            servingForever = null;
        }
        if (onClose != null) {
            onClose.run();
        }
        if (clients == 0) {
            wakeUp();
        }
    }

    @Override
    public void closeClients() {
        for (SocketTransport client : clientsSnapshot()) {
            client.close();
        }
    }

    @Override
    public void abortClients() {
        for (SocketTransport client : clientsSnapshot()) {
            client.abort();
        }
    }

    private List<SocketTransport> clientsSnapshot() {
        List<SocketTransport> snapshot = new ArrayList<>(clients);
        for (SocketTransport client = firstClient; client != null; client = client.nextClient) {
            snapshot.add(client);
        }
        return snapshot;
    }

    @Override
    public Coroutine<Void> waitClosed() {
        return Asyncio.async("waitClosed", () -> {
            if (waiters == null) {
                return;
            }
            Future<Void> waiter = loop.createFuture();
            waiters.add(waiter);
            Asyncio.await(waiter);
        });
    }

    @Override
    public Coroutine<Void> aclose() {
        return Asyncio.async("Server.aclose", () -> {
            close();
            Asyncio.await(waitClosed());
        });
    }

    private void wakeUp() {
        List<Future<Void>> current = waiters;
        if (current == null) {
            return;
        }
        waiters = null;
        for (Future<Void> waiter : current) {
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        }
    }

    void attach(SocketTransport transport) {
        SocketTransport first = firstClient;
        transport.nextClient = first;
        if (first != null) {
            first.previousClient = transport;
        }
        firstClient = transport;
        clients++;
    }

    void detach(SocketTransport transport) {
        SocketTransport previous = transport.previousClient;
        SocketTransport next = transport.nextClient;
        if (previous == null) {
            firstClient = next;
        } else {
            previous.nextClient = next;
        }
        if (next != null) {
            next.previousClient = previous;
        }
        transport.previousClient = null;
        transport.nextClient = null;
        clients--;
        if (clients == 0 && sockets == null) {
            wakeUp();
        }
    }

    /** How many accepted connections are open. */
    int clientCount() {
        return clients;
    }

    private void accepted(SocketChannel connection) {
        BaseProtocol<Transport> protocol = null;
        try {
            connection.configureBlocking(false);
            if (keepAlive) {
                connection.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            }
            protocol = Objects.requireNonNull(factory.get(), "the protocol factory returned null");
            if (ssl != null) {
                // asyncio's _accept_connection2 with ssl: the protocol hears connectionMade after the handshake.
                protocol = SslEngines.layer(loop, protocol, ssl, true, null, null, null, true);
            }
            SocketTransport.open(loop, connection, protocol, this, null);
        } catch (Throwable e) {
            rethrowFatal(e);
            NetErrors.closeQuietly(connection);
            // asyncio reports this only in debug mode; a lost connection deserves a word always.
            loop.callExceptionHandler(ExceptionContext.of("Error on transport creation for incoming connection", e)
                    .with("protocol", protocol));
        }
    }

    /** The server's state: {@code Server[sockets=[127.0.0.1:8888], serving, clients=2]}. */
    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        for (SocketAddress address : addresses()) {
            shown.add(NetErrors.format(address));
        }
        return "Server[sockets=" + shown + (serving ? ", serving" : sockets == null ? ", closed" : "")
                + ", clients=" + clients + "]";
    }

    /** One listening socket's registration: accepts up to {@code backlog} connections per event. */
    private final class Listener extends IoReady {
        private final ServerSocketChannel socket;
        private SelectionKey key;

        Listener(ServerSocketChannel socket) {
            this.socket = socket;
        }

        void listen() throws IOException {
            if (key == null) {
                key = LoopInternals.get().register(loop, socket, SelectionKey.OP_ACCEPT, this);
            } else if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }

        @Override
        protected void ioReady(int readyOps) {
            for (int i = 0; i < backlog && serving; i++) {
                SocketChannel connection;
                try {
                    connection = socket.accept();
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException e) {
                    if (!NetErrors.outOfResources(e)) {
                        loop.callExceptionHandler(ExceptionContext.of("Error accepting a connection", e)
                                .with("socket", socket));
                        return;
                    }
                    // Linux keeps reporting the socket ready: stop watching it for a while.
                    loop.callExceptionHandler(ExceptionContext.of("socket.accept() out of system resource", e)
                            .with("socket", socket));
                    key.interestOps(0);
                    loop.callLater(ACCEPT_RETRY_DELAY, () -> {
                        if (serving && key.isValid()) {
                            key.interestOps(SelectionKey.OP_ACCEPT);
                        }
                    });
                    return;
                }
                if (connection == null) {
                    return;
                }
                accepted(connection);
            }
        }

        @Override
        public String toString() {
            return "Listener[" + SocketServer.this + "]";
        }
    }
}
