package dev.asyncio4j.internal.net;

import dev.asyncio4j.EventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What the transports of one event loop share: one direct buffer that every read goes through
 * (socket to buffer, then one copy into the array handed to the protocol) and every direct send
 * and gathering write goes through (arrays copied in, one system call). One buffer per loop, not
 * per connection, keeps an idle connection small.
 *
 * <p>Loop-confined. The buffer is only used between a call into the JDK and the copy that
 * follows it, never across a call into user code, so one buffer serves every transport of the
 * loop.
 *
 * <p>TLS connections ({@link SslProtocol}) share three more, heap buffers (the JDK's TLS code works
 * on arrays): the one the socket reads ciphertext into ({@link #sslIn()}), the one records are
 * decrypted into ({@link #sslPlain()}) and the one records are encrypted into
 * ({@link #sslOut()}). Their rules are in {@link SslProtocol}'s overview.
 */
public final class LoopNet {

    /** Size of the shared buffer, and so the most one read returns: asyncio's {@code max_size}. */
    static final int BUFFER_SIZE = 256 * 1024;

    // Weak keys: a LoopNet holds no reference to its loop, so a dropped loop frees its buffer.
    private static final Map<EventLoop, LoopNet> NETS = new WeakHashMap<>();

    /** Size of the TLS read buffer: asyncio's {@code SSLProtocol.max_size}. */
    static final int SSL_READ_SIZE = 256 * 1024;

    /** Room for the plaintext of a whole TLS read, plus one record's worth of slack. */
    static final int SSL_PLAIN_SIZE = SSL_READ_SIZE + 2 * 16 * 1024 + 1024;

    /** Size of the buffer records are encrypted into: sixteen full records per send. */
    static final int SSL_OUT_SIZE = 256 * 1024 + 4096;

    private ByteBuffer buffer;
    private ByteBuffer sslIn;
    private ByteBuffer sslPlain;
    private ByteBuffer sslOut;

    private LoopNet() {}

    /** The shared state of {@code loop}'s transports; made on first use. Thread-safe. */
    public static LoopNet of(EventLoop loop) {
        synchronized (NETS) {
            return NETS.computeIfAbsent(loop, unused -> new LoopNet());
        }
    }

    /** The shared direct buffer, cleared. */
    ByteBuffer buffer() {
        ByteBuffer shared = buffer;
        if (shared == null) {
            shared = ByteBuffer.allocateDirect(BUFFER_SIZE);
            buffer = shared;
        }
        return shared.clear();
    }

    /** The shared buffer a TLS connection's socket reads into, cleared. */
    ByteBuffer sslIn() {
        if (sslIn == null) {
            sslIn = ByteBuffer.allocate(SSL_READ_SIZE);
        }
        return sslIn.clear();
    }

    /** The shared buffer TLS records are decrypted into, cleared. */
    ByteBuffer sslPlain() {
        if (sslPlain == null) {
            sslPlain = ByteBuffer.allocate(SSL_PLAIN_SIZE);
        }
        return sslPlain.clear();
    }

    /** The shared buffer TLS records are encrypted into, cleared. */
    ByteBuffer sslOut() {
        if (sslOut == null) {
            sslOut = ByteBuffer.allocate(SSL_OUT_SIZE);
        }
        return sslOut.clear();
    }

    /**
     * Writes {@code length} bytes of {@code data} from {@code offset} to a non-blocking channel,
     * through the shared buffer, until the channel takes less than it was offered.
     *
     * @return how many bytes the channel took
     */
    int send(WritableByteChannel channel, byte[] data, int offset, int length) throws IOException {
        ByteBuffer shared = buffer();
        int sent = 0;
        while (sent < length) {
            int chunk = Math.min(length - sent, shared.capacity());
            shared.clear();
            shared.put(data, offset + sent, chunk).flip();
            int written = channel.write(shared);
            sent += written;
            if (written < chunk) {
                break;
            }
        }
        return sent;
    }
}
