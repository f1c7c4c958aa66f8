package dev.asyncio4j.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;

/**
 * The bytes a stream transport could not send at once, in order: asyncio's {@code _buffer} deque.
 * A transport makes one only when a send comes back short and drops it once drained, so an idle
 * connection has none.
 *
 * <p>Chunks are private copies (the caller may reuse its array). Small writes are packed into the
 * last chunk while it has room, so many tiny writes to a blocked peer cost a few arrays, not one
 * each. Loop-confined.
 */
final class WriteBuffer {

    private static final int MIN_CHUNK = 1024;

    // Invariant: the bytes waiting are chunks[0][headOffset..] + chunks[1..n-2] + chunks[n-1][..tailFill]
    // (for a single chunk, chunks[0][headOffset..tailFill]); size is their count.
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>(4);
    private int headOffset;
    private int tailFill;
    private int size;

    /** Bytes waiting. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Appends a copy of {@code length} bytes of {@code data} from {@code offset}. */
    void add(byte[] data, int offset, int length) {
        int remaining = length;
        int from = offset;
        byte[] tail = chunks.peekLast();
        if (tail != null && tailFill < tail.length) {
            int room = Math.min(tail.length - tailFill, remaining);
            System.arraycopy(data, from, tail, tailFill, room);
            tailFill += room;
            from += room;
            remaining -= room;
        }
        if (remaining > 0) {
            byte[] chunk = new byte[Math.max(remaining, MIN_CHUNK)];
            System.arraycopy(data, from, chunk, 0, remaining);
            chunks.addLast(chunk);
            tailFill = remaining;
        }
        size += length;
    }

    /** Appends a copy of the remaining bytes of {@code data}, advancing its position to its limit. */
    void add(ByteBuffer data) {
        int length = data.remaining();
        if (length == 0) {
            return;
        }
        byte[] copy = new byte[length];
        data.get(copy);
        add(copy, 0, length);
    }

    /**
     * Copies as many waiting bytes as fit into {@code scratch}, writes them to the channel in one
     * call (a gathering write) and drops what was written.
     *
     * @return how many bytes the channel took
     */
    int writeTo(WritableByteChannel channel, ByteBuffer scratch) throws IOException {
        scratch.clear();
        int index = 0;
        int last = chunks.size() - 1;
        for (byte[] chunk : chunks) {
            int start = index == 0 ? headOffset : 0;
            int end = index == last ? tailFill : chunk.length;
            int count = Math.min(end - start, scratch.remaining());
            scratch.put(chunk, start, count);
            if (!scratch.hasRemaining()) {
                break;
            }
            index++;
        }
        scratch.flip();
        int written = channel.write(scratch);
        consume(written);
        return written;
    }

    private void consume(int count) {
        int left = count;
        while (left > 0) {
            byte[] head = chunks.peekFirst();
            int end = chunks.size() == 1 ? tailFill : head.length;
            int available = end - headOffset;
            if (left < available) {
                headOffset += left;
                break;
            }
            left -= available;
            chunks.pollFirst();
            headOffset = 0;
        }
        size -= count;
        if (size == 0) {
            chunks.clear();
            headOffset = 0;
            tailFill = 0;
        }
    }

    @Override
    public String toString() {
        return "WriteBuffer[" + size + " bytes in " + chunks.size() + " chunks]";
    }
}
