package dev.asyncio4j.stream;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Task;
import java.io.IOException;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio's FlowControlMixin: drain waits while paused; a lost connection wakes and fails it. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FlowControlTest {

    @Test
    void drainWaitsWhilePaused() throws Exception {
        Asyncio.run(async(() -> {
            FlowControl flow = new FlowControl(getRunningLoop());
            await(async(flow::drainHelper)); // not paused: returns at once
            flow.pauseWriting();
            assertEquals("FlowControl[writing paused]", flow.toString());
            Task<Void> drain = createTask(async(flow::drainHelper));
            await(sleep(0));
            assertFalse(drain.isDone());
            assertEquals("FlowControl[writing paused, drain waiters=1]", flow.toString());
            flow.resumeWriting();
            await(drain);
            assertEquals("FlowControl[writing]", flow.toString());
            return null;
        }));
    }

    @Test
    void lostConnectionFailsDrains() throws Exception {
        Asyncio.run(async(() -> {
            FlowControl flow = new FlowControl(getRunningLoop(), () -> new IOException("Connection lost"));
            flow.pauseWriting();
            Task<Void> drain = createTask(async(flow::drainHelper));
            Task<Void> closed = createTask(flow.closed());
            await(sleep(0));
            IOException broken = new IOException("Broken pipe");
            flow.connectionLost(broken);
            assertSame(broken, assertThrows(IOException.class, () -> await(drain)));
            assertSame(broken, assertThrows(IOException.class, () -> await(closed)));
            IOException later = assertThrows(IOException.class, () -> await(async(flow::drainHelper)));
            assertEquals("Connection lost", later.getMessage());
            assertSame(broken, later.getCause());
            assertTrue(flow.isLost());
            assertEquals("FlowControl[lost]", flow.toString());
            return null;
        }));
    }

    @Test
    void socketFlavourAndCleanClose() throws Exception {
        Asyncio.run(async(() -> {
            FlowControl flow = new FlowControl(getRunningLoop());
            Task<Void> closed = createTask(flow.closed());
            await(sleep(0));
            flow.connectionLost(null);
            flow.connectionLost(new IOException("ignored: already lost"));
            await(closed);
            await(flow.closed());
            SocketException lost = assertThrows(SocketException.class, () -> await(async(flow::drainHelper)));
            assertEquals("Connection lost", lost.getMessage());
            return null;
        }));
    }
}
