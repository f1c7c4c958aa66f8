package dev.asyncio4j.http.client;

import static dev.asyncio4j.Asyncio.async;

import dev.asyncio4j.AsyncCloseable;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.TimerHandle;
import dev.asyncio4j.http.HttpMethod;
import dev.asyncio4j.http.HttpVersion;
import dev.asyncio4j.http.MutableHeaders;
import dev.asyncio4j.http.internal.HeadWriter;
import dev.asyncio4j.http.internal.HttpLimits;
import dev.asyncio4j.http.internal.ResponseHead;
import dev.asyncio4j.net.ConnectOptions;
import dev.asyncio4j.net.SslOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The connection pool of the HTTP client: aiohttp's {@code TCPConnector}. It opens connections,
 * keeps those whose response was read whole for the next request to the same host, port and
 * scheme (keep-alive), closes them after {@link ConnectorOptions#keepaliveTimeout() idling} too
 * long, and holds requests back while a {@link ConnectorOptions#limit() limit} is reached. A
 * {@link ClientSession} makes its own unless given one; several sessions may share one (the
 * session that does not own it leaves it open when closed).
 *
 * <pre>{@code
 * var connector = new Connector(ConnectorOptions.DEFAULT.withLimitPerHost(8));
 * try (var session = new ClientSession(SessionOptions.DEFAULT.withConnector(connector, true))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Loop-confined: it binds to the loop of its first request, and serves only that loop's tasks.
 */
public final class Connector implements AsyncCloseable {
    /*
     * Overview for maintainers.
     *
     * Accounting follows aiohttp: a limit counts the connections *acquired* (serving a request,
     * or being opened for one); idle pooled connections do not count. Each HttpConnection moves
     * CONNECTING -> ACTIVE (acquired) <-> IDLE (in its HostPool's deque) -> CLOSED; every move
     * goes through this class, which keeps `acquired`, `idleCount` and the per-pool counts.
     * Invariant: acquired == sum(pool.acquired) == connections in CONNECTING or ACTIVE;
     * idleCount == sum(pool.idle.size()).
     *
     * Idle connections are reused last-in first-out (the warmest first; the coldest expire).
     * A request that finds no idle connection and no free slot queues a Waiter (FIFO over all
     * hosts). A released connection goes straight to the first waiter for its pool (handoff);
     * a freed slot starts a connection for the first waiter that may use it. Either completes
     * the waiter's future, which the request task awaits.
     *
     * Reading: every connection reads into the one buffer below (the transport's read and the
     * parser's feed happen in one callback and the parser copies what it keeps), so reading a
     * response allocates nothing but its head and body. Writing: one HeadWriter, whose buffer
     * goes straight to the transport.
     */

    /** The pool of one connection key. */
    static final class HostPool {
        final ConnectionKey key;
        final ArrayDeque<HttpConnection> idle = new ArrayDeque<>();
        int acquired;
        int waiting;

        HostPool(ConnectionKey key) {
            this.key = key;
        }

        boolean unused() {
            return acquired == 0 && waiting == 0 && idle.isEmpty();
        }
    }

    /** A request waiting for a connection. */
    private record Waiter(HostPool pool, RequestState request, Future<HttpConnection> future, boolean fresh) {
    }

    private static final int READ_BUFFER = 64 * 1024;

    private final ConnectorOptions options;
    private final double keepalive;
    private EventLoop loop;
    private final Map<ConnectionKey, HostPool> pools = new HashMap<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final Set<HttpConnection> open = new HashSet<>();
    private final Set<Task<?>> connecting = new HashSet<>();
    private int acquired;
    private int idleCount;
    private long opened;
    private long reused;
    private TimerHandle cleanupTimer;
    private boolean closed;
    private Future<Void> allClosed;

    // Shared by the connections (see the overview).
    final byte[] readArray = new byte[READ_BUFFER];
    final ByteBuffer readBuffer = ByteBuffer.wrap(readArray);
    final HeadWriter headWriter = new HeadWriter();

    /** A connector with aiohttp's defaults. */
    public Connector() {
        this(ConnectorOptions.DEFAULT);
    }

    /**
     * A connector with {@code options}.
     *
     * @param options the options ({@code DEFAULT} for aiohttp's defaults)
     */
    public Connector(ConnectorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.keepalive = options.keepaliveTimeout().toNanos() / 1e9;
    }

    /**
     * The options it was made with.
     *
     * @return the options it was made with
     */
    public ConnectorOptions options() {
        return options;
    }

    /**
     * Whether {@link #aclose()} was called. In aiohttp: {@code connector.closed}.
     *
     * @return whether {@link #aclose()} was called
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * A snapshot of the pool's counts. Loop-confined.
     *
     * @return a snapshot of the pool's counts
     */
    public ConnectorStatistics statistics() {
        return new ConnectorStatistics(acquired, idleCount, waiters.size(), opened, reused);
    }

    /**
     * Closes every connection, idle or in use (their responses fail), fails the requests waiting
     * for one, and waits until the sockets are closed: aiohttp's {@code connector.close()}.
     * Closing twice does nothing more. Loop-confined.
     */
    @Override
    public Coroutine<Void> aclose() {
        return async("Connector.aclose", () -> {
            closeNow();
            if (allClosed != null) {
                Asyncio.await(allClosed);
            }
        });
    }

    /** Starts closing without waiting. */
    void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        if (cleanupTimer != null) {
            cleanupTimer.cancel();
            cleanupTimer = null;
        }
        for (Waiter w : waiters) {
            if (!w.future.isDone()) {
                w.future.setException(new ClientConnectionException("Connector is closed"));
            }
        }
        waiters.clear();
        for (Task<?> task : List.copyOf(connecting)) {
            task.cancel();
        }
        if (!open.isEmpty()) {
            allClosed = loop.createFuture();
            for (HttpConnection c : List.copyOf(open)) {
                c.abort();
            }
        }
    }

    @Override
    public String toString() {
        return "Connector[" + (closed ? "closed" : "open") + ", acquired=" + acquired + ", idle=" + idleCount
                + ", waiting=" + waiters.size() + ", limit=" + options.limit() + ", limitPerHost="
                + options.limitPerHost() + "]";
    }

    // ---------------------------------------------------------------- package API

    /** Binds to the running loop on first use; later uses must be on it. */
    EventLoop bind(EventLoop current) {
        if (loop == null) {
            loop = current;
        } else if (loop != current) {
            throw new IllegalStateException("the connector is bound to another event loop: " + loop);
        }
        return loop;
    }

    EventLoop loop() {
        return loop;
    }

    boolean forceClose() {
        return options.forceClose() || keepalive <= 0;
    }

    /**
     * A connection for {@code key}: a pooled one at once if there is one (unless {@code fresh}),
     * else a new one or one released by another request, waited for within the request's
     * {@code connect} limit. Called in the request's task.
     */
    HttpConnection acquire(ConnectionKey key, RequestState request, boolean fresh) throws Exception {
        if (closed) {
            throw new ClientConnectionException("Connector is closed");
        }
        HostPool pool = pools.get(key);
        if (pool == null) {
            pool = new HostPool(key);
            pools.put(key, pool);
        }
        if (!fresh) {
            HttpConnection idle = takeIdle(pool);
            if (idle != null) {
                return idle;
            }
        }
        Future<HttpConnection> future = loop.createFuture();
        Duration connectLimit = request.timeout().connect();
        TimerHandle timer = connectLimit == null ? null : loop.callLater(connectLimit, () -> {
            if (!future.isDone()) {
                future.setException(new ConnectionTimeoutException("Connection timeout to host " + request.url()));
            }
        });
        Waiter waiter = null;
        try {
            if (available(pool)) {
                startConnect(pool, request, future);
            } else {
                waiter = new Waiter(pool, request, future, fresh);
                waiters.add(waiter);
                pool.waiting++;
            }
            return request.await(future);
        } finally {
            if (timer != null) {
                timer.cancel();
            }
            if (waiter != null && waiters.remove(waiter)) {
                pool.waiting--;
                forgetIfUnused(pool);
            }
        }
    }

    /**
     * The exchange on {@code c} ended and the connection may serve another request: hand it to
     * a waiting request for the same key, or keep it idle.
     */
    void release(HttpConnection c) {
        if (closed || forceClose() || c.state != HttpConnection.State.ACTIVE) {
            c.close();
            return;
        }
        HostPool pool = c.pool;
        if (pool.waiting > 0) {
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.pool == pool && !w.fresh && !w.future.isDone()) {
                    it.remove();
                    pool.waiting--;
                    reused++;
                    w.future.setResult(c);
                    return;
                }
            }
        }
        c.state = HttpConnection.State.IDLE;
        c.idleSince = loop.time();
        pool.acquired--;
        acquired--;
        pool.idle.push(c);
        idleCount++;
        if (cleanupTimer == null) {
            cleanupTimer = loop.callAt(c.idleSince + keepalive, this::cleanup);
        }
        if (!waiters.isEmpty()) {
            wakeWaiters();
        }
    }

    /**
     * {@code c} will not serve another request (it is being closed): its slot is free from now,
     * as in aiohttp, not only once its socket is closed.
     */
    void discard(HttpConnection c) {
        HttpConnection.State was = c.state;
        c.state = HttpConnection.State.CLOSED;
        HostPool pool = c.pool;
        switch (was) {
            case CONNECTING, ACTIVE -> {
                pool.acquired--;
                acquired--;
                if (!waiters.isEmpty()) {
                    wakeWaiters();
                }
            }
            case IDLE -> {
                if (pool.idle.remove(c)) {
                    idleCount--;
                }
            }
            case CLOSED -> {
            }
        }
        forgetIfUnused(pool);
    }

    /** {@code c}'s transport is gone (connectionLost): forget it. */
    void lost(HttpConnection c) {
        discard(c);
        open.remove(c);
        if (open.isEmpty() && allClosed != null && !allClosed.isDone()) {
            allClosed.setResult(null);
        }
    }

    // ---------------------------------------------------------------- internals

    private boolean available(HostPool pool) {
        return (options.limit() == 0 || acquired < options.limit())
                && (options.limitPerHost() == 0 || pool.acquired < options.limitPerHost());
    }

    private void forgetIfUnused(HostPool pool) {
        if (pool.unused()) {
            pools.remove(pool.key, pool);
        }
    }

    private HttpConnection takeIdle(HostPool pool) {
        HttpConnection c;
        while ((c = pool.idle.poll()) != null) {
            idleCount--;
            if (c.transport.isClosing() || loop.time() - c.idleSince >= keepalive) {
                c.state = HttpConnection.State.CLOSED;
                c.close();
                continue;
            }
            c.state = HttpConnection.State.ACTIVE;
            pool.acquired++;
            acquired++;
            reused++;
            return c;
        }
        return null;
    }

    /** Hands freed slots (and idle connections) to waiting requests, first come first served. */
    private void wakeWaiters() {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.future.isDone()) {
                continue; // its request removes it
            }
            HttpConnection idle = w.fresh ? null : takeIdle(w.pool);
            if (idle != null) {
                it.remove();
                w.pool.waiting--;
                w.future.setResult(idle);
            } else if (available(w.pool)) {
                it.remove();
                w.pool.waiting--;
                startConnect(w.pool, w.request, w.future);
            } else if (options.limit() != 0 && acquired >= options.limit()) {
                return;
            }
        }
    }

    /** Closes idle connections that have waited {@code keepaliveTimeout}; runs while any are idle. */
    private void cleanup() {
        cleanupTimer = null;
        if (closed) {
            return;
        }
        double now = loop.time();
        double next = Double.MAX_VALUE;
        for (HostPool pool : List.copyOf(pools.values())) {
            for (Iterator<HttpConnection> it = pool.idle.descendingIterator(); it.hasNext(); ) {
                HttpConnection c = it.next();
                if (now - c.idleSince >= keepalive) {
                    it.remove();
                    idleCount--;
                    c.state = HttpConnection.State.CLOSED;
                    c.close();
                } else {
                    next = Math.min(next, c.idleSince + keepalive);
                }
            }
            forgetIfUnused(pool);
        }
        if (next != Double.MAX_VALUE) {
            cleanupTimer = loop.callAt(next, this::cleanup);
        }
    }

    /**
     * Opens a connection for {@code pool} in a task of its own, counted as acquired from now;
     * {@code result} gets it. If nobody waits for it any more when it is open (the request
     * timed out or was cancelled), it joins the pool for the next request.
     */
    private void startConnect(HostPool pool, RequestState request, Future<HttpConnection> result) {
        HttpConnection c = new HttpConnection(this, pool, loop);
        pool.acquired++;
        acquired++;
        open.add(c);
        Task<?>[] self = new Task<?>[1];
        Task<Void> task = loop.createTask(async(() -> {
            try {
                openTransport(c, pool.key, request);
                opened++;
                if (c.state == HttpConnection.State.CLOSED) {
                    throw new ServerDisconnectedException();
                }
                c.state = HttpConnection.State.ACTIVE;
                if (!result.isDone()) {
                    result.setResult(c);
                } else {
                    release(c);
                }
            } catch (Throwable e) {
                if (c.state != HttpConnection.State.CLOSED) {
                    if (c.transport != null) {
                        c.abort();
                    } else {
                        lost(c);
                    }
                }
                if (!result.isDone()) {
                    result.setException(connectError(e, pool.key, request));
                }
            } finally {
                connecting.remove(self[0]);
            }
        }), "connect " + pool.key);
        if (!task.isDone()) {
            self[0] = task;
            connecting.add(task);
        }
    }

    /**
     * Opens the transport of {@code c}: TCP to the host, with TLS for https; through a proxy, TCP
     * to the proxy, and for https a CONNECT tunnel with TLS inside it.
     */
    private void openTransport(HttpConnection c, ConnectionKey key, RequestState request) throws Exception {
        Duration limit = request.timeout().sockConnect();
        ConnectOptions connect = ConnectOptions.DEFAULT
                .withFamily(options.family())
                .withLocalAddress(options.localAddress())
                .withTimeout(limit);
        if (key.proxy() == null) {
            Asyncio.await(loop.createConnection(() -> c, key.host(), key.port(), connect.withSsl(key.tls())));
            return;
        }
        Asyncio.await(loop.createConnection(() -> c, key.connectHost(), key.connectPort(), connect));
        if (key.tls() != null) {
            Duration tunnelLimit = limit != null ? limit : request.timeout().total();
            if (tunnelLimit == null) {
                tunnel(c, key, request);
            } else {
                Asyncio.timeout(tunnelLimit, () -> tunnel(c, key, request));
            }
        }
    }

    /**
     * Asks the proxy for a tunnel to the target ({@code CONNECT host:port}), then runs TLS with
     * the target inside it: aiohttp's {@code _create_proxy_connection}.
     */
    private void tunnel(HttpConnection c, ConnectionKey key, RequestState request) throws Exception {
        String authority = (key.host().indexOf(':') >= 0 ? "[" + key.host() + "]" : key.host()) + ":" + key.port();
        MutableHeaders sent = new MutableHeaders(4).add("Host", authority);
        if (key.proxyAuthorization() != null) {
            sent.add("Proxy-Authorization", key.proxyAuthorization());
        }
        sent.addAll(key.proxyHeaders());
        Exchange ex = new Exchange(request, c, false, false, HttpLimits.CLIENT.maxBodySize(), READ_BUFFER);
        ex.tunnel = true;
        c.begin(ex, HttpMethod.CONNECT, HttpLimits.CLIENT, request.sockRead);
        headWriter.startRequest(HttpMethod.CONNECT, authority, HttpVersion.HTTP_1_1).headers(sent).finishTo(c.writer);
        ex.requestSent = true;
        ResponseHead head = Asyncio.await(ex.headFuture);
        if (head.status() < 200 || head.status() >= 300) {
            RequestInfo info = new RequestInfo(key.proxy(), HttpMethod.CONNECT, sent.toHeaders(), key.proxy());
            throw new ClientHttpProxyException(info, List.of(), head.status(), head.reason(), head.headers());
        }
        SslOptions tls = key.tls().serverHostname() != null ? key.tls() : key.tls().withServerHostname(key.host());
        c.tunnelled(Asyncio.await(loop.startTls(c.transport, c, tls)));
    }

    private static Throwable connectError(Throwable e, ConnectionKey key, RequestState request) {
        if (e instanceof ClientException || e instanceof ClientTimeoutException) {
            return e;
        }
        if (e instanceof CancelledException) {
            return new ClientConnectionException("Connector is closed", e);
        }
        if (e instanceof SSLException) {
            return new ClientSslException(key.host(), key.port(), e);
        }
        if (e instanceof TimeoutException) {
            ConnectionTimeoutException timeout = new ConnectionTimeoutException("Connection timeout to host " + request.url());
            timeout.initCause(e);
            return timeout;
        }
        if (key.proxy() != null) {
            return new ClientProxyConnectionException(key.connectHost(), key.connectPort(), e);
        }
        if (e instanceof IOException || e instanceof RuntimeException) {
            return new ClientConnectorException(key.host(), key.port(), key.ssl(), e);
        }
        return e;
    }
}
