package dev.asyncio4j.stream;

import dev.asyncio4j.AsyncIterable;
import dev.asyncio4j.AsyncIterator;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.StopAsyncIterationException;
import dev.asyncio4j.net.ReadTransport;
import dev.asyncio4j.net.Transport;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Bytes received from a connection, read with coroutines: asyncio's {@code StreamReader}.
 *
 * <p>The protocol {@link #feedData feeds} it and {@link #feedEof signals the end}; a task reads
 * with {@link #read(int)}, {@link #readline()}, {@link #readexactly(int)} and
 * {@link #readuntil(byte[])}, waiting (without blocking the loop) until enough has arrived. Only
 * one task may wait for data at a time.
 *
 * <p>The {@link #limit() limit} bounds a line (or any {@code readuntil} chunk) and, at twice its
 * value, the buffer: beyond that the transport is paused until the reader catches up, so a fast
 * peer cannot fill memory.
 *
 * <pre>{@code
 * for (byte[] line : reader) {                         // async for line in reader:
 *     handle(line);
 * }
 * }</pre>
 *
 * <p>Loop-confined.
 */
public final class StreamReader implements AsyncIterable<byte[]> {

    /*
     * Overview for maintainers. The data is buffer[start..end). An array handed over by the
     * transport (feedOwned) is adopted without a copy when the reader is empty, and returned
     * without a copy when a read takes all of it: the echo path costs no copy beyond the
     * transport's. When the buffer empties it is dropped, so an idle connection holds none.
     * waiter is asyncio's _waiter: the future of the one task waiting for data.
     */

    /** asyncio's default limit, 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};

    private final int limit;
    private final EventLoop loop;
    private byte[] buffer = EMPTY;
    private int start;
    private int end;
    private boolean eof;
    private Future<Void> waiter;
    private Throwable exception;
    private ReadTransport transport;
    private boolean paused;

    /** A reader with the default limit on the running (or current) loop: asyncio's {@code StreamReader()}. */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /**
     * A reader with {@code limit} on the running loop, or the current thread's loop
     * ({@link Asyncio#getEventLoop()}): asyncio's {@code StreamReader(limit)}.
     *
     * @param limit the buffer limit in bytes
     * @throws IllegalArgumentException if {@code limit <= 0} ("Limit cannot be &lt;= 0")
     */
    public StreamReader(int limit) {
        this(limit, Asyncio.getEventLoop());
    }

    /**
     * A reader with {@code limit} on {@code loop}: asyncio's {@code StreamReader(limit, loop)}.
     *
     * @param limit the buffer limit in bytes
     * @param loop the event loop
     */
    public StreamReader(int limit, EventLoop loop) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
        this.limit = limit;
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /**
     * The line and buffer limit (asyncio's {@code _limit}, the {@code limit} argument).
     *
     * @return the line and buffer limit
     */
    public int limit() {
        return limit;
    }

    /** The loop this reader's futures belong to. */
    EventLoop loopForProtocol() {
        return loop;
    }

    /**
     * The exception set with {@link #setException}, or null: asyncio's {@code exception()}.
     *
     * @return the exception set with {@link #setException}, or null
     */
    public Throwable exception() {
        return exception;
    }

    /**
     * Makes every read (the waiting one included) fail with {@code error}: asyncio's
     * {@code set_exception()}. The protocol calls it when the connection is lost with an error.
     *
     * @param error the exception
     */
    public void setException(Throwable error) {
        exception = Objects.requireNonNull(error, "exception");
        Future<Void> current = waiter;
        if (current != null) {
            waiter = null;
            if (!current.isCancelled()) {
                current.setException(error);
            }
        }
    }

    private void wakeUpWaiter() {
        Future<Void> current = waiter;
        if (current != null) {
            waiter = null;
            if (!current.isCancelled()) {
                current.setResult(null);
            }
        }
    }

    /**
     * Tells the reader which transport feeds it, so it can pause and resume reading: asyncio's
     * {@code set_transport()}.
     *
     * @param transport the transport
     * @throws IllegalStateException if a transport is already set
     */
    public void setTransport(ReadTransport transport) {
        if (this.transport != null) {
            throw new IllegalStateException("Transport already set");
        }
        this.transport = transport;
    }

    /**
     * Moves the reader to the TLS transport that {@code StreamWriter.startTls} put on top of its
     * transport, keeping it paused if the old one was.
     */
    void replaceTransport(Transport replacement) {
        this.transport = replacement;
        if (paused && replacement != null) {
            replacement.pauseReading();
        }
    }

    private void maybeResumeTransport() {
        if (paused && size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    /** No more data will come: asyncio's {@code feed_eof()}. Wakes a waiting read. */
    public void feedEof() {
        eof = true;
        wakeUpWaiter();
    }

    /**
     * Whether the buffer is empty and {@link #feedEof()} was called: asyncio's {@code at_eof()}.
     *
     * @return whether the buffer is empty and {@link #feedEof()} was called
     */
    public boolean atEof() {
        return eof && size() == 0;
    }

    /**
     * Adds received bytes (copied): asyncio's {@code feed_data()}. Wakes a waiting read; pauses
     * the transport when the buffer exceeds twice the limit.
     *
     * @param data the bytes
     * @throws IllegalStateException after {@link #feedEof()}
     */
    public void feedData(byte[] data) {
        feedData(data, 0, data.length);
    }

    /**
     * {@link #feedData(byte[])} of {@code length} bytes from {@code offset}.
     *
     * @param data the bytes
     * @param offset where the bytes start in {@code data}
     * @param length how many bytes
     */
    public void feedData(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        if (length == 0) {
            return;
        }
        append(data, offset, length);
        afterFeed();
    }

    /** {@link #feedData(byte[])} of an array nobody else will touch: adopted without a copy if possible. */
    void feedOwned(byte[] data) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        if (data.length == 0) {
            return;
        }
        if (size() == 0) {
            buffer = data;
            start = 0;
            end = data.length;
        } else {
            append(data, 0, data.length);
        }
        afterFeed();
    }

    private void afterFeed() {
        wakeUpWaiter();
        if (transport != null && !paused && size() > 2 * limit) {
            try {
                transport.pauseReading();
                paused = true;
            } catch (UnsupportedOperationException e) {
                // The transport cannot pause: buffer everything, and stop trying.
                transport = null;
            }
        }
    }

    private int size() {
        return end - start;
    }

    /** A copy of the buffered bytes (for tests: asyncio's tests read {@code _buffer}). */
    byte[] buffered() {
        return Arrays.copyOfRange(buffer, start, end);
    }

    private void append(byte[] data, int offset, int length) {
        int size = size();
        if (end + length > buffer.length) {
            if (size + length <= buffer.length && buffer != EMPTY) {
                System.arraycopy(buffer, start, buffer, 0, size);
            } else {
                byte[] grown = new byte[Math.max(size + length, Math.min(2 * buffer.length, size + length + 64 * 1024))];
                System.arraycopy(buffer, start, grown, 0, size);
                buffer = grown;
            }
            start = 0;
            end = size;
        }
        System.arraycopy(data, offset, buffer, end, length);
        end += length;
    }

    /** Removes and returns the first {@code count} buffered bytes. */
    private byte[] take(int count) {
        byte[] data;
        if (start == 0 && count == end && count == buffer.length) {
            data = buffer;
        } else {
            data = Arrays.copyOfRange(buffer, start, start + count);
        }
        start += count;
        if (start == end) {
            buffer = EMPTY;
            start = 0;
            end = 0;
        }
        return data;
    }

    private void clear() {
        buffer = EMPTY;
        start = 0;
        end = 0;
    }

    /** Waits until data or EOF is fed: asyncio's {@code _wait_for_data()}. Resumes a paused transport. */
    private void waitForData(String function) throws Exception {
        if (waiter != null) {
            throw new IllegalStateException(function
                    + "() called while another coroutine is already waiting for incoming data");
        }
        if (eof) {
            throw new IllegalStateException("waiting for data after EOF");
        }
        // Waiting while paused would deadlock (readexactly(n) with n above the limit).
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        Future<Void> current = loop.createFuture();
        waiter = current;
        try {
            Asyncio.await(current);
        } finally {
            waiter = null;
        }
    }

    private void raiseIfFailed() throws Exception {
        Throwable error = exception;
        if (error != null) {
            throw Streams.sneaky(error);
        }
    }

    /**
     * Reads up to {@code n} bytes: asyncio's {@code read(n)}. Waits until at least one byte is
     * there (or EOF); then returns what is buffered, at most {@code n} bytes (not bounded by the
     * limit). An empty array at EOF. {@code n == 0} returns an empty array at once; a negative
     * {@code n} reads until EOF, as {@link #read()}.
     *
     * @param n how many
     * @return a coroutine to await for the result
     */
    public Coroutine<byte[]> read(int n) {
        return Asyncio.async("StreamReader.read", () -> readNow(n));
    }

    /**
     * Reads until EOF and returns everything: asyncio's {@code read()} / {@code read(-1)}.
     *
     * @return a coroutine to await for the result
     */
    public Coroutine<byte[]> read() {
        return read(-1);
    }

    private byte[] readNow(int n) throws Exception {
        raiseIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        if (n < 0) {
            // Read in limit-sized blocks, so a peer sending more than the limit cannot deadlock it.
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            while (true) {
                byte[] block = readNow(limit);
                if (block.length == 0) {
                    return all.toByteArray();
                }
                all.writeBytes(block);
            }
        }
        if (size() == 0 && !eof) {
            waitForData("read");
        }
        byte[] data = take(Math.min(n, size()));
        maybeResumeTransport();
        return data;
    }

    /**
     * Reads exactly {@code n} bytes: asyncio's {@code readexactly()}. Not bounded by the limit.
     *
     * @param n how many
     * @return a coroutine to await for the bytes; awaiting it throws
     *     {@link IncompleteReadException} if EOF comes first, with the bytes read
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Coroutine<byte[]> readexactly(int n) {
        return Asyncio.async("StreamReader.readexactly", () -> {
            if (n < 0) {
                throw new IllegalArgumentException("readexactly size can not be less than zero");
            }
            raiseIfFailed();
            if (n == 0) {
                return EMPTY;
            }
            while (size() < n) {
                if (eof) {
                    byte[] incomplete = take(size());
                    throw new IncompleteReadException(incomplete, OptionalInt.of(n));
                }
                waitForData("readexactly");
            }
            byte[] data = take(n);
            maybeResumeTransport();
            return data;
        });
    }

    /**
     * Reads one line, up to and including {@code '\n'}: asyncio's {@code readline()}. At EOF
     * returns the incomplete last line, or an empty array if nothing is left.
     *
     * @return a coroutine to await for the result
     * @throws IllegalArgumentException (when awaited) if the line is longer than the limit; the
     *     line is dropped (with its newline, if it was found), and the cause is the
     *     {@link LimitOverrunException}
     */
    public Coroutine<byte[]> readline() {
        return Asyncio.async("StreamReader.readline", () -> {
            try {
                return readUntilNow(NEWLINE_ONLY);
            } catch (IncompleteReadException e) {
                return e.partial();
            } catch (LimitOverrunException e) {
                if (startsWith(NEWLINE, e.consumed())) {
                    take(e.consumed() + NEWLINE.length);
                } else {
                    clear();
                }
                maybeResumeTransport();
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    private static final byte[][] NEWLINE_ONLY = {NEWLINE};

    /**
     * Reads up to and including {@code '\n'}: asyncio's {@code readuntil()}; see {@link
     * #readuntil(byte[])}.
     *
     * @return a coroutine to await for the result
     */
    public Coroutine<byte[]> readuntil() {
        return readuntil(NEWLINE);
    }

    /**
     * Reads up to and including {@code separator}: asyncio's {@code readuntil(separator)}. The
     * limit bounds the data before the separator.
     *
     * @param separator the separator
     * @return a coroutine to await for the bytes, the separator included; awaiting it throws
     *     {@link IncompleteReadException} if EOF comes before the separator (the buffer is
     *     emptied into its {@code partial}), and {@link LimitOverrunException} if the limit is
     *     reached first (the data stays in the buffer)
     * @throws IllegalArgumentException if the separator is empty
     */
    public Coroutine<byte[]> readuntil(byte[] separator) {
        return readuntil(new byte[][] {separator});
    }

    /**
     * Reads up to and including whichever of {@code separators} ends first in the stream
     * (asyncio 3.13's {@code readuntil} with a tuple); see {@link #readuntil(byte[])}.
     *
     * @param separators the separators, tried together
     * @return a coroutine to await for the result
     * @throws IllegalArgumentException if there is no separator, or one is empty
     */
    public Coroutine<byte[]> readuntil(byte[]... separators) {
        byte[][] sorted = separators.clone();
        for (byte[] separator : sorted) {
            Objects.requireNonNull(separator, "separator");
        }
        Arrays.sort(sorted, (a, b) -> Integer.compare(a.length, b.length));
        return Asyncio.async("StreamReader.readuntil", () -> readUntilNow(sorted));
    }

    private byte[] readUntilNow(byte[][] separators) throws Exception {
        if (separators.length == 0) {
            throw new IllegalArgumentException("Separator should contain at least one element");
        }
        int minLength = separators[0].length;
        int maxLength = separators[separators.length - 1].length;
        if (minLength == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        raiseIfFailed();
        // offset: how far from the start of the buffer no separator can begin.
        int offset = 0;
        int matchStart;
        int matchEnd;
        while (true) {
            int size = size();
            if (size - offset >= minLength) {
                matchStart = -1;
                matchEnd = -1;
                for (byte[] separator : separators) {
                    int found = indexOf(separator, offset);
                    if (found >= 0) {
                        int foundEnd = found + separator.length;
                        if (matchEnd < 0 || foundEnd < matchEnd) {
                            matchEnd = foundEnd;
                            matchStart = found;
                        }
                    }
                }
                if (matchEnd >= 0) {
                    break;
                }
                offset = Math.max(0, size + 1 - maxLength);
                if (offset > limit) {
                    throw new LimitOverrunException("Separator is not found, and chunk exceed the limit", offset);
                }
            }
            // A complete separator may have arrived with the EOF: check the buffer first.
            if (eof) {
                byte[] chunk = take(size());
                throw new IncompleteReadException(chunk, OptionalInt.empty());
            }
            waitForData("readuntil");
        }
        if (matchStart > limit) {
            throw new LimitOverrunException("Separator is found, but chunk is longer than limit", matchStart);
        }
        byte[] chunk = take(matchEnd);
        maybeResumeTransport();
        return chunk;
    }

    /** Where {@code pattern} first occurs in the buffered data at or after {@code from}, or -1. */
    private int indexOf(byte[] pattern, int from) {
        int last = end - pattern.length;
        byte first = pattern[0];
        for (int i = start + from; i <= last; i++) {
            if (buffer[i] != first) {
                continue;
            }
            int j = 1;
            while (j < pattern.length && buffer[i + j] == pattern[j]) {
                j++;
            }
            if (j == pattern.length) {
                return i - start;
            }
        }
        return -1;
    }

    private boolean startsWith(byte[] pattern, int at) {
        if (at < 0 || at + pattern.length > size()) {
            return false;
        }
        for (int j = 0; j < pattern.length; j++) {
            if (buffer[start + at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The lines until EOF: asyncio's {@code async for line in reader}, a for-each inside a task.
     * Each {@code hasNext()} awaits {@link #readline()} and throws what it throws (a line over the
     * limit, a lost connection) as it was raised; the iteration ends at the first empty line
     * (EOF). The reader is its own one-pass iterable, as in Python.
     */
    @Override
    public AsyncIterator<byte[]> iterator() {
        return new AsyncIterator<>() {
            private byte[] next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    byte[] line;
                    try {
                        line = Asyncio.await(readline());
                    } catch (Exception e) {
                        throw Streams.sneaky(e);
                    }
                    if (line.length == 0) {
                        done = true;
                    } else {
                        next = line;
                    }
                }
                return next != null;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new StopAsyncIterationException();
                }
                byte[] line = next;
                next = null;
                return line;
            }
        };
    }

    /**
     * The reader's state as asyncio's repr shows it: {@code StreamReader[4 bytes, eof, limit=123,
     * waiter=..., exception=..., transport=..., paused]}; {@code StreamReader[]} when idle.
     */
    @Override
    public String toString() {
        StringBuilder info = new StringBuilder();
        if (size() > 0) {
            info.append(", ").append(size()).append(" bytes");
        }
        if (eof) {
            info.append(", eof");
        }
        if (limit != DEFAULT_LIMIT) {
            info.append(", limit=").append(limit);
        }
        if (waiter != null) {
            info.append(", waiter=").append(waiter);
        }
        if (exception != null) {
            info.append(", exception=").append(exception);
        }
        if (transport != null) {
            info.append(", transport=").append(transport);
        }
        if (paused) {
            info.append(", paused");
        }
        return "StreamReader[" + (info.isEmpty() ? "" : info.substring(2)) + "]";
    }
}
