package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.TimerHandle;
import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.HttpMethod;
import dev.asyncio4j.http.HttpStatus;
import dev.asyncio4j.http.HttpVersion;
import dev.asyncio4j.http.MutableHeaders;
import dev.asyncio4j.http.internal.ChunkedEncoder;
import dev.asyncio4j.http.internal.HeadWriter;
import dev.asyncio4j.http.internal.HttpLimits;
import dev.asyncio4j.http.internal.HttpMessageListener;
import dev.asyncio4j.http.internal.HttpParseException;
import dev.asyncio4j.http.internal.RequestHead;
import dev.asyncio4j.http.internal.RequestParser;
import dev.asyncio4j.net.Protocol;
import dev.asyncio4j.net.Transport;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP/1.1 connection of the server: aiohttp's {@code RequestHandler} (the per-connection
 * protocol). The transport's bytes go straight into the request parser; each request is answered
 * by its own task, started eagerly, so a handler that does not suspend is answered within the
 * read that brought it. Responses go out in request order (pipelining), the keep-alive and
 * slow-client timers share one loop timer, and the connection takes part in graceful shutdown.
 *
 * <p>Loop-confined.
 */
final class HttpConnection implements Protocol, HttpMessageListener<RequestHead> {
    /*
     * Overview for maintainers.
     *
     * Requests: `current` is being answered (its task runs once started: task != null), `waiting`
     * is the next one, whose head arrived while current was in flight (pipelining, at most one
     * ahead), `receiving` is the one whose body the parser is still delivering (current, waiting
     * or null). The parser pauses after each complete message, so process() decides, between
     * messages, whether to start a request or parse on. A request is started only after the feed
     * that brought its head returns, so body bytes that came with the head are in its content
     * when the handler runs.
     *
     * process() runs only from loop callbacks (dataReceived, a task's done callback, eof): a
     * request's task never calls it, so the eager task never nests another eager task.
     *
     * Invariant: input[inputOff .. inputOff+inputLen) are received bytes not yet parsed; input is
     * null when inputLen == 0 (an idle connection holds no buffer).
     *
     * Timer: one TimerHandle, re-armed lazily. `deadline` is when the connection times out and
     * `waitKind` why: HEADER (a new connection's silence, or a started head: the slowloris bound,
     * never extended while the same head trickles in), KEEPALIVE (idle between requests), LINGER
     * (the rest of a body the handler left unread is being dropped, or the connection is
     * LINGERING before its close), NONE (a request is being answered). Moving the deadline later
     * costs a field write; the timer fires at the old time, sees the new deadline and re-arms.
     *
     * Lingering (aiohttp's lingering_time; RFC 9112 9.6): closing a socket with unread input
     * makes the kernel send a reset, which can destroy the response before the client reads it.
     * So a body the handler did not read is read and dropped after the response, for at most
     * lingeringSeconds: if it ends in time the connection serves on; and a connection closed
     * while a body is still arriving first half-closes (LINGERING: FIN after the response, input
     * dropped) and closes when the client does, or when lingeringSeconds have passed.
     */

    private static final System.Logger LOG = System.getLogger("dev.asyncio4j.http.server");
    private static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");
    private static final byte[] SERVER = ascii("Server: asyncio4j\r\n");
    private static final byte[] CHUNKED = ascii("Transfer-Encoding: chunked\r\n");
    private static final byte[] CONNECTION_CLOSE = ascii("Connection: close\r\n");
    private static final byte[] CONNECTION_KEEP_ALIVE = ascii("Connection: keep-alive\r\n");
    private static final byte[] LAST_CHUNK = ascii("0\r\n\r\n");
    private static final byte[] INTERNAL_ERROR = "500 Internal Server Error\n\nServer got itself in trouble"
            .getBytes(StandardCharsets.UTF_8);
    /** Unparsed input kept while a request is answered, before reading pauses. */
    private static final int MAX_BUFFERED = 64 * 1024;

    private enum State { OPEN, LINGERING, CLOSING, CLOSED }

    private enum WaitKind { NONE, HEADER, KEEPALIVE, LINGER }

    private final WebServer server;
    private final EventLoop loop;
    private final RequestParser parser;
    private final Runnable onTimer = this::onTimer;
    private Transport transport;
    private State state = State.OPEN;
    private String remote;

    private byte[] input;
    private int inputOff;
    private int inputLen;

    private Request receiving;
    private Request current;
    private Request waiting;
    private boolean processing;
    private long requests;

