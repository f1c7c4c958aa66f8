package dev.asyncio4j.internal.net;

import dev.asyncio4j.net.BaseProtocol;
import dev.asyncio4j.net.Transport;
import dev.asyncio4j.net.WriteBufferLimits;
import java.nio.ByteBuffer;

/**
 * The transport an application's protocol sees on a TLS connection: asyncio's
 * {@code _SSLProtocolTransport}. Writes are encrypted by its {@link SslProtocol}; reads arrive
 * decrypted. {@link #close()} sends close_notify after the buffered data and waits (at most the
 * shutdown timeout) for the peer's before closing the connection; {@link #writeEof()} is not
 * possible over TLS. Loop-confined.
 */
public final class SslTransport implements Transport {

    private final SslProtocol ssl;
    private boolean closed;

    SslTransport(SslProtocol ssl) {
        this.ssl = ssl;
    }

    /** Marks the transport closed without closing anything (the connection is gone). */
    void markClosed() {
        closed = true;
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return ssl.getExtraInfo(name, defaultValue);
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ssl.close();
        }
    }

    @Override
    public void abort() {
        closed = true;
        ssl.abort();
    }

    @Override
    public void setProtocol(BaseProtocol<Transport> protocol) {
        ssl.setAppProtocol(protocol);
    }

    @Override
    public BaseProtocol<Transport> getProtocol() {
        return ssl.appProtocol();
    }

    @Override
    public boolean isReading() {
        return !closed && ssl.isAppReading();
    }

    @Override
    public void pauseReading() {
        ssl.pauseReading();
    }

    @Override
    public void resumeReading() {
        ssl.resumeReading();
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        ssl.write(data, offset, length);
    }

    @Override
    public void write(ByteBuffer data) {
        ssl.write(data);
    }

    @Override
    public void writelines(Iterable<byte[]> data) {
        ssl.writelines(data);
    }

    /**
     * Not possible over TLS (asyncio raises NotImplementedError): close the transport instead.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("writeEof() is not supported over TLS: use close()");
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public int getWriteBufferSize() {
        return ssl.getWriteBufferSize();
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return new WriteBufferLimits(ssl.lowWater(), ssl.highWater());
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        ssl.setWriteBufferLimits(high, low);
    }

    /** {@code SslTransport[open, TLSv1.3, peer=127.0.0.1:443, bufsize=0]}. */
    @Override
    public String toString() {
        String version = ssl.protocolVersion();
        Object peer = ssl.getExtraInfo("peername", null);
        return "SslTransport[" + (closed ? "closed" : ssl.stateName()) + (version != null ? ", " + version : "")
                + (peer instanceof java.net.SocketAddress address ? ", peer=" + NetErrors.format(address) : "")
                + ", bufsize=" + getWriteBufferSize() + "]";
    }
}
