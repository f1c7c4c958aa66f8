package dev.asyncio4j.http.client;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.TimerHandle;
import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.internal.ByteSink;
import dev.asyncio4j.http.internal.HttpLimits;
import dev.asyncio4j.http.internal.HttpMessageListener;
import dev.asyncio4j.http.internal.HttpParseException;
import dev.asyncio4j.http.internal.ResponseHead;
import dev.asyncio4j.http.internal.ResponseParser;
import dev.asyncio4j.net.BufferedProtocol;
import dev.asyncio4j.net.Transport;
import java.nio.ByteBuffer;

/**
 * One HTTP/1.1 connection of a {@link Connector}: the protocol on its transport, aiohttp's
 * {@code ResponseHandler}. It carries one {@link Exchange} at a time; the bytes the transport
 * reads go straight into the {@link ResponseParser}, whose events go to the exchange.
 *
 * <p>Loop-confined.
 */
final class HttpConnection implements BufferedProtocol, HttpMessageListener<ResponseHead> {
    /*
     * Overview: state is the Connector's accounting (see its overview), changed only there and
     * in connectionLost. `exchange` is the request in flight; it is null while idle, and bytes
     * arriving then break the protocol (the connection is dropped). A response that ends
     * (onMessageComplete) pauses the parser, so bytes after it in the same read are not taken
     * for another response: the connection is then not reused.
     *
     * sock_read: one timer per connection, pushed back lazily. bufferUpdated only records the
     * time; when the timer fires it sleeps again for what is left, and fails the exchange only
     * after a whole period of silence while reading is not paused.
     */
    enum State { CONNECTING, ACTIVE, IDLE, CLOSED }

    final Connector connector;
    final Connector.HostPool pool;
    private final EventLoop loop;
    State state = State.CONNECTING;
    /** Exchanges begun on this connection; more than one means it was reused from the pool. */
    int uses;
    Transport transport;
    /** Writes to the transport: made once, for the head writer. */
    ByteSink writer;
    double idleSince;
    private ResponseParser parser;
    private HttpLimits limits;
    private Exchange exchange;
    private boolean messageDone;
    private boolean interim;
    private double readTimeout;
    private double lastRead;
    private TimerHandle readTimer;
    private Future<Void> drained;
    private boolean writePaused;

    HttpConnection(Connector connector, Connector.HostPool pool, EventLoop loop) {
        this.connector = connector;
        this.pool = pool;
        this.loop = loop;
    }

    /** Starts {@code ex} on this connection: the response parser expects its answer. */
    void begin(Exchange ex, String method, HttpLimits requestLimits, double sockRead) {
        if (parser == null || !requestLimits.equals(limits)) {
            limits = requestLimits;
            parser = new ResponseParser(requestLimits, this);
        }
        parser.setRequestMethod(method);
        uses++;
        exchange = ex;
        interim = false;
        readTimeout = sockRead;
        if (sockRead > 0) {
            lastRead = loop.time();
            if (readTimer == null) {
                readTimer = loop.callAt(lastRead + sockRead, this::readTimerFired);
            }
        }
    }

    /** The CONNECT tunnel now runs TLS: {@code secure} is the transport to use, with a new parser. */
    void tunnelled(Transport secure) {
        transport = secure;
        writer = secure::write;
        parser = null;
    }

    /** Ends the connection at once (buffered output discarded); its pool slot is free at once. */
    void abort() {
        connector.discard(this);
        if (transport != null && !transport.isClosing()) {
            transport.abort();
        }
    }

    /** Ends the connection after its buffered output is sent; its pool slot is free at once. */
    void close() {
        connector.discard(this);
        if (transport != null && !transport.isClosing()) {
            transport.close();
        }
    }

    /** Waits until the transport's write buffer is below its high-water mark. */
    Future<Void> drain() {
        if (!writePaused || state == State.CLOSED) {
            return null;
        }
        if (drained == null) {
            drained = loop.createFuture();
        }
        return drained;
    }

    /** Resumes reading after {@link Exchange} paused it to bound the buffered body. */
    void resumeReading() {
        if (transport != null && !transport.isClosing() && !transport.isReading()) {
            transport.resumeReading();
        }
    }

