package dev.asyncio4j.internal.net;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.net.BaseProtocol;
import dev.asyncio4j.net.Protocol;
import dev.asyncio4j.net.Transport;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * asyncio's {@code loop.sendfile()}: the kernel's sendfile for a socket transport (through
 * {@link FileChannel#transferTo}), else reading the file in blocks off the loop thread and writing
 * them with back-pressure. Stateless; the coroutine is loop-confined.
 */
public final class Sendfile {

    private static final int FALLBACK_BLOCK = 16 * 1024;

    private Sendfile() {}

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} ({@code count < 0}: to its end)
     * to {@code transport} and returns how many were sent. The file's position is left after the
     * last byte sent.
     */
    public static Coroutine<Long> sendfile(EventLoop loop, Transport transport, FileChannel file, long offset,
            long count) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(file, "file");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be a non-negative integer (got " + offset + ")");
        }
        if (count == 0) {
            throw new IllegalArgumentException("count must be a positive integer (got 0)");
        }
        if (transport instanceof SocketTransport socket) {
            return socket.sendfile(file, offset, count);
        }
        return fallback(loop, transport, file, offset, count);
    }

    private static Coroutine<Long> fallback(EventLoop loop, Transport transport, FileChannel file, long offset,
            long count) {
        return Asyncio.async("sendfile", () -> {
            if (transport.isClosing()) {
                throw new IllegalStateException("Transport is closing");
            }
            FallbackProtocol watcher = new FallbackProtocol(loop, transport);
            int blockSize = count > 0 ? (int) Math.min(count, FALLBACK_BLOCK) : FALLBACK_BLOCK;
            ByteBuffer block = ByteBuffer.allocate(blockSize);
            long total = 0;
            try {
                while (true) {
                    int want = count > 0 ? (int) Math.min(count - total, blockSize) : blockSize;
                    if (want <= 0) {
                        return total;
                    }
                    long position = offset + total;
                    block.clear().limit(want);
                    int read = Asyncio.await(loop.runInExecutor(null, () -> file.read(block, position)));
                    if (read <= 0) {
                        return total;
                    }
                    block.flip();
                    transport.write(block);
                    Asyncio.await(watcher.drain());
                    total += read;
                }
            } finally {
                if (total > 0) {
                    file.position(offset + total);
                }
                watcher.restore();
            }
        });
    }

    /**
     * asyncio's {@code _SendfileFallbackProtocol}: stands in for the transport's protocol while
     * the file is sent, so the sender sees pauseWriting/resumeWriting and a lost connection.
     */
    private static final class FallbackProtocol implements Protocol {
        private final EventLoop loop;
        private final Transport transport;
        private final BaseProtocol<Transport> original;
        private final boolean resumeReading;
        private final boolean resumeWriting;
        private Future<Void> writeReady;

        FallbackProtocol(EventLoop loop, Transport transport) {
            this.loop = loop;
            this.transport = transport;
            this.original = transport.getProtocol();
            this.resumeReading = transport.isReading();
            this.resumeWriting = transport.getWriteBufferSize() > transport.getWriteBufferLimits().high();
            transport.pauseReading();
            transport.setProtocol(this);
            this.writeReady = resumeWriting ? loop.createFuture() : null;
        }

        Coroutine<Void> drain() {
            return Asyncio.async("sendfile.drain", () -> {
                if (transport.isClosing()) {
                    throw new SocketException("Connection closed by peer");
                }
                Future<Void> waiter = writeReady;
                if (waiter != null) {
                    Asyncio.await(waiter);
                }
            });
        }

        @Override
        public void connectionMade(Transport transport) {
            throw new IllegalStateException("Invalid state: connection should have been established already.");
        }

        @Override
        public void connectionLost(Exception exc) throws Exception {
            Future<Void> waiter = writeReady;
            if (waiter != null && !waiter.isDone()) {
                waiter.setException(exc != null ? exc : new SocketException("Connection is closed by peer"));
            }
            original.connectionLost(exc);
        }

        @Override
        public void pauseWriting() {
            if (writeReady == null) {
                writeReady = loop.createFuture();
            }
        }

        @Override
        public void resumeWriting() {
            Future<Void> waiter = writeReady;
            if (waiter != null) {
                writeReady = null;
                waiter.setResult(null);
            }
        }

        @Override
        public void dataReceived(byte[] data) {
            throw new IllegalStateException("Invalid state: reading should be paused");
        }

        @Override
        public boolean eofReceived() {
            throw new IllegalStateException("Invalid state: reading should be paused");
        }

        void restore() throws Exception {
            transport.setProtocol(original);
            if (resumeReading) {
                transport.resumeReading();
            }
            Future<Void> waiter = writeReady;
            if (waiter != null) {
                writeReady = null;
                waiter.cancel();
            }
            if (resumeWriting) {
                original.resumeWriting();
            }
        }

        @Override
        public String toString() {
            return "SendfileFallbackProtocol[" + transport + "]";
        }
    }
}
