package dev.asyncio4j.internal.net;

import static dev.asyncio4j.internal.net.NetErrors.asException;
import static dev.asyncio4j.internal.net.NetErrors.rethrowFatal;

import dev.asyncio4j.CancelledException;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.TimerHandle;
import dev.asyncio4j.internal.LoopInternals;
import dev.asyncio4j.net.BaseProtocol;
import dev.asyncio4j.net.BufferedProtocol;
import dev.asyncio4j.net.Protocol;
import dev.asyncio4j.net.SslOptions;
import dev.asyncio4j.net.Transport;
import dev.asyncio4j.net.WriteTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS between a stream transport and the application's protocol: asyncio's {@code SSLProtocol}
 * (3.11 and later), on a {@link SSLEngine} driven by the loop. To the transport below (a socket
 * transport, or any {@link Transport} for {@code startTls}) it is a {@link BufferedProtocol}; to
 * the application it offers an {@link SslTransport}, told to the application's protocol in
 * {@code connectionMade} once the handshake has succeeded.
 *
 * <p>Loop-confined. The engine's delegated tasks (certificate checks, key exchange) run on the
 * loop's default executor; the handshake resumes on the loop when they are done. No thread is
 * held per connection.
 */
final class SslProtocol implements BufferedProtocol {

    /*
     * Overview for maintainers.
     *
     * States (asyncio's SSLProtocolState): UNWRAPPED -> DO_HANDSHAKE -> WRAPPED -> FLUSHING ->
     * SHUTDOWN, and back to UNWRAPPED when the transport below is lost or aborted. FLUSHING is
     * where a close starts: what was received is delivered (unless the application paused
     * reading), then SHUTDOWN: the write backlog is encrypted, close_notify is sent (unless the
     * peer already closed TCP), and the peer's close_notify (or its EOF) is awaited, discarding
     * data, for at most the shutdown timeout. FLUSHING only lasts while the application has
     * paused reading after the peer's EOF (asyncio's eof_received returning True), so the data
     * already received can still be read. The application's protocol goes INIT ->
     * CON_MADE -> EOF -> CON_LOST (appState); startTls starts it at CON_MADE.
     *
     * Reading. pump() is the only reader of the engine's input and is not re-entrant: a call
     * made from a callback it invoked (the application closing the transport in dataReceived)
     * only asks for another round (pumpAgain). The input is `input` (read mode): the loop's
     * shared sslIn during a read from a socket transport (getBuffer copies the stash in front of
     * the new bytes), else the per-connection `stash`. When the pump ends, what is left (a partial
     * record, or everything while a delegated task runs or the application holds reading) moves
     * to the stash. Plaintext the application could not take (a record bigger than its buffer,
     * data that came with the last handshake message) waits in pendingPlain.
     *
     * Shared buffers (LoopNet). sslIn may hold this connection's unread input while a user
     * callback runs: harmless, since only a selector event reads a socket and those are never
     * nested. sslPlain never holds anything across a user callback (it is copied into the new
     * array, or into pendingPlain, first). sslOut is only used inside wrapAndSend, which calls no
     * user code (the socket transport's pauseWriting, which it may trigger, is acted on after).
     * A TLS layer on a transport that is not a socket transport (TLS in TLS) reads into its own
     * stash rather than sslIn, which the layer below is reading from.
     *
     * Writing. Small writes are copied into the backlog and encrypted together: at the end of the
     * pump when the protocol wrote as it received, else at the end of the loop iteration
     * (LoopInternals.atIterationEnd, before the loop next waits), so many small writes make few
     * records and one send, with no extra iteration; a write of a record or more is encrypted at
     * once from the caller's array. Records go to the
     * transport below as soon as they are made; it buffers what the socket does not take. The
     * application's pauseWriting/resumeWriting follow backlog + the transport's buffer against
     * this transport's water marks, which are also set on the transport below so its
     * resumeWriting comes at the right moment.
     *
     * Faults. A TLS error (SSLException, an IOException as asyncio's SSLError is an OSError) is
     * only logged in debug mode; the alert the engine prepared is sent, then the transport is
     * aborted and the application's connectionLost receives the error (closeCause). An EOF
     * during the handshake fails it; an EOF in the middle of a record is an SSLException; an EOF
     * between records without close_notify is a plain EOF, as in asyncio (eofReceived, then
     * connectionLost(null)). After the first handshake, TLS 1.2 renegotiation is refused (a fatal
     * SSLException); TLS 1.3 post-handshake messages (KeyUpdate, NewSessionTicket) are handled.
     */

    private static final System.Logger LOG = System.getLogger("dev.asyncio4j");
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** A write of at least this much (one full record) is encrypted at once, not batched. */
    private static final int DIRECT_WRAP = 16 * 1024;
    /** The backlog's first size; a larger one is dropped once empty, so an idle connection is small. */
    private static final int BACKLOG_SIZE = 4 * 1024;
    /** A stash grown beyond this (the application held reading) is dropped once empty. */
    private static final int STASH_KEEP = 32 * 1024;
    private static final int TLS_HEADER = 5;

    enum State { UNWRAPPED, DO_HANDSHAKE, WRAPPED, FLUSHING, SHUTDOWN }

    enum AppState { INIT, CON_MADE, EOF, CON_LOST }

