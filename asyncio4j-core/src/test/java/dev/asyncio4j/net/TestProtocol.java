package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Future;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A protocol for tests: records its events in order, keeps what it received, and offers futures
 * to await each event. Made inside a running loop.
 */
class TestProtocol implements Protocol {

    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final Future<Transport> made = new Future<>();
    final Future<Void> eof = new Future<>();
    final Future<Exception> lost = new Future<>();
    Transport transport;
    boolean keepOpenOnEof;
    boolean echo;
    boolean pauseOnConnect;
    private Future<Void> dataWaiter;
    private int waitingFor;

    @Override
    public void connectionMade(Transport transport) {
        events.add("made");
        this.transport = transport;
        if (pauseOnConnect) {
            transport.pauseReading();
        }
        made.setResult(transport);
    }

    @Override
    public void dataReceived(byte[] data) {
        if (events.isEmpty() || !events.getLast().equals("data")) {
            events.add("data");
        }
        received.writeBytes(data);
        if (echo) {
            transport.write(data);
        }
        if (dataWaiter != null && received.size() >= waitingFor) {
            dataWaiter.setResult(null);
            dataWaiter = null;
        }
    }

    @Override
    public boolean eofReceived() {
        events.add("eof");
        eof.setResult(null);
        return keepOpenOnEof;
    }

    @Override
    public void connectionLost(Exception exc) {
        events.add("lost");
        lost.setResult(exc);
    }

    @Override
    public void pauseWriting() {
        events.add("pause");
    }

    @Override
    public void resumeWriting() {
        events.add("resume");
    }

    /** Waits until at least {@code count} bytes in all have been received. */
    byte[] awaitBytes(int count) throws Exception {
        if (received.size() < count) {
            dataWaiter = new Future<>();
            waitingFor = count;
            await(dataWaiter);
        }
        return received.toByteArray();
    }

    String text() {
        return received.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
