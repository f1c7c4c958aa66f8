package dev.asyncio4j.http.client;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.http.internal.BodyFraming;
import dev.asyncio4j.http.internal.ContentDecoder;
import dev.asyncio4j.http.internal.HttpParseException;
import dev.asyncio4j.http.internal.ResponseHead;
import dev.asyncio4j.stream.StreamReader;
import java.util.Arrays;

/**
 * One request and its response on one connection: the response head the request task awaits,
 * then the body as it arrives, buffered for {@link ClientResponse#read()} or fed to a
 * {@link StreamReader} once {@link ClientResponse#content()} is asked for. aiohttp keeps this in
 * {@code ResponseHandler} and the response's {@code StreamReader}.
 *
 * <p>Loop-confined.
 */
final class Exchange {
    /*
     * Overview. Phases: head pending (headFuture not done) -> body (head != null) -> complete,
     * or failed (error != null) at any point; complete and failed exclude each other and the
     * first to happen wins. The connection is attached until the response ends (then it is
     * pooled or closed by HttpConnection) or the exchange fails or is released early (then the
     * connection is aborted).
     *
     * Buffering: the body accumulates in `body[0..length)`. While nobody reads it and it is
     * more than `highWater` bytes, reading from the socket pauses (aiohttp's flow control);
     * read() resumes it. A Content-Length body that fits is allocated once at its size, so
     * read() hands out that very array.
     */
    private static final byte[] EMPTY = new byte[0];
    private static final int MAX_PREALLOCATED = 1 << 20;

    final RequestState request;
    private final EventLoop loop;
    final Future<ResponseHead> headFuture;
    final boolean reused;
    HttpConnection connection;
    ResponseHead head;
    boolean gotBytes;
    boolean requestSent;
    /** A CONNECT to a proxy, not a request of the user's. */
    boolean tunnel;
    Task<Void> bodyWriter;

    private final boolean autoDecompress;
    private final long maxBody;
    private final int highWater;
    private final int streamLimit;
    private ContentDecoder decoder;
    private byte[] body = EMPTY;
    private int length;
    private boolean complete;
    private Exception error;
    private Future<Void> waiter;
    private StreamReader stream;
    private boolean reading;
    private boolean pausedByUs;
    private boolean released;
    private byte[] result;

    Exchange(RequestState request, HttpConnection connection, boolean reused, boolean autoDecompress,
            long maxBody, int readBufferSize) {
        this.request = request;
        this.loop = request.loop;
        this.connection = connection;
        this.reused = reused;
        this.headFuture = loop.createFuture();
        this.autoDecompress = autoDecompress;
        this.maxBody = maxBody;
        this.highWater = 2 * readBufferSize;
        this.streamLimit = readBufferSize;
    }

    // ---------------------------------------------------------------- from the connection

    void onHead(ResponseHead h) {
        head = h;
        if (autoDecompress && h.contentEncoding() != null) {
            decoder = ContentDecoder.forEncoding(h.contentEncoding(), maxBody);
        }
        if (decoder == null && h.framing() == BodyFraming.LENGTH && h.contentLength() <= MAX_PREALLOCATED) {
            body = new byte[(int) h.contentLength()];
        }
        if (!headFuture.isDone()) {
            headFuture.setResult(h);
        }
    }

    void onBody(byte[] data, int offset, int n) {
        if (decoder != null) {
            decoder.feed(data, offset, n, this::append);
        } else {
            append(data, offset, n);
        }
    }

    private void append(byte[] data, int offset, int n) {
        if (stream != null) {
            stream.feedData(data, offset, n);
            return;
        }
        int needed = length + n;
        if (needed < 0 || needed > Integer.MAX_VALUE - 16) {
            throw new HttpParseException(413, "body too large to hold in memory; read it from content()", -1);
        }
        if (needed > body.length) {
            body = Arrays.copyOf(body, Math.max(needed, Math.min(Integer.MAX_VALUE - 16, 2 * body.length + 1024)));
        }
        System.arraycopy(data, offset, body, length, n);
        length = needed;
        if (!reading && length > highWater && !pausedByUs && connection != null) {
            pausedByUs = true;
            connection.pauseReading();
        }
    }

    void onComplete() {
        if (decoder != null) {
            decoder.finish();
            decoder.close();
            decoder = null;
        }
        complete = true;
        if (stream != null) {
            stream.feedEof();
        }
        wake();
        request.responseEnded();
    }

    /** The response may be followed by another on the same connection. */
    boolean reusable() {
        return complete && requestSent && head.keepAlive() && !head.upgrade() && !released;
    }

    void detach() {
        connection = null;
    }

