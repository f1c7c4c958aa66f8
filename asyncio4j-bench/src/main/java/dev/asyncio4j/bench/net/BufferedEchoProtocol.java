package dev.asyncio4j.bench.net;

import dev.asyncio4j.net.BufferedProtocol;
import dev.asyncio4j.net.Transport;
import java.nio.ByteBuffer;

/**
 * The buffered-protocol echo: the transport reads straight into a direct buffer, which is written
 * back from there, so the bytes never pass through the Java heap (asyncio's
 * {@code BufferedProtocol}). One buffer serves every connection of a server: {@code write} sends
 * what the socket takes and copies the rest before returning, so the buffer is free again by the
 * next read. Loop-confined.
 */
public final class BufferedEchoProtocol implements BufferedProtocol {

    private static final int BUFFER_SIZE = 256 * 1024;

    private final ByteBuffer buffer;
    private Transport transport;

    /** A protocol reading into {@code buffer}, which it may share with the server's other connections. */
    public BufferedEchoProtocol(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /** The buffer one server's connections share. */
    public static ByteBuffer newSharedBuffer() {
        return ByteBuffer.allocateDirect(BUFFER_SIZE);
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        return buffer.clear();
    }

    @Override
    public void bufferUpdated(int nbytes) {
        transport.write(buffer.flip());
    }

    @Override
    public String toString() {
        return "BufferedEchoProtocol[" + transport + "]";
    }
}