    void pauseReading() {
        if (transport != null && !transport.isClosing() && transport.isReading()) {
            transport.pauseReading();
        }
    }

    // ---------------------------------------------------------------- protocol

    @Override
    public void connectionMade(Transport t) {
        this.transport = t;
        this.writer = t::write;
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        return connector.readBuffer.clear();
    }

    @Override
    public void bufferUpdated(int nbytes) {
        Exchange ex = exchange;
        if (ex == null) {
            // Nothing was asked: a server that talks out of turn cannot be trusted with a request.
            abort();
            return;
        }
        ex.gotBytes = true;
        if (readTimeout > 0) {
            lastRead = loop.time();
        }
        int used;
        try {
            used = parser.feed(connector.readArray, 0, nbytes);
        } catch (HttpParseException e) {
            ex.parseFailed(e);
            abort();
            return;
        } catch (RuntimeException e) {
            ex.fail(new ClientPayloadException("Response payload is not completed: " + e, e));
            abort();
            return;
        }
        if (messageDone) {
            finishExchange(ex, used < nbytes);
        }
    }

    @Override
    public boolean eofReceived() {
        Exchange ex = exchange;
        if (ex != null) {
            try {
                parser.feedEof();
            } catch (HttpParseException e) {
                ex.truncated(e);
            }
            if (messageDone) {
                finishExchange(ex, false);
            }
        }
        return false;
    }

    @Override
    public void connectionLost(Exception exc) {
        if (readTimer != null) {
            readTimer.cancel();
            readTimer = null;
        }
        Future<Void> waiting = drained;
        drained = null;
        if (waiting != null && !waiting.isDone()) {
            waiting.setResult(null);
        }
        Exchange ex = exchange;
        exchange = null;
        if (ex != null) {
            ex.connectionLost(exc);
        }
        connector.lost(this);
    }

    @Override
    public void pauseWriting() {
        writePaused = true;
    }

    @Override
    public void resumeWriting() {
        writePaused = false;
        Future<Void> waiting = drained;
        drained = null;
        if (waiting != null && !waiting.isDone()) {
            waiting.setResult(null);
        }
    }

    // ---------------------------------------------------------------- parser events

    @Override
    public void onHead(ResponseHead head) {
        if (head.informational() && !head.upgrade()) {
            interim = true; // 100 Continue, 103 Early Hints: skipped, as aiohttp does
            return;
        }
        Exchange ex = exchange;
        if (ex == null || ex.head != null) {
            throw new IllegalStateException("a response nobody asked for");
        }
        ex.onHead(head);
    }

    @Override
    public void onBody(byte[] data, int offset, int length) {
        exchange.onBody(data, offset, length);
    }

    @Override
    public void onMessageComplete(Headers trailers) {
        if (interim) {
            interim = false;
            return;
        }
        exchange.onComplete();
        messageDone = true;
        parser.pause();
    }

    /** The response ended: pool the connection if it can carry another request, else close it. */
    private void finishExchange(Exchange ex, boolean trailingBytes) {
        messageDone = false;
        exchange = null;
        if (ex.tunnel) {
            ex.detach(); // the proxy's answer to CONNECT: the connector decides what follows
            return;
        }
        boolean reusable = ex.reusable() && !trailingBytes && state == State.ACTIVE && !transport.isClosing()
                && !parser.isUpgraded();
        ex.detach();
        if (reusable) {
            connector.release(this);
        } else {
            close();
        }
    }

    private void readTimerFired() {
        readTimer = null;
        Exchange ex = exchange;
        if (ex == null || readTimeout <= 0 || state == State.CLOSED) {
            return;
        }
        double now = loop.time();
        if (!transport.isReading()) {
            // Paused because the body is not being read: the server is not to blame.
            lastRead = now;
        } else if (now - lastRead >= readTimeout) {
            ex.fail(new SocketReadTimeoutException("Timeout on reading data from socket"));
            abort();
            return;
        }
        readTimer = loop.callAt(lastRead + readTimeout, this::readTimerFired);
    }

    @Override
    public String toString() {
        return "HttpConnection[" + pool.key + ", " + state + (exchange != null ? ", busy" : "") + "]";
    }
}
