package dev.asyncio4j.internal.net;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * The low-level socket calls: asyncio's {@code sock_recv}, {@code sock_recv_into},
 * {@code sock_sendall}, {@code sock_connect} and {@code sock_accept}. Each tries the operation at
 * once and, if the socket is not ready, retries whenever the loop's
 * {@link EventLoop#addReader addReader}/{@link EventLoop#addWriter addWriter} says it is.
 * Stateless; the coroutines are loop-confined, and a socket should be used by one of them at a time.
 */
public final class SocketOps {

    private SocketOps() {}

    /** One try of an operation: its result, or null if the socket was not ready. */
    @FunctionalInterface
    private interface Attempt<T> {
        T attempt() throws IOException;
    }

    /** Receives up to {@code n} bytes; an empty array at end-of-file. */
    public static Coroutine<byte[]> sockRecv(EventLoop loop, SocketChannel channel, int n) {
        Objects.requireNonNull(channel, "sock");
        if (n < 0) {
            throw new IllegalArgumentException("negative buffersize in recv: " + n);
        }
        LoopNet net = LoopNet.of(loop);
        return Asyncio.async("sockRecv", () -> whenReady(loop, channel, false, () -> {
            if (n == 0) {
                return new byte[0];
            }
            ByteBuffer buffer = net.buffer();
            buffer.limit(Math.min(n, buffer.capacity()));
            int count = channel.read(buffer);
            if (count == 0) {
                return null;
            }
            byte[] data = new byte[Math.max(count, 0)];
            buffer.get(0, data);
            return data;
        }));
    }

    /**
     * Receives into {@code buffer} (from its position, advancing it): the number of bytes read, 0
     * at end-of-file (as Python's {@code recv_into}).
     */
    public static Coroutine<Integer> sockRecvInto(EventLoop loop, SocketChannel channel, ByteBuffer buffer) {
        Objects.requireNonNull(channel, "sock");
        Objects.requireNonNull(buffer, "buf");
        return Asyncio.async("sockRecvInto", () -> whenReady(loop, channel, false, () -> {
            if (!buffer.hasRemaining()) {
                return 0;
            }
            int count = channel.read(buffer);
            return count == 0 ? null : Math.max(count, 0);
        }));
    }

    /** Sends all of {@code data}; the array must not change until this completes. */
    public static Coroutine<Void> sockSendall(EventLoop loop, SocketChannel channel, byte[] data) {
        Objects.requireNonNull(data, "data");
        return sockSendall(loop, channel, ByteBuffer.wrap(data));
    }

    /** Sends the remaining bytes of {@code data}, advancing its position to its limit. */
    public static Coroutine<Void> sockSendall(EventLoop loop, SocketChannel channel, ByteBuffer data) {
        Objects.requireNonNull(channel, "sock");
        Objects.requireNonNull(data, "data");
        return Asyncio.async("sockSendall", () -> {
            whenReady(loop, channel, true, () -> {
                channel.write(data);
                return data.hasRemaining() ? null : Boolean.TRUE;
            });
        });
    }

    /** Connects to {@code address}, resolving it off the loop thread if it is unresolved. */
    public static Coroutine<Void> sockConnect(EventLoop loop, SocketChannel channel, SocketAddress address) {
        Objects.requireNonNull(channel, "sock");
        Objects.requireNonNull(address, "address");
        return Asyncio.async("sockConnect", () -> {
            checkNonBlocking(channel);
            SocketAddress target = address;
            if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
                try (Deadline deadline = Deadline.start(loop, "sockConnect()", null)) {
                    target = Resolver.resolve(loop, inet, null, deadline);
                }
            }
            SocketAddress resolved = target;
            boolean[] started = {false};
            whenReady(loop, channel, true, () -> {
                try {
                    if (!started[0]) {
                        started[0] = true;
                        return channel.connect(resolved) ? Boolean.TRUE : null;
                    }
                    return channel.finishConnect() ? Boolean.TRUE : null;
                } catch (IOException e) {
                    throw NetErrors.connectFailed(e, resolved);
                }
            });
        });
    }

    /** Accepts a connection; the new channel is non-blocking. */
    public static Coroutine<SocketChannel> sockAccept(EventLoop loop, ServerSocketChannel channel) {
        Objects.requireNonNull(channel, "sock");
        return Asyncio.async("sockAccept", () -> whenReady(loop, channel, false, () -> {
            SocketChannel accepted = channel.accept();
            if (accepted != null) {
                accepted.configureBlocking(false);
            }
            return accepted;
        }));
    }

    /**
     * Tries {@code attempt} now and, while it says "not ready", again each time the selector
     * reports the channel readable ({@code write} false) or writable; stops watching the channel
     * once done, failed or cancelled.
     */
    private static <T> T whenReady(EventLoop loop, SelectableChannel channel, boolean write, Attempt<T> attempt)
            throws Exception {
        checkNonBlocking(channel);
        T now = attempt.attempt();
        if (now != null) {
            return now;
        }
        Future<T> done = loop.createFuture();
        Runnable retry = () -> {
            if (done.isDone()) {
                return;
            }
            try {
                T result = attempt.attempt();
                if (result != null) {
                    stopWatching(loop, channel, write);
                    done.setResult(result);
                }
            } catch (IOException e) {
                stopWatching(loop, channel, write);
                done.setException(e);
            }
        };
        if (write) {
            loop.addWriter(channel, retry);
        } else {
            loop.addReader(channel, retry);
        }
        try {
            return Asyncio.await(done);
        } catch (Throwable e) {
            if (done.isCancelled() && channel.isOpen()) {
                stopWatching(loop, channel, write);
            }
            throw e;
        }
    }

    private static void stopWatching(EventLoop loop, SelectableChannel channel, boolean write) {
        if (write) {
            loop.removeWriter(channel);
        } else {
            loop.removeReader(channel);
        }
    }

    private static void checkNonBlocking(SelectableChannel channel) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the socket must be non-blocking");
        }
    }
}
