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
 */
public final class LoopNet {

    /** Size of the shared buffer, and so the most one read returns: asyncio's {@code max_size}. */
    static final int BUFFER_SIZE = 256 * 1024;

    // Weak keys: a LoopNet holds no reference to its loop, so a dropped loop frees its buffer.
    private static final Map<EventLoop, LoopNet> NETS = new WeakHashMap<>();

    private ByteBuffer buffer;

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