    /** What an unwrapping round ended with. */
    private enum Unwrapped { UNDERFLOW, FULL, CLOSED, STOPPED }

    private final EventLoop loop;
    private final LoopNet net;
    private final SSLEngine engine;
    private final SSLContext context;
    private final boolean serverSide;
    private final Duration handshakeTimeout;
    private final Duration shutdownTimeout;
    private final SslTransport appTransport;
    private final ByteBuffer[] scatter = new ByteBuffer[2];
    private BaseProtocol<Transport> app;
    private boolean appBuffered;
    private Future<Void> waiter;
    private Transport transport;
    private boolean sharedInput;
    private State state = State.UNWRAPPED;
    private AppState appState;
    private TimerHandle handshakeTimer;
    private TimerHandle shutdownTimer;
    private double handshakeStart;
    private boolean handshaken;
    private boolean tls13;
    private boolean shutdownDone;
    private int packetSize;
    // What the application's connectionLost receives when this layer closes the transport below.
    private Exception closeCause;
    private boolean closeRequested;

    // Reading. Invariant: input is non-null only inside pump; stash and pendingPlain are in read mode.
    private ByteBuffer input;
    private ByteBuffer readTarget;
    private boolean readingIntoStash;
    private ByteBuffer stash;
    private ByteBuffer pendingPlain;
    private boolean eofReceived;
    private boolean appReadingPaused;
    private boolean socketReadingPaused;
    private boolean taskRunning;
    private boolean pumping;
    private boolean pumpAgain;

    // Writing. Invariant: backlog is in write mode; flushScheduled iff flushTask awaits the iteration's end.
    private ByteBuffer backlog;
    private boolean flushScheduled;
    private boolean wrapping;
    private boolean appWritingPaused;
    private int highWater = WriteTransport.DEFAULT_HIGH_WATER;
    private int lowWater = WriteTransport.DEFAULT_LOW_WATER;
    private final Runnable flushTask = this::flushLater;
    private final Runnable resumeTask = this::resumeLater;

    /**
     * A TLS layer for {@code app}, to be made the protocol of a transport whose
     * {@code connectionMade} then starts the handshake.
     *
     * @param waiter completed when the handshake has succeeded (and {@code app} was told), or
     *     failed with its error; null for none
     * @param callConnectionMade whether {@code app} hears {@code connectionMade} after the
     *     handshake (false for startTls, whose protocol is already connected)
     */
    SslProtocol(EventLoop loop, BaseProtocol<Transport> app, SSLEngine engine, SSLContext context, boolean serverSide,
            SslOptions options, Future<Void> waiter, boolean callConnectionMade) {
        this.loop = loop;
        this.net = LoopNet.of(loop);
        this.engine = engine;
        this.context = context;
        this.serverSide = serverSide;
        this.handshakeTimeout = options.effectiveHandshakeTimeout();
        this.shutdownTimeout = options.effectiveShutdownTimeout();
        this.waiter = waiter;
        this.appState = callConnectionMade ? AppState.INIT : AppState.CON_MADE;
        this.packetSize = engine.getSession().getPacketBufferSize();
        setAppProtocol(app);
        this.appTransport = new SslTransport(this);
    }

    /** The transport the application's protocol sees. */
    SslTransport appTransport() {
        return appTransport;
    }

    void setAppProtocol(BaseProtocol<Transport> protocol) {
        Objects.requireNonNull(protocol, "protocol");
        if (!(protocol instanceof Protocol) && !(protocol instanceof BufferedProtocol)) {
            throw new IllegalArgumentException("a Protocol or a BufferedProtocol was expected, got " + protocol);
        }
        this.app = protocol;
        this.appBuffered = protocol instanceof BufferedProtocol;
    }

    BaseProtocol<Transport> appProtocol() {
        return app;
    }