    // A parse failure ends the connection; failureAnswered says a started request owns it (its
    // handler sees it when reading the body) rather than an error response.
    private HttpParseException failure;
    private boolean failureAnswered;
    private boolean peerEof;
    private boolean eofFed;
    private boolean shuttingDown;
    private boolean readPausedByUs;

    private boolean writePaused;
    private Future<Void> drainWaiter;

    private TimerHandle timer;
    private double deadline;
    private WaitKind waitKind = WaitKind.NONE;

    // The connection list of the server (intrusive, see WebServer).
    HttpConnection previous;
    HttpConnection next;

    HttpConnection(WebServer server) {
        this.server = server;
        this.loop = server.loop;
        this.parser = new RequestParser(server.limits, this);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    WebServer server() {
        return server;
    }

    EventLoop loop() {
        return loop;
    }

    Transport transport() {
        return transport;
    }

    String remote() {
        String r = remote;
        if (r == null && transport != null) {
            Object peer = transport.getExtraInfo("peername");
            r = peer instanceof InetSocketAddress a && a.getAddress() != null ? a.getAddress().getHostAddress() : "";
            remote = r;
        }
        return r == null || r.isEmpty() ? null : r;
    }

    // ---------------------------------------------------------------- protocol callbacks

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        server.connectionMade(this);
        waitFor(WaitKind.HEADER, server.headerSeconds);
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state != State.OPEN) {
            return;
        }
        if (inputLen == 0) {
            input = data;
            inputOff = 0;
            inputLen = data.length;
        } else {
            if (inputOff + inputLen + data.length > input.length) {
                byte[] grown = new byte[Math.max(inputLen + data.length, 2 * inputLen)];
                System.arraycopy(input, inputOff, grown, 0, inputLen);
                input = grown;
                inputOff = 0;
            }
            System.arraycopy(data, 0, input, inputOff + inputLen, data.length);
            inputLen += data.length;
        }
        process();
    }

    @Override
    public boolean eofReceived() {
        peerEof = true;
        if (state == State.LINGERING) {
            return false;  // the client is done sending: the transport closes
        }
        process();
        // Half-closed: answer what is in flight, then close (finished() does).
        return state == State.OPEN && (current != null || waiting != null);
    }

    @Override
    public void connectionLost(Exception exc) {
        state = State.CLOSED;
        server.connectionLost(this);
        waitKind = WaitKind.NONE;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        input = null;
        inputLen = 0;
        Exception cause = exc != null ? exc : new SocketException("Connection lost");
        if (receiving != null && receiving.content != null && !receiving.bodyComplete) {
            receiving.content.setException(cause);
        }
        receiving = null;
        if (drainWaiter != null && !drainWaiter.isDone()) {
            drainWaiter.setException(new SocketException("Connection lost while writing the response"));
        }
    }

    @Override
    public void pauseWriting() {
        writePaused = true;
    }

    @Override
    public void resumeWriting() {
        writePaused = false;
        Future<Void> waiter = drainWaiter;
        if (waiter != null) {
            drainWaiter = null;
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        }
    }

    // ---------------------------------------------------------------- parser events

    @Override
    public void onHead(RequestHead head) {
        Request r = new Request(this, head, System.nanoTime());
        waitKind = WaitKind.NONE;  // the head is complete: no timeout while it is answered
        receiving = head.framing() == dev.asyncio4j.http.internal.BodyFraming.NONE ? null : r;
        if (current == null) {
            current = r;
        } else {
            waiting = r;
        }
    }

    @Override
    public void onBody(byte[] data, int offset, int length) {
        Request r = receiving;
        if (r != null && !r.dropBody) {
            r.content.feedData(data, offset, length);
        }
    }

    @Override
    public void onMessageComplete(Headers trailers) {
        Request r = receiving;
        if (r != null) {
            r.bodyComplete = true;
            r.content.feedEof();
            receiving = null;
        }
        parser.pause();
    }

    // ---------------------------------------------------------------- the request loop

    /** Parses what can be parsed and starts what can be started. Called from loop callbacks only. */
    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            while (state == State.OPEN) {
                if (current != null && current.task == null) {
                    start(current);
                    continue;
                }
                if (failure != null) {
                    if (current == null) {
                        if (!failureAnswered) {
                            sendError(failure.status(), failure.detail());
                        }
                        close();
                    }
                    break;
                }
                if (inputLen == 0) {
                    if (peerEof && !eofFed) {
                        eofFed = true;
                        try {
                            parser.feedEof();
                        } catch (HttpParseException e) {
                            fail(e);
                            continue;
                        }
                    }
                    if (peerEof && current == null && waiting == null) {
                        close();
                    }
                    break;
                }
                if (waiting != null && receiving != waiting) {
                    break;  // two requests outstanding: parse on when current is answered
                }
                int used;
                try {
                    used = parser.feed(input, inputOff, inputLen);
                } catch (HttpParseException e) {
                    fail(e);
                    continue;
                }
                inputOff += used;
                inputLen -= used;
                if (parser.isUpgraded()) {
                    // Upgrades (WebSocket, CONNECT) are not served: answer the request, then close.
                    inputLen = 0;
                    failure = new HttpParseException(501, "protocol upgrades are not supported", -1);
                    failureAnswered = true;
                }
            }
        } finally {
            processing = false;
        }
        if (inputLen == 0) {
            input = null;
        }
        if (state == State.OPEN && shuttingDown && isIdle()) {
            close();  // the rest of a body was dropped during shutdown: nothing more to answer
        }
        if (state == State.OPEN) {
            flowControl();
            updateDeadline();
        }
    }

    private void fail(HttpParseException e) {
        failure = e;
        inputLen = 0;
        Request owner = receiving;
        receiving = null;
        if (owner != null) {
            owner.content.setException(new HttpException(e.status(), e.detail()));
            if (owner == waiting) {
                waiting = null;
            } else {
                failureAnswered = true;
            }
        }
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "Bad request from " + remote() + ": " + e.getMessage());
        }
    }

    private void flowControl() {
        if (inputLen > MAX_BUFFERED && !readPausedByUs) {
            readPausedByUs = true;
            transport.pauseReading();
        } else if (readPausedByUs && inputLen <= MAX_BUFFERED / 2) {
            readPausedByUs = false;
            transport.resumeReading();
        }
    }

    private void start(Request r) {
        Task<Void> task = new Task<>(loop, async(() -> serve(r)), null, true);
        r.task = task;
        if (task.isDone()) {
            finished(r);
        } else {
            task.addDoneCallback(done -> {
                finished(r);
                process();
            });
        }
    }

    /** A request's task is done: log it, then serve the next request or close. */
    private void finished(Request r) {
        requests++;
        StreamResponse response = r.response;
        if (server.accessLog != null && response != null) {
            server.accessLog.log(r, response, System.nanoTime() - r.startNanos);
        }
        current = waiting;
        waiting = null;
        boolean keep = state == State.OPEN && response != null && response.request == r && response.keepAlive
                && response.eofSent && !(failure != null && failureAnswered);
        if (!keep) {
            if (response == null || !response.eofSent) {
                abort();  // the response was cut short: the client must not take it as complete
            } else {
                close();
            }
            return;
        }
        if (!r.bodyComplete) {
            if (server.lingeringSeconds <= 0) {
                close();
                return;
            }
            dropRestOfBody(r);
        }
        if (shuttingDown && isIdle()) {
            close();
        }
    }

    /** The body of a request's task: route, run the handler and its middlewares, send the response. */
    private Void serve(Request r) throws Exception {
        StreamResponse response;
        try {
            Handler handler = server.app.router().resolve(r);
            Coroutine<? extends StreamResponse> coroutine = handler.handle(r);
            if (coroutine == null) {
                throw new IllegalStateException("the handler returned null instead of a coroutine");
            }
            response = await(coroutine);
            if (response == null) {
                throw new IllegalStateException("Web-handler should return a response instance, got null");
            }
        } catch (HttpException e) {
            response = e.toResponse();
        } catch (CancelledException e) {
            throw e;
        } catch (Throwable e) {
            if (midResponse(r, e)) {
                return null;
            }
            LOG.log(System.Logger.Level.ERROR, "Error handling request " + r, e);
            response = internalError();
        }
        try {
            finishResponse(r, response);
        } catch (HttpException e) {
            if (!midResponse(r, e)) {
                finishResponse(r, e.toResponse());
            }
        } catch (CancelledException e) {
            throw e;
        } catch (Throwable e) {
            if (!midResponse(r, e)) {
                LOG.log(System.Logger.Level.ERROR, "Error sending the response to " + r, e);
                finishResponse(r, internalError());
            }
        }
        return null;
    }

    /** After a failure: true when a response had been started (it cannot be replaced; the connection is aborted). */
    private boolean midResponse(Request r, Throwable e) {
        StreamResponse started = r.response;
        if (started == null || !started.isPrepared()) {
            return false;
        }
        if (state == State.OPEN && !(e instanceof SocketException)) {
            LOG.log(System.Logger.Level.ERROR, "Error handling request " + r + " after its response started", e);
        }
        started.keepAlive = false;
        return true;
    }

    private static Response internalError() {
        Response response = Response.bytes(INTERNAL_ERROR, "text/plain; charset=utf-8");
        response.setStatus(500);
        return response;
    }

    private void finishResponse(Request r, StreamResponse response) throws Exception {
        if (response.request == null) {
            switch (response) {
                case Response whole -> {
                    byte[] body = whole.body();
                    sendHead(r, whole, body, 0, body.length);
                }
                case FileResponse file -> file.send(r);
                default -> {
                    response.prepareNow(r);
                    response.writeEofNow();
                }
            }
        } else if (response.request != r) {
            throw new IllegalStateException(response + " was prepared for another request");
        } else if (!response.eofSent) {
            response.writeEofNow();
        }
        r.response = response;
    }

    // ---------------------------------------------------------------- writing responses

    /**
     * Sends the status line and headers of {@code response} for {@code r}, followed by
     * {@code body[off..off+len)} in the same write when {@code body} is not null (the whole body
     * of a {@link Response}: the response is then complete).
     */
    void sendHead(Request r, StreamResponse response, byte[] body, int off, int len) {
        if (r.response != null && r.response.isPrepared()) {
            throw new IllegalStateException("a response was already sent for " + r);
        }
        int status = response.status();
        HttpVersion version = r.version().atLeast11() ? HttpVersion.HTTP_1_1 : HttpVersion.HTTP_1_0;
        boolean headRequest = r.method() == HttpMethod.HEAD;
        long length = body != null ? len : response.contentLength;
        MutableHeaders headers = response.headersOrNull();
        if (length < 0 && headers != null) {
            String declared = headers.get("Content-Length");
            if (declared != null) {
                try {
                    length = Long.parseLong(declared.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid Content-Length header '" + declared + "'", e);
                }
            }
        }
        StreamResponse.Framing framing;
        if (HttpStatus.mustBeEmpty(status)) {
            framing = StreamResponse.Framing.NONE;
        } else if (response.chunkedRequested() && version == HttpVersion.HTTP_1_1) {
            framing = StreamResponse.Framing.CHUNKED;
            length = -1;
        } else if (length >= 0) {
            framing = StreamResponse.Framing.LENGTH;
        } else if (version == HttpVersion.HTTP_1_1) {
            framing = StreamResponse.Framing.CHUNKED;
        } else {
            framing = StreamResponse.Framing.UNTIL_CLOSE;
        }
        boolean keepAlive = r.head().keepAlive() && !response.forceCloseRequested()
                && framing != StreamResponse.Framing.UNTIL_CLOSE && !r.head().upgrade()
                && !(failure != null && failureAnswered)
                // The rest of an unread body is dropped after the response, if the client sends it
                && (r.bodyComplete || ((r.continueSent || !r.head().expectContinue())
                        && (body == null || server.lingeringSeconds > 0)))
                && !(shuttingDown && inputLen == 0 && waiting == null)
                && !(peerEof && inputLen == 0 && waiting == null);

        HeadWriter w = server.headWriter;
        w.startResponse(version, status, response.reason());
        boolean hasDate = false;
        boolean hasServer = false;
        if (headers != null) {
            for (int i = 0, n = headers.size(); i < n; i++) {
                String name = headers.name(i);
                switch (special(name)) {
                    case 1 -> hasDate = true;
                    case 2 -> hasServer = true;
                    case 3 -> {
                        continue;  // Content-Length, Transfer-Encoding, Connection: ours
                    }
                    default -> {
                    }
                }
                w.header(name, headers.value(i));
            }
        }
        Map<String, String> cookies = response.cookiesOrNull();
        if (cookies != null) {
            for (String setCookie : cookies.values()) {
                w.header("Set-Cookie", setCookie);
            }
        }
        if (!hasDate) {
            w.date(server.dateCache);
        }
        if (!hasServer) {
            w.raw(SERVER);
        }
        if (framing == StreamResponse.Framing.LENGTH) {
            w.contentLength(length);
        } else if (framing == StreamResponse.Framing.CHUNKED) {
            w.raw(CHUNKED);
        }
        if (!keepAlive) {
            w.raw(CONNECTION_CLOSE);
        } else if (version == HttpVersion.HTTP_1_0) {
            w.raw(CONNECTION_KEEP_ALIVE);
        }
        boolean bodyOnWire = !headRequest && framing != StreamResponse.Framing.NONE;
        byte[] out = body != null && bodyOnWire && len > 0 && framing == StreamResponse.Framing.LENGTH
                ? w.finish(body, off, len) : w.finish();

        response.request = r;
        response.framing = bodyOnWire ? framing : StreamResponse.Framing.NONE;
        response.contentLength = length;
        response.keepAlive = keepAlive;
        r.response = response;
        boolean writable = writable();
        if (writable) {
            transport.write(out);
        }
        if (body != null) {
            if (writable && response.framing == StreamResponse.Framing.CHUNKED) {
                if (len > 0) {
                    transport.write(ChunkedEncoder.chunk(body, off, len));
                }
                transport.write(LAST_CHUNK);
            }
            response.bodyLength = len;
            response.eofSent = true;
        }
    }

    /** Whether the transport still takes writes (it may be closing before connectionLost arrives). */
    private boolean writable() {
        return state == State.OPEN && !transport.isClosing();
    }

    /** 1: Date, 2: Server, 3: a framing header the server writes itself, 0: other. No allocation. */
    private static int special(String name) {
        return switch (name.length()) {
            case 4 -> name.equalsIgnoreCase("Date") ? 1 : 0;
            case 6 -> name.equalsIgnoreCase("Server") ? 2 : 0;
            case 10 -> name.equalsIgnoreCase("Connection") ? 3 : 0;
            case 14 -> name.equalsIgnoreCase("Content-Length") ? 3 : 0;
            case 17 -> name.equalsIgnoreCase("Transfer-Encoding") ? 3 : 0;
            default -> 0;
        };
    }

    /** Writes a piece of a prepared response's body. */
    void writeBody(StreamResponse response, byte[] data, int offset, int length) throws SocketException {
        if (response.framing == StreamResponse.Framing.NONE) {
            response.bodyLength += length;
            return;
        }
        if (length == 0) {
            return;
        }
        if (response.framing == StreamResponse.Framing.LENGTH
                && response.bodyLength + length > response.contentLength) {
            throw new IllegalStateException("writing " + length + " more bytes exceeds the Content-Length "
                    + response.contentLength + " (" + response.bodyLength + " written)");
        }
        checkWritable();
        if (response.framing == StreamResponse.Framing.CHUNKED) {
            transport.write(ChunkedEncoder.chunk(data, offset, length));
        } else {
            transport.write(data, offset, length);
        }
        response.bodyLength += length;
    }

    /** Ends a prepared response's body. */
    void endBody(StreamResponse response) throws SocketException {
        response.eofSent = true;
        if (response.framing == StreamResponse.Framing.CHUNKED) {
            checkWritable();
            transport.write(LAST_CHUNK);
        } else if (response.framing == StreamResponse.Framing.LENGTH && response.bodyLength < response.contentLength) {
            response.keepAlive = false;  // the body is short of its announced length: the framing is broken
            response.eofSent = false;
        } else if (response.framing == StreamResponse.Framing.UNTIL_CLOSE) {
            response.keepAlive = false;
        }
    }

    private void checkWritable() throws SocketException {
        if (!writable()) {
            throw new SocketException("Cannot write to closing transport");
        }
    }

    /** Waits, in the request's task, until the send buffer drained to its low-water mark. */
    void drainNow() throws Exception {
        while (writePaused) {
            if (state != State.OPEN) {
                throw new SocketException("Connection lost while writing the response");
            }
            Future<Void> waiter = drainWaiter;
            if (waiter == null) {
                waiter = loop.createFuture();
                drainWaiter = waiter;
            }
            await(waiter);
        }
    }

    /** Tells an {@code Expect: 100-continue} client to send its body, once. */
    void sendContinueIfExpected(Request r) {
        if (r.head().expectContinue() && !r.continueSent && !r.bodyComplete && r.response == null
                && writable()) {
            r.continueSent = true;
            transport.write(CONTINUE);
        }
    }

    /** Answers a request that could not be parsed (or timed out), with Connection: close. */
    private void sendError(int status, String detail) {
        if (!writable()) {
            return;
        }
        byte[] body = (status + ": " + HttpStatus.reason(status) + (detail == null ? "" : "\n\n" + detail) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = server.headWriter.startResponse(HttpVersion.HTTP_1_1, status, null)
                .header("Content-Type", "text/plain; charset=utf-8")
                .date(server.dateCache).raw(SERVER).contentLength(body.length).raw(CONNECTION_CLOSE)
                .finish(body, 0, body.length);
        transport.write(out);
    }

    // ---------------------------------------------------------------- closing and shutdown

    private boolean isIdle() {
        return current == null && waiting == null && receiving == null && inputLen == 0 && parser.isIdle();
    }

    /** Closes after what was written; first lingers (see the overview) while a request body is still arriving. */
    private void close() {
        if (state != State.OPEN) {
            return;
        }
        if (receiving != null && !peerEof && server.lingeringSeconds > 0 && transport.canWriteEof()) {
            state = State.LINGERING;
            receiving = null;
            input = null;
            inputLen = 0;
            transport.writeEof();
            transport.resumeReading();
            waitFor(WaitKind.LINGER, server.lingeringSeconds);
            return;
        }
        state = State.CLOSING;
        transport.close();
    }

    /**
     * The handler is done but the client is still sending the body: drop the rest as it comes,
     * for at most the lingering time (updateDeadline), then serve the next request.
     */
    private void dropRestOfBody(Request r) {
        r.dropBody = true;
        if (!readPausedByUs) {
            transport.resumeReading();  // the body's reader may have paused it; nobody reads it now
        }
    }

    private void abort() {
        if (state != State.CLOSED) {
            state = State.CLOSING;
            transport.abort();
        }
    }

    /**
     * Graceful shutdown begins: finish what was received (answering it with Connection: close),
     * then close. An idle connection closes after the loop has had one more look at its socket,
     * so a request already on its way is not dropped.
     */
    void beginShutdown() {
        shuttingDown = true;
        if (state == State.OPEN && transport != null) {
            closeSoonIfIdle();
        }
    }

    private void closeSoonIfIdle() {
        loop.callSoon(() -> loop.callSoon(() -> {
            if (state == State.OPEN && isIdle()) {
                close();
            }
        }));
    }

    /** The shutdown timeout passed: cancel the handler and drop the connection. */
    void abortForShutdown() {
        Request r = current;
        if (r != null && r.task != null && !r.task.isDone()) {
            r.task.cancel("server shutdown");
        }
        abort();
    }

    // ---------------------------------------------------------------- timeouts

    private void updateDeadline() {
        if (current != null || waiting != null) {
            waitKind = WaitKind.NONE;
        } else if (receiving != null) {
            if (waitKind != WaitKind.LINGER) {
                waitFor(WaitKind.LINGER, server.lingeringSeconds);  // the rest of an unread body
            }
        } else if (inputLen == 0 && parser.isIdle()) {
            if (waitKind == WaitKind.NONE || waitKind == WaitKind.LINGER) {
                waitFor(WaitKind.KEEPALIVE, server.keepaliveSeconds);
            }
        } else if (waitKind != WaitKind.HEADER) {
            waitFor(WaitKind.HEADER, server.headerSeconds);
        }
    }

    private void waitFor(WaitKind kind, double seconds) {
        double when = loop.time() + seconds;
        waitKind = kind;
        deadline = when;
        TimerHandle t = timer;
        if (t == null) {
            timer = loop.callAt(when, onTimer);
        } else if (t.when() > when) {
            t.cancel();
            timer = loop.callAt(when, onTimer);
        }
    }

    private void onTimer() {
        timer = null;
        if ((state != State.OPEN && state != State.LINGERING) || waitKind == WaitKind.NONE) {
            return;
        }
        if (loop.time() < deadline) {
            timer = loop.callAt(deadline, onTimer);
            return;
        }
        if (waitKind == WaitKind.LINGER) {
            // The client still sends after the lingering time: stop listening to it.
            waitKind = WaitKind.NONE;
            abort();
            return;
        }
        if (waitKind == WaitKind.HEADER && (inputLen > 0 || !parser.isIdle())) {
            if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, "Request head from " + remote() + " timed out");
            }
            sendError(408, "the request head was not received in time");
        }
        waitKind = WaitKind.NONE;
        close();
    }

    @Override
    public String toString() {
        return "HttpConnection[" + state.name().toLowerCase(java.util.Locale.ROOT) + ", remote=" + remote()
                + ", requests=" + requests + (current != null ? ", answering " + current : "") + "]";
    }

    static HttpLimits limits(RunnerOptions o, long maxBody) {
        return new HttpLimits(o.maxLineSize(), o.maxFieldSize(), o.maxHeaderSection(), o.maxHeaders(), 4096, maxBody);
    }
}