    void parseFailed(HttpParseException e) {
        if (head == null && e.status() != 413) {
            fail(new ClientResponseException(request.requestInfo(), request.history(), e.status(), e.detail(), null));
        } else {
            fail(new ClientPayloadException("Response payload is not completed: " + e.getMessage(), e));
        }
    }

    void truncated(HttpParseException e) {
        if (head == null) {
            fail(new ServerDisconnectedException("Server disconnected: " + e.detail(), e));
        } else {
            fail(new ClientPayloadException("Response payload is not completed: " + e.detail(), e));
        }
    }

    void connectionLost(Exception exc) {
        if (head == null) {
            fail(exc == null ? new ServerDisconnectedException()
                    : new ClientOSException(String.valueOf(exc.getMessage()), exc));
        } else {
            fail(new ClientPayloadException("Response payload is not completed",
                    exc != null ? exc : new ServerDisconnectedException()));
        }
    }

    /** Ends the exchange with {@code e}, unless it already ended. The caller closes the connection. */
    void fail(Exception e) {
        if (complete || error != null) {
            return;
        }
        error = e;
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
        if (!headFuture.isDone()) {
            headFuture.setException(e);
        }
        if (stream != null) {
            stream.setException(e);
        }
        if (bodyWriter != null) {
            bodyWriter.cancel();
        }
        wake();
        request.responseEnded();
    }

    /**
     * The request task gave up on this exchange ({@code e} ends it there: a cancellation, a
     * failure of its own): nobody will await the head any more, so it is cancelled rather than
     * failed, and the connection is aborted.
     */
    void abandon(Exception e) {
        if (!headFuture.isDone()) {
            headFuture.cancel();
        }
        fail(e);
        abortConnection();
    }

    /** Gives up the connection, which is in an unknown state: the exchange failed or was abandoned. */
    void abortConnection() {
        HttpConnection c = connection;
        connection = null;
        if (c != null) {
            c.abort();
        }
    }

    private void wake() {
        Future<Void> w = waiter;
        waiter = null;
        if (w != null && !w.isDone()) {
            w.setResult(null);
        }
    }

    // ---------------------------------------------------------------- from the response

    boolean isComplete() {
        return complete;
    }

    boolean isReleased() {
        return released;
    }

    /** The whole body: waits for its end. */
    byte[] readAll() throws Exception {
        if (result != null) {
            return result;
        }
        if (stream != null) {
            result = Asyncio.await(stream.read());
            return result;
        }
        reading = true;
        if (pausedByUs) {
            pausedByUs = false;
            if (connection != null) {
                connection.resumeReading();
            }
        }
        while (!complete) {
            if (error != null) {
                throw error;
            }
            if (released) {
                throw new ClientConnectionException("Connection closed");
            }
            Future<Void> w = loop.createFuture();
            waiter = w;
            try {
                Asyncio.await(w);
            } finally {
                if (waiter == w) {
                    waiter = null;
                }
            }
        }
        result = length == body.length ? body : Arrays.copyOf(body, length);
        body = EMPTY;
        length = 0;
        return result;
    }

    /** The body as a stream, from what has not been read yet. */
    StreamReader stream() {
        if (stream == null) {
            StreamReader s = new StreamReader(streamLimit, loop);
            if (length > 0) {
                s.feedData(body, 0, length);
            }
            body = EMPTY;
            length = 0;
            if (pausedByUs) {
                pausedByUs = false;
                if (connection != null) {
                    connection.resumeReading();
                }
            }
            if (connection != null && connection.transport != null && !complete) {
                s.setTransport(connection.transport);
            }
            if (complete || result != null) {
                s.feedEof();
            } else if (error != null) {
                s.setException(error);
            } else if (released) {
                s.setException(new ClientConnectionException("Connection closed"));
            }
            stream = s;
        }
        return stream;
    }

    /**
     * The user is done with the response. An unfinished body cannot be read any more, and its
     * connection cannot be reused: it is closed.
     */
    void release() {
        if (released) {
            return;
        }
        released = true;
        if (!complete) {
            HttpConnection c = connection;
            connection = null;
            if (error == null) {
                error = new ClientConnectionException("Connection closed");
                if (stream != null) {
                    stream.setException(error);
                }
                if (bodyWriter != null) {
                    bodyWriter.cancel();
                }
                request.responseEnded();
            }
            if (c != null) {
                c.abort();
            }
            body = EMPTY;
            length = 0;
        }
        wake();
    }

    @Override
    public String toString() {
        String phase = error != null ? "failed" : complete ? "complete" : head != null ? "body" : "head pending";
        return "Exchange[" + phase + ", " + length + " bytes buffered]";
    }
}