    // ---------------------------------------------------------------- the transport below

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        this.sharedInput = transport instanceof SocketTransport;
        transport.setWriteBufferLimits(highWater, lowWater);
        startHandshake();
    }

    @Override
    public void connectionLost(Exception exc) {
        Exception cause = exc != null ? exc : closeCause;
        backlog = null;
        stash = null;
        pendingPlain = null;
        appTransport.markClosed();
        boolean handshaking = state == State.DO_HANDSHAKE;
        if (!handshaking && (appState == AppState.CON_MADE || appState == AppState.EOF)) {
            appState = AppState.CON_LOST;
            try {
                app.connectionLost(cause);
            } catch (Throwable e) {
                rethrowFatal(e);
                reportError("Exception in protocol.connection_lost()", e);
            }
        }
        state = State.UNWRAPPED;
        wakeUpWaiter(cause != null ? cause : !handshaking ? null
                : eofReceived ? handshakeEof() : new SSLHandshakeException("Connection closed during the TLS handshake"));
        cancelTimers();
        transport = null;
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        if (sharedInput && (stash == null || stash.remaining() <= LoopNet.SSL_READ_SIZE / 2)) {
            ByteBuffer buffer = net.sslIn();
            if (stash != null && stash.hasRemaining()) {
                // The stash stays authoritative until bufferUpdated: a read may end in EOF instead.
                buffer.put(stash.duplicate());
            }
            readTarget = buffer;
            readingIntoStash = false;
            return buffer;
        }
        // Layered on another transport (TLS in TLS): read into the stash's free end. The stash
        // stays in read mode, as getBuffer may come without bufferUpdated (asyncio's contract).
        int room = Math.max(packetSize, 16 * 1024);
        if (stash == null) {
            stash = ByteBuffer.allocate(room + packetSize).limit(0);
        } else if (stash.capacity() - stash.limit() < room) {
            if (stash.capacity() - stash.remaining() >= room) {
                stash.compact().flip();
            } else {
                ByteBuffer larger = ByteBuffer.allocate(stash.remaining() + room + packetSize);
                larger.put(stash).flip();
                stash = larger;
            }
        }
        ByteBuffer view = stash.duplicate();
        view.position(stash.limit()).limit(stash.capacity());
        readTarget = view;
        readingIntoStash = true;
        return view;
    }

    @Override
    public void bufferUpdated(int nbytes) {
        ByteBuffer buffer = readTarget;
        readTarget = null;
        if (buffer != null && !readingIntoStash) {
            buffer.flip();
            if (stash != null) {
                stash.position(stash.limit()); // its bytes are at the front of the shared buffer
            }
        } else {
            stash.limit(stash.limit() + nbytes);
            buffer = stash;
        }
        if (state == State.UNWRAPPED) {
            buffer.position(buffer.limit());
            return;
        }
        input = buffer;
        pump();
    }

    @Override
    public boolean eofReceived() {
        eofReceived = true;
        if (loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, this + " received EOF");
        }
        switch (state) {
            case DO_HANDSHAKE -> {
                if (!taskRunning) {
                    onHandshakeComplete(handshakeEof());
                }
                // else: the task's completion resumes the handshake, which then sees the EOF.
            }
            case WRAPPED -> {
                state = State.FLUSHING;
                if (appReadingPaused && !closeRequested) {
                    return true; // the data received can still be read once reading resumes
                }
                pump();
            }
            case FLUSHING, SHUTDOWN -> pump();
            default -> {}
        }
        return false;
    }

    private static SSLHandshakeException handshakeEof() {
        SSLHandshakeException error = new SSLHandshakeException("Remote host terminated the handshake");
        error.initCause(new java.io.EOFException("the peer closed the connection during the TLS handshake"));
        return error;
    }

    @Override
    public void pauseWriting() {
        if (!wrapping) {
            controlAppWriting();
        }
    }

    @Override
    public void resumeWriting() {
        if (!wrapping) {
            controlAppWriting();
        }
    }

    // ---------------------------------------------------------------- the pump

    private void pump() {
        if (pumping) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        try {
            if (input == null && stash != null && stash.hasRemaining()) {
                input = stash;
            }
            do {
                pumpAgain = false;
                if (taskRunning) {
                    break;
                }
                try {
                    switch (state) {
                        case DO_HANDSHAKE -> handshakeStep();
                        case WRAPPED -> readStep();
                        case FLUSHING -> flushStep();
                        case SHUTDOWN -> shutdownStep();
                        case UNWRAPPED -> {}
                    }
                } catch (Exception e) {
                    if (state == State.DO_HANDSHAKE) {
                        onHandshakeComplete(e);
                    } else {
                        fatalError(e, "Fatal error on SSL protocol");
                    }
                }
            } while (pumpAgain && state != State.UNWRAPPED);
        } finally {
            pumping = false;
            saveInput();
        }
        controlSocketReading();
        if (backlog != null && backlog.position() > 0 && canWrap()) {
            // Written by the protocol as it received (an echo, an answer), or while a delegated
            // task ran: send it now, in this same ready item, rather than an iteration later.
            flushNow();
        }
    }

    /** Moves what is left of the input into the stash. */
    private void saveInput() {
        ByteBuffer current = input;
        input = null;
        if (current == null || current == stash) {
            // Read from the stash: drop it once empty, unless it is this layer's read buffer.
            if (stash != null && !stash.hasRemaining() && (sharedInput || stash.capacity() > STASH_KEEP)) {
                stash = null;
            }
            return;
        }
        if (state == State.UNWRAPPED || !current.hasRemaining()) {
            stash = null; // nothing left over: an idle connection keeps no buffer
            return;
        }
        int left = current.remaining();
        if (stash == null || stash.capacity() < left) {
            stash = ByteBuffer.allocate(Math.max(left, packetSize));
        }
        stash.clear();
        stash.put(current).flip();
    }

    // ---------------------------------------------------------------- handshake

    private void startHandshake() {
        state = State.DO_HANDSHAKE;
        if (loop.getDebug()) {
            handshakeStart = loop.time();
            LOG.log(System.Logger.Level.DEBUG, this + " starts SSL handshake");
        }
        handshakeTimer = loop.callLater(handshakeTimeout, this::checkHandshakeTimeout);
        try {
            engine.beginHandshake();
        } catch (SSLException | RuntimeException e) {
            onHandshakeComplete(e);
            return;
        }
        pump();
    }

    private void checkHandshakeTimeout() {
        handshakeTimer = null;
        if (state == State.DO_HANDSHAKE) {
            onHandshakeComplete(new SSLHandshakeException("SSL handshake is taking longer than "
                    + seconds(handshakeTimeout) + " seconds: aborting the connection"));
        }
    }

    /** A duration as Python prints a float of seconds: 60.0, 0.1. */
    static String seconds(Duration duration) {
        return String.valueOf(duration.toNanos() / 1e9);
    }

    private void handshakeStep() throws SSLException {
        while (state == State.DO_HANDSHAKE && !taskRunning) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrapAndSend(EMPTY);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapHandshake()) {
                        if (eofReceived) {
                            throw handshakeEof();
                        }
                        return;
                    }
                }
                case NEED_TASK -> startDelegatedTasks();
                case FINISHED, NOT_HANDSHAKING -> onHandshakeComplete(null);
            }
        }
    }

    /** One unwrap during the handshake; false when more data is needed. */
    private boolean unwrapHandshake() throws SSLException {
        ByteBuffer in = input;
        if (in == null || !in.hasRemaining()) {
            return false;
        }
        ByteBuffer plain = net.sslPlain();
        SSLEngineResult result = engine.unwrap(in, plain);
        if (plain.position() > 0) {
            // Application data right behind the peer's last handshake message.
            plain.flip();
            addPendingPlain(plain);
        }
        return switch (result.getStatus()) {
            case OK -> true;
            case BUFFER_UNDERFLOW -> false;
            case CLOSED -> throw new SSLHandshakeException("The peer closed the TLS connection during the handshake");
            case BUFFER_OVERFLOW -> throw new SSLException("TLS record too large: " + in.remaining() + " bytes pending");
        };
    }

    private void onHandshakeComplete(Exception error) {
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
            handshakeTimer = null;
        }
        if (error != null) {
            state = State.UNWRAPPED;
            if (error instanceof SSLException && !(error instanceof SSLHandshakeException)) {
                // Garbage instead of a handshake: the JDK says SSLException; a handshake failed.
                SSLHandshakeException failed = new SSLHandshakeException(error.getMessage());
                failed.initCause(error);
                error = failed;
            }
            String message = error.getCause() instanceof java.security.cert.CertificateException
                    ? "SSL handshake failed on verifying the certificate" : "SSL handshake failed";
            fatalError(error, message);
            wakeUpWaiter(error);
            return;
        }
        state = State.WRAPPED;
        handshaken = true;
        tls13 = "TLSv1.3".equals(engine.getSession().getProtocol());
        packetSize = Math.max(packetSize, engine.getSession().getPacketBufferSize());
        if (loop.getDebug()) {
            LOG.log(System.Logger.Level.DEBUG, this + ": SSL handshake took "
                    + String.format(java.util.Locale.ROOT, "%.1f", (loop.time() - handshakeStart) * 1e3) + " ms");
        }
        if (appState == AppState.INIT) {
            appState = AppState.CON_MADE;
            try {
                app.connectionMade(appTransport);
            } catch (Throwable e) {
                rethrowFatal(e);
                if (waiter != null && !waiter.isDone()) {
                    wakeUpWaiter(asException(e));
                    closeCause = asException(e);
                    abortBelow();
                } else {
                    fatalError(e, "Fatal error: protocol.connection_made() call failed.");
                }
                return;
            }
        }
        wakeUpWaiter(null);
        pumpAgain = true; // read what came with the handshake
    }

    private void wakeUpWaiter(Exception error) {
        Future<Void> current = waiter;
        if (current == null) {
            return;
        }
        waiter = null;
        if (!current.isDone()) {
            if (error == null) {
                current.setResult(null);
            } else {
                current.setException(error);
            }
        }
    }

    private void startDelegatedTasks() throws SSLException {
        taskRunning = true;
        controlSocketReading();
        Future<Void> done;
        try {
            done = loop.runInExecutor(null, this::runDelegatedTasks);
        } catch (RuntimeException e) {
            taskRunning = false;
            throw new SSLException("cannot run the TLS engine's delegated task: " + e.getMessage(), e);
        }
        done.addDoneCallback(this::delegatedTasksDone);
    }

    /** Runs on the default executor, while the loop leaves the engine alone. */
    private Void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        return null;
    }

    private void delegatedTasksDone(Future<Void> done) {
        taskRunning = false;
        if (state == State.UNWRAPPED) {
            return;
        }
        Throwable error = done.isCancelled() ? new CancelledException("delegated task cancelled") : done.exception();
        if (error != null) {
            if (state == State.DO_HANDSHAKE) {
                onHandshakeComplete(asException(error));
            } else {
                fatalError(error, "Fatal error on SSL protocol");
            }
            return;
        }
        pump();
    }

    // ---------------------------------------------------------------- reading

    private void readStep() throws Exception {
        if (appReadingPaused) {
            return;
        }
        boolean closeNotify = appBuffered ? readIntoAppBuffer() : readCopied();
        if (state != State.WRAPPED && state != State.FLUSHING || taskRunning || appReadingPaused) {
            return;
        }
        if (closeNotify) {
            callEofReceived();
            startShutdown();
        } else if (eofReceived && input != null && input.hasRemaining()) {
            throw new SSLException("EOF occurred in violation of protocol: the peer closed the connection"
                    + " in the middle of a TLS record (" + input.remaining() + " bytes of it received)");
        }
    }

    private void flushStep() throws Exception {
        readStep();
        if (state == State.FLUSHING && !taskRunning && !(appReadingPaused && eofReceived && !closeRequested)) {
            enterShutdown();
        }
    }

    /** Decrypts every whole record into one new array for a {@link Protocol}; true at close_notify. */
    private boolean readCopied() throws Exception {
        while (true) {
            ByteBuffer plain = net.sslPlain();
            if (pendingPlain != null) {
                plain.put(pendingPlain);
                pendingPlain = null;
            }
            Unwrapped outcome = unwrapAll(plain);
            if (plain.position() > 0) {
                byte[] data = new byte[plain.position()];
                plain.get(0, data, 0, data.length);
                try {
                    ((Protocol) app).dataReceived(data);
                } catch (Throwable e) {
                    fatalError(e, "Fatal error: protocol.data_received() call failed.");
                    return false;
                }
            }
            if (outcome != Unwrapped.FULL || state != State.WRAPPED && state != State.FLUSHING || appReadingPaused) {
                return outcome == Unwrapped.CLOSED;
            }
        }
    }

    /** Decrypts straight into a {@link BufferedProtocol}'s buffers; true at close_notify. */
    private boolean readIntoAppBuffer() throws Exception {
        BufferedProtocol target = (BufferedProtocol) app;
        Unwrapped outcome = Unwrapped.UNDERFLOW;
        while ((state == State.WRAPPED || state == State.FLUSHING) && !appReadingPaused && !taskRunning) {
            boolean pending = pendingPlain != null && pendingPlain.hasRemaining();
            if (!pending && (outcome == Unwrapped.CLOSED || !hasWholeRecord(input))) {
                break;
            }
            ByteBuffer buffer;
            try {
                buffer = target.getBuffer(pending ? pendingPlain.remaining() : input.remaining());
                if (buffer == null || !buffer.hasRemaining()) {
                    throw new IllegalStateException("get_buffer() returned an empty buffer");
                }
            } catch (Throwable e) {
                fatalError(e, "Fatal error: protocol.get_buffer() call failed.");
                return false;
            }
            int start = buffer.position();
            if (pending) {
                int count = Math.min(buffer.remaining(), pendingPlain.remaining());
                buffer.put(buffer.position(), pendingPlain, pendingPlain.position(), count);
                buffer.position(buffer.position() + count);
                pendingPlain.position(pendingPlain.position() + count);
            }
            while (buffer.hasRemaining() && (pendingPlain == null || !pendingPlain.hasRemaining())
                    && outcome != Unwrapped.CLOSED && !taskRunning) {
                ByteBuffer spill = net.sslPlain();
                scatter[0] = buffer;
                scatter[1] = spill;
                SSLEngineResult result;
                try {
                    result = input == null ? null : engine.unwrap(input, scatter);
                } finally {
                    scatter[0] = null;
                    scatter[1] = null;
                }
                if (result == null || result.getStatus() == Status.BUFFER_UNDERFLOW) {
                    outcome = Unwrapped.UNDERFLOW;
                    break;
                }
                if (spill.position() > 0) {
                    spill.flip();
                    addPendingPlain(spill);
                }
                if (result.getStatus() == Status.CLOSED) {
                    outcome = Unwrapped.CLOSED;
                } else if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                    throw new SSLException("TLS record larger than the receive buffers");
                } else {
                    outcome = Unwrapped.UNDERFLOW;
                    afterRecord(result.getHandshakeStatus());
                }
            }
            int count = buffer.position() - start;
            if (count > 0) {
                try {
                    target.bufferUpdated(count);
                } catch (Throwable e) {
                    fatalError(e, "Fatal error: protocol.buffer_updated() call failed.");
                    return false;
                }
            } else if (!pending) {
                break;
            }
        }
        return outcome == Unwrapped.CLOSED && (pendingPlain == null || !pendingPlain.hasRemaining());
    }

    /** Whether {@code buffer} holds at least one whole TLS record (by its 5-byte header). */
    private static boolean hasWholeRecord(ByteBuffer buffer) {
        if (buffer == null || !buffer.hasRemaining()) {
            return false;
        }
        int at = buffer.position();
        int type = buffer.get(at) & 0xFF;
        if (type < 20 || type > 24) {
            return true; // not a TLS record: let the engine say what is wrong
        }
        if (buffer.remaining() < TLS_HEADER) {
            return false;
        }
        int length = ((buffer.get(at + 3) & 0xFF) << 8) | (buffer.get(at + 4) & 0xFF);
        return buffer.remaining() >= TLS_HEADER + length;
    }

    /** Unwraps records into {@code plain} until the input runs out, plain fills, or close_notify. */
    private Unwrapped unwrapAll(ByteBuffer plain) throws SSLException {
        while (true) {
            if (input == null || !input.hasRemaining()) {
                return Unwrapped.UNDERFLOW;
            }
            SSLEngineResult result = engine.unwrap(input, plain);
            switch (result.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    return Unwrapped.UNDERFLOW;
                }
                case BUFFER_OVERFLOW -> {
                    return Unwrapped.FULL;
                }
                case CLOSED -> {
                    return Unwrapped.CLOSED;
                }
                case OK -> {
                    afterRecord(result.getHandshakeStatus());
                    if (taskRunning) {
                        return Unwrapped.STOPPED;
                    }
                }
            }
        }
    }

    /**
     * Handles what the engine wants after a record once the first handshake is done: TLS 1.3
     * post-handshake messages are answered; anything else is a renegotiation, refused.
     */
    private void afterRecord(HandshakeStatus status) throws SSLException {
        switch (status) {
            case NOT_HANDSHAKING, FINISHED -> {}
            default -> {
                if (engine.isInboundDone() || engine.isOutboundDone()) {
                    return; // closing (TLS 1.2 wants to answer close_notify): enterShutdown does it
                }
                if (!tls13) {
                    throw new SSLException("TLS renegotiation is not supported: the peer started a new handshake");
                }
                if (status == HandshakeStatus.NEED_TASK) {
                    startDelegatedTasks();
                } else if (status == HandshakeStatus.NEED_WRAP) {
                    wrapAndSend(EMPTY); // a KeyUpdate answer
                }
            }
        }
    }

    private void addPendingPlain(ByteBuffer data) {
        if (pendingPlain == null) {
            pendingPlain = ByteBuffer.allocate(Math.max(data.remaining(), 1024));
            pendingPlain.limit(0);
        }
        pendingPlain.compact();
        if (pendingPlain.remaining() < data.remaining()) {
            ByteBuffer larger = ByteBuffer.allocate(pendingPlain.position() + data.remaining());
            pendingPlain.flip();
            larger.put(pendingPlain);
            pendingPlain = larger;
        }
        pendingPlain.put(data).flip();
    }

    private void callEofReceived() {
        if (appState != AppState.CON_MADE) {
            return;
        }
        appState = AppState.EOF;
        try {
            boolean keepOpen = app instanceof BufferedProtocol buffered ? buffered.eofReceived()
                    : ((Protocol) app).eofReceived();
            if (keepOpen) {
                LOG.log(System.Logger.Level.WARNING, "returning true from eof_received() has no effect when using ssl");
            }
        } catch (Throwable e) {
            fatalError(e, "Error calling eof_received()");
        }
    }

    // ---------------------------------------------------------------- closing

    /** The application closes: asyncio's {@code _start_shutdown}. */
    void close() {
        closeRequested = true;
        startShutdown();
    }

    private void startShutdown() {
        switch (state) {
            case DO_HANDSHAKE -> abort();
            case WRAPPED -> {
                state = State.FLUSHING;
                shutdownTimer = loop.callLater(shutdownTimeout, this::checkShutdownTimeout);
                pump();
            }
            case FLUSHING -> pump(); // waiting for the application to read after EOF; closing ends that
            default -> {}
        }
    }

    private void checkShutdownTimeout() {
        shutdownTimer = null;
        if ((state == State.FLUSHING || state == State.SHUTDOWN) && transport != null) {
            closeCause = new TimeoutException("SSL shutdown timed out");
            abortBelow();
        }
    }

    /** Encrypts the backlog and, unless the peer closed TCP, sends close_notify. */
    private void enterShutdown() throws SSLException {
        state = State.SHUTDOWN;
        pendingPlain = null;
        if (shutdownTimer == null && !shutdownDone) {
            shutdownTimer = loop.callLater(shutdownTimeout, this::checkShutdownTimeout);
        }
        flushWrites();
        if (!eofReceived && !engine.isOutboundDone()) {
            engine.closeOutbound();
            wrapAndSend(EMPTY);
        }
        pumpAgain = true;
    }

    private void shutdownStep() throws SSLException {
        if (shutdownDone) {
            return;
        }
        if (!eofReceived && !engine.isInboundDone()) {
            // Discard what the peer still sends until its close_notify.
            Unwrapped outcome;
            do {
                outcome = unwrapAll(net.sslPlain());
            } while (outcome == Unwrapped.FULL);
            if (outcome != Unwrapped.CLOSED && !engine.isInboundDone()) {
                return;
            }
        }
        shutdownDone = true;
        if (shutdownTimer != null) {
            shutdownTimer.cancel();
            shutdownTimer = null;
        }
        callEofReceived();
        if (transport != null) {
            transport.close();
        }
    }

    /** The application aborts: asyncio's {@code _abort}. */
    void abort() {
        if (state == State.WRAPPED && canWrap()) {
            // Hand the batch to the socket, as asyncio would have at each write: what the
            // kernel takes now still goes out; the rest is dropped with the socket's buffer.
            try {
                flushWrites();
            } catch (SSLException ignored) {
                // Aborting anyway.
            }
        }
        state = State.UNWRAPPED;
        cancelTimers();
        abortBelow();
    }

    private void abortBelow() {
        Transport below = transport;
        if (below != null) {
            below.abort();
        }
    }

    private void cancelTimers() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
            handshakeTimer = null;
        }
        if (shutdownTimer != null) {
            shutdownTimer.cancel();
            shutdownTimer = null;
        }
    }

    /**
     * Reports a failure and aborts the transport below, so the application's connectionLost
     * receives {@code error}: asyncio's {@code _fatal_error}. A TLS error's alert goes out first.
     * An I/O error (a TLS error is one) is the peer's doing and only logged in debug mode.
     */
    private void fatalError(Throwable error, String message) {
        rethrowFatal(error);
        Exception cause = asException(error);
        if (transport != null) {
            if (error instanceof SSLException && !taskRunning) {
                sendAlert();
            }
            closeCause = cause;
            abortBelow();
        }
        if (error instanceof IOException) {
            if (loop.getDebug()) {
                LOG.log(System.Logger.Level.DEBUG, this + ": " + message, error);
            }
        } else if (!(error instanceof CancelledException)) {
            reportError(message, error);
        }
    }

    /** Sends the alert the engine prepared after an error, if it can. */
    private void sendAlert() {
        try {
            ByteBuffer out = net.sslOut();
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                SSLEngineResult result = engine.wrap(EMPTY, out);
                if (result.bytesProduced() == 0) {
                    break;
                }
            }
            out.flip();
            if (out.hasRemaining() && transport != null && !transport.isClosing()) {
                transport.write(out);
            }
        } catch (Exception ignored) {
            // Best effort: the connection is being aborted anyway.
        }
    }

    private void reportError(String message, Throwable error) {
        loop.callExceptionHandler(ExceptionContext.of(message, error)
                .with("transport", appTransport).with("protocol", this));
    }

    // ---------------------------------------------------------------- writing

    /** Checks that the application may write, as a closed socket transport would. */
    private void checkWritable(String method) {
        if (appTransport.isClosing() || state != State.WRAPPED) {
            throw new IllegalStateException("Cannot call " + method + " on a closed transport");
        }
        Transport below = transport;
        if (below == null || below.isClosing()) {
            throw new IllegalStateException("Cannot call " + method + " on a closed transport (the connection was lost)");
        }
    }

    void write(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        checkWritable("write()");
        if (length == 0) {
            return;
        }
        if ((backlog == null || backlog.position() == 0) && length >= DIRECT_WRAP && canWrap()) {
            ByteBuffer source = ByteBuffer.wrap(data, offset, length);
            try {
                wrapAndSend(source);
            } catch (SSLException e) {
                fatalError(e, "Fatal error on SSL protocol");
                return;
            }
            if (source.hasRemaining()) {
                appendBacklog(data, source.position(), source.remaining());
                scheduleFlush();
            }
        } else {
            appendBacklog(data, offset, length);
            afterAppend();
        }
        controlAppWriting();
    }

    void write(ByteBuffer data) {
        checkWritable("write()");
        int length = data.remaining();
        if (length == 0) {
            return;
        }
        ensureBacklog(length);
        backlog.put(data);
        afterAppend();
        controlAppWriting();
    }

    void writelines(Iterable<byte[]> data) {
        checkWritable("writelines()");
        for (byte[] chunk : data) {
            Objects.requireNonNull(chunk, "writelines() element");
            appendBacklog(chunk, 0, chunk.length);
        }
        afterAppend();
        controlAppWriting();
    }

    private void appendBacklog(byte[] data, int offset, int length) {
        ensureBacklog(length);
        backlog.put(data, offset, length);
    }

    private void ensureBacklog(int more) {
        if (backlog == null) {
            backlog = ByteBuffer.allocate(Math.max(BACKLOG_SIZE, more));
        } else if (backlog.remaining() < more) {
            long wanted = Math.max((long) backlog.capacity() * 2, (long) backlog.position() + more);
            ByteBuffer larger = ByteBuffer.allocate((int) Math.min(wanted, Integer.MAX_VALUE - 8));
            backlog.flip();
            larger.put(backlog);
            backlog = larger;
        }
    }

    private void afterAppend() {
        if (backlog != null && backlog.position() >= DIRECT_WRAP && canWrap()) {
            try {
                flushWrites();
            } catch (SSLException e) {
                fatalError(e, "Fatal error on SSL protocol");
            }
        } else {
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        if (!flushScheduled && backlog != null && backlog.position() > 0) {
            flushScheduled = true;
            LoopInternals.get().atIterationEnd(loop, flushTask);
        }
    }

    private void flushLater() {
        flushScheduled = false;
        flushNow();
    }

    /** Encrypts and sends the backlog, then pauses or resumes the application's writing. */
    private void flushNow() {
        if (!canWrap()) {
            return;
        }
        try {
            flushWrites();
        } catch (SSLException e) {
            fatalError(e, "Fatal error on SSL protocol");
            return;
        }
        controlAppWriting();
    }

    private boolean canWrap() {
        return transport != null && !taskRunning && !engine.isOutboundDone()
                && (state == State.WRAPPED || state == State.FLUSHING || state == State.SHUTDOWN);
    }

    /** Encrypts the backlog and hands the records to the transport below. */
    private void flushWrites() throws SSLException {
        ByteBuffer pending = backlog;
        if (pending == null || pending.position() == 0 || !canWrap()) {
            return;
        }
        pending.flip();
        try {
            wrapAndSend(pending);
        } finally {
            pending.compact();
        }
        if (pending.position() == 0 && pending.capacity() > BACKLOG_SIZE) {
            backlog = null;
        }
    }

    /**
     * Encrypts {@code source} (or, when empty, what the handshake or closing wants to send) into
     * the shared buffer, handing it to the transport below whenever it cannot take a whole record
     * more. Stops early, leaving the rest of {@code source}, when the engine must first read or
     * run a task.
     */
    private void wrapAndSend(ByteBuffer source) throws SSLException {
        ByteBuffer out = net.sslOut();
        wrapping = true;
        try {
            while (true) {
                if (out.remaining() < packetSize) {
                    send(out);
                }
                SSLEngineResult result = engine.wrap(source, out);
                Status status = result.getStatus();
                if (status == Status.BUFFER_OVERFLOW) {
                    if (out.position() == 0) {
                        packetSize = Math.max(packetSize * 2, engine.getSession().getPacketBufferSize());
                        if (packetSize > out.capacity()) {
                            throw new SSLException("TLS record larger than the send buffer: " + packetSize);
                        }
                    }
                    send(out);
                    continue;
                }
                if (status == Status.CLOSED || result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                    break; // closed (close_notify or an alert went out), or it must read or run a task first
                }
                HandshakeStatus handshake = result.getHandshakeStatus();
                if (handshake == HandshakeStatus.NEED_WRAP) {
                    continue;
                }
                if (state != State.DO_HANDSHAKE && handshake != HandshakeStatus.NOT_HANDSHAKING
                        && handshake != HandshakeStatus.FINISHED) {
                    afterRecord(handshake);
                    break;
                }
                if (!source.hasRemaining()) {
                    break;
                }
            }
            send(out);
        } finally {
            wrapping = false;
        }
    }

    private void send(ByteBuffer out) {
        out.flip();
        Transport below = transport;
        if (out.hasRemaining() && below != null && !below.isClosing()) {
            try {
                below.write(out);
            } catch (IllegalStateException gone) {
                // The transport below is going away (a TLS layer below us closing): its
                // connectionLost follows and ends this layer too.
            }
        }
        out.clear();
    }

    int getWriteBufferSize() {
        Transport below = transport;
        return (backlog == null ? 0 : backlog.position()) + (below == null ? 0 : below.getWriteBufferSize());
    }

    int highWater() {
        return highWater;
    }

    int lowWater() {
        return lowWater;
    }

    void setWriteBufferLimits(int high, int low) {
        new dev.asyncio4j.net.WriteBufferLimits(low, high); // checks high >= low >= 0
        highWater = high;
        lowWater = low;
        Transport below = transport;
        if (below != null && !below.isClosing()) {
            below.setWriteBufferLimits(high, low);
        }
        controlAppWriting();
    }

    /** Pauses or resumes the application's writing: asyncio's {@code _control_app_writing}. */
    private void controlAppWriting() {
        if (appState != AppState.CON_MADE && appState != AppState.EOF) {
            return;
        }
        int size = getWriteBufferSize();
        boolean pause = size > highWater && !appWritingPaused;
        if (!pause && !(size <= lowWater && appWritingPaused)) {
            return;
        }
        appWritingPaused = pause;
        try {
            if (pause) {
                app.pauseWriting();
            } else {
                app.resumeWriting();
            }
        } catch (Throwable e) {
            rethrowFatal(e);
            reportError(pause ? "protocol.pause_writing() failed" : "protocol.resume_writing() failed", e);
        }
    }

    boolean appWritingPaused() {
        return appWritingPaused;
    }

    // ---------------------------------------------------------------- reading control

    boolean isAppReading() {
        return !appReadingPaused;
    }

    void pauseReading() {
        appReadingPaused = true;
        controlSocketReading();
    }

    void resumeReading() {
        if (appReadingPaused) {
            appReadingPaused = false;
            loop.callSoon(resumeTask);
        }
    }

    private void resumeLater() {
        if (state == State.UNWRAPPED || appReadingPaused) {
            return;
        }
        pump();
    }

    /** Reads from the socket unless a delegated task runs or the application holds reading. */
    private void controlSocketReading() {
        Transport below = transport;
        if (below == null || state == State.UNWRAPPED) {
            return;
        }
        boolean hold = taskRunning || appReadingPaused && (state == State.WRAPPED || state == State.FLUSHING);
        if (hold && !socketReadingPaused) {
            socketReadingPaused = true;
            below.pauseReading();
        } else if (!hold && socketReadingPaused) {
            socketReadingPaused = false;
            below.resumeReading();
        }
    }

    // ---------------------------------------------------------------- information

    /**
     * asyncio's {@code _get_extra_info}: after the handshake {@code "peercert"} (Python's
     * getpeercert() map), {@code "peercert_chain"}, {@code "cipher"}, {@code "compression"},
     * {@code "ssl_object"} (the engine), {@code "ssl_session"}, {@code "alpn_protocol"}; at any
     * time {@code "sslcontext"}; then the transport below's.
     */
    Object getExtraInfo(String name, Object defaultValue) {
        if (name.equals("sslcontext")) {
            return context;
        }
        if (handshaken) {
            switch (name) {
                case "peercert":
                    return SslInfo.peercert(engine.getSession());
                case "peercert_chain":
                    return SslInfo.peerChain(engine.getSession());
                case "cipher":
                    return SslInfo.cipher(engine.getSession());
                case "compression":
                    return null;
                case "ssl_object":
                    return engine;
                case "ssl_session":
                    return engine.getSession();
                case "alpn_protocol":
                    String chosen = engine.getApplicationProtocol();
                    return chosen == null || chosen.isEmpty() ? null : chosen;
                default:
                    break;
            }
        }
        Transport below = transport;
        return below != null ? below.getExtraInfo(name, defaultValue) : defaultValue;
    }

    /** The state, lower-case, for toString. */
    String stateName() {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The negotiated protocol version, or null before the handshake. */
    String protocolVersion() {
        return handshaken ? engine.getSession().getProtocol() : null;
    }

    /** {@code SslProtocol[wrapped, server, TLSv1.3, transport=...]}. */
    @Override
    public String toString() {
        return "SslProtocol[" + stateName() + (serverSide ? ", server" : ", client")
                + (handshaken ? ", " + engine.getSession().getProtocol() : "") + ", transport=" + transport + "]";
    }
}
