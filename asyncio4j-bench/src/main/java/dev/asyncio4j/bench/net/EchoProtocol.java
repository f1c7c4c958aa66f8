package dev.asyncio4j.bench.net;

import dev.asyncio4j.net.Protocol;
import dev.asyncio4j.net.Transport;

/**
 * The protocol-style echo: writes back every chunk it receives, as asyncio's
 * {@code EchoServerProtocol} in its documentation. No flow control, as in the CPython and uvloop
 * peers ({@code python/echo_server.py}): the benchmark's client waits for each echo before sending
 * more, so the write buffer stays small. Loop-confined.
 */
public final class EchoProtocol implements Protocol {

    private Transport transport;

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
    }

    @Override
    public void dataReceived(byte[] data) {
        transport.write(data);
    }

    @Override
    public String toString() {
        return "EchoProtocol[" + transport + "]";
    }
}
