package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Task;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** loop.sendfile: the kernel's sendfile on a socket transport, the fallback on any other. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SendfileTest {

    @TempDir
    Path directory;

    private Path file(int size) throws Exception {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i % 251);
        }
        Path path = directory.resolve("data.bin");
        Files.write(path, data);
        return path;
    }

    @Test
    void sendsAWholeFileThroughTheKernel() throws Exception {
        Path path = file(3 * 1024 * 1024 + 17);
        byte[] expected = Files.readAllBytes(path);
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openSmallBuffers(); FileChannel file = FileChannel.open(path)) {
                pair.client.transport.write(new byte[] {'>'}); // sent before the file, in order
                long sent = await(getRunningLoop().sendfile(pair.client.transport, file));
                assertEquals(expected.length, sent);
                assertEquals(expected.length, file.position());
                byte[] got = pair.accepted.awaitBytes(expected.length + 1);
                assertEquals('>', got[0]);
                assertArrayEquals(expected, Arrays.copyOfRange(got, 1, got.length));
                assertTrue(pair.client.transport.isReading(), "reading resumes afterwards");
            }
        }));
    }

    @Test
    void sendsAPartFromAnOffset() throws Exception {
        Path path = file(100_000);
        byte[] expected = Arrays.copyOfRange(Files.readAllBytes(path), 1000, 1000 + 50_000);
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open(); FileChannel file = FileChannel.open(path)) {
                long sent = await(getRunningLoop().sendfile(pair.client.transport, file, 1000, 50_000));
                assertEquals(50_000, sent);
                assertEquals(51_000, file.position());
                assertArrayEquals(expected, pair.accepted.awaitBytes(50_000));
                long rest = await(getRunningLoop().sendfile(pair.client.transport, file, 99_990));
                assertEquals(10, rest);
                pair.accepted.awaitBytes(50_010);
            }
        }));
    }

    @Test
    void writesAreRefusedWhileSendfileRuns() throws Exception {
        Path path = file(4 * 1024 * 1024);
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openSmallBuffers(); FileChannel file = FileChannel.open(path)) {
                pair.accepted.transport.pauseReading();
                Task<Long> sending = createTask(getRunningLoop().sendfile(pair.client.transport, file));
                await(Asyncio.sleep(0));
                IllegalStateException error = assertThrows(IllegalStateException.class,
                        () -> pair.client.transport.write(new byte[1]));
                assertEquals("unable to call write(); sendfile is in progress", error.getMessage());
                IllegalStateException twice = assertThrows(IllegalStateException.class,
                        () -> await(getRunningLoop().sendfile(pair.client.transport, file)));
                assertTrue(twice.getMessage().startsWith("sendfile is already in progress"), twice.getMessage());
                pair.accepted.transport.resumeReading();
                assertEquals(4 * 1024 * 1024, await(sending));
                pair.client.transport.write(new byte[1]);
            }
        }));
    }

    @Test
    void aPeerThatGoesAwayMidwayFailsTheSendfile() throws Exception {
        Path path = file(8 * 1024 * 1024);
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openSmallBuffers(); FileChannel file = FileChannel.open(path)) {
                pair.accepted.transport.pauseReading();
                Task<Long> sending = createTask(getRunningLoop().sendfile(pair.client.transport, file));
                await(Asyncio.sleep(0));
                ((java.nio.channels.SocketChannel) pair.accepted.transport.getExtraInfo("socket"))
                        .setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
                pair.accepted.transport.abort();
                java.io.IOException error = assertThrows(java.io.IOException.class, () -> await(sending));
                assertTrue(file.position() < 8 * 1024 * 1024, "the position says how far it got: " + file.position());
                assertTrue(error.getMessage() != null, String.valueOf(error));
            }
        }));
    }

    @Test
    void badArgumentsAndClosedTransportsAreRejected() throws Exception {
        Path path = file(10);
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.open(); FileChannel file = FileChannel.open(path)) {
                assertThrows(IllegalArgumentException.class,
                        () -> getRunningLoop().sendfile(pair.client.transport, file, -1));
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> getRunningLoop().sendfile(pair.client.transport, file, 0, 0));
                assertEquals("count must be a positive integer (got 0)", error.getMessage());
                pair.client.transport.close();
                IllegalStateException closing = assertThrows(IllegalStateException.class,
                        () -> await(getRunningLoop().sendfile(pair.client.transport, file)));
                assertEquals("Transport is closing", closing.getMessage());
            }
        }));
    }

    /** A transport of another kind (as a TLS layer would be): only the public Transport API. */
    private static final class Wrapper implements Transport {
        private final Transport inner;
        private BaseProtocol<Transport> protocol;

        Wrapper(Transport inner) {
            this.inner = inner;
        }

        public void write(byte[] data, int offset, int length) {
            inner.write(data, offset, length);
        }

        public void write(ByteBuffer data) {
            inner.write(data);
        }

        public void writelines(Iterable<byte[]> data) {
            inner.writelines(data);
        }

        public void writeEof() {
            inner.writeEof();
        }

        public boolean canWriteEof() {
            return true;
        }

        public void abort() {
            inner.abort();
        }

        public int getWriteBufferSize() {
            return inner.getWriteBufferSize();
        }

        public WriteBufferLimits getWriteBufferLimits() {
            return inner.getWriteBufferLimits();
        }

        public void setWriteBufferLimits(int high, int low) {
            inner.setWriteBufferLimits(high, low);
        }

        public boolean isReading() {
            return inner.isReading();
        }

        public void pauseReading() {
            inner.pauseReading();
        }

        public void resumeReading() {
            inner.resumeReading();
        }

        public Object getExtraInfo(String name, Object defaultValue) {
            return inner.getExtraInfo(name, defaultValue);
        }

        public boolean isClosing() {
            return inner.isClosing();
        }

        public void close() {
            inner.close();
        }

        public void setProtocol(BaseProtocol<Transport> protocol) {
            this.protocol = protocol;
            inner.setProtocol(protocol);
        }

        public BaseProtocol<Transport> getProtocol() {
            return protocol != null ? protocol : inner.getProtocol();
        }
    }

    @Test
    void anyOtherTransportGetsTheFileInBlocksWithBackPressure() throws Exception {
        Path path = file(1024 * 1024 + 5);
        byte[] expected = Files.readAllBytes(path);
        Asyncio.run(async(() -> {
            try (Loopback pair = Loopback.openSmallBuffers();
                    FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
                Wrapper wrapper = new Wrapper(pair.client.transport);
                BaseProtocol<Transport> original = wrapper.getProtocol();
                long sent = await(getRunningLoop().sendfile(wrapper, file));
                assertEquals(expected.length, sent);
                assertEquals(expected.length, file.position());
                assertArrayEquals(expected, pair.accepted.awaitBytes(expected.length));
                assertSame(original, wrapper.getProtocol(), "the protocol is restored");
                assertTrue(wrapper.isReading());
            }
        }));
    }
}
