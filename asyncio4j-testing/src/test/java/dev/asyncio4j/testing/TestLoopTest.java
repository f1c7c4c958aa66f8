package dev.asyncio4j.testing;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.SchedulingMode;
import dev.asyncio4j.Task;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TestLoopTest {

    @Test
    void modeIsTheExpectedOne() {
        // The module's tests run twice: in fast mode, and in portable mode (see its pom).
        String expected = System.getProperty("asyncio4j.expectedMode", "FAST");
        assertEquals(SchedulingMode.valueOf(expected), Asyncio.schedulingMode());
    }

    @Test
    void anHourOfSleepTakesNoWallTimeAndTimeIsExact() throws Exception {
        try (TestLoop test = new TestLoop()) {
            long start = System.nanoTime();
            double slept = test.run(async(() -> {
                double before = Asyncio.getRunningLoop().time();
                await(sleep(Duration.ofHours(1)));
                return Asyncio.getRunningLoop().time() - before;
            }));
            assertEquals(3600.0, slept);
            assertEquals(3600.0, test.time());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "virtual, not real, time");
        }
    }

    @Test
    void timersFireInDeadlineOrderAtTheirExactTimes() throws Exception {
        try (TestLoop test = new TestLoop()) {
            List<String> log = new ArrayList<>();
            test.run(async(() -> {
                List<Task<Void>> tasks = new ArrayList<>();
                for (int seconds : new int[] {30, 10, 20}) {
                    tasks.add(createTask(async(() -> {
                        await(sleep(seconds));
                        log.add(seconds + "@" + Asyncio.getRunningLoop().time());
                    })));
                }
                for (Task<Void> task : tasks) {
                    await(task);
                }
            }));
            assertEquals(List.of("10@10.0", "20@20.0", "30@30.0"), log);
        }
    }

    @Test
    void timeoutsFireOnVirtualTime() throws Exception {
        try (TestLoop test = new TestLoop()) {
            assertThrows(TimeoutException.class, () -> test.run(
                    Asyncio.waitFor(sleep(Duration.ofDays(1)), Duration.ofMinutes(5))));
            assertEquals(300.0, test.time());
        }
    }

    @Test
    void advanceMovesTimeBetweenRunsAndDueTimersThenRun() throws Exception {
        try (TestLoop test = new TestLoop()) {
            List<Double> fired = new ArrayList<>();
            test.loop().callLater(Duration.ofSeconds(5), () -> fired.add(test.time()));
            test.advance(Duration.ofSeconds(7));
            assertEquals(7.0, test.time());
            test.run(sleep(0));
            assertEquals(List.of(7.0), fired);
            assertThrows(IllegalArgumentException.class, () -> test.advance(Duration.ofSeconds(-1)));
        }
    }

    @Test
    void advanceWhileRunningIsRefused() throws Exception {
        try (TestLoop test = new TestLoop()) {
            IllegalStateException error = test.run(async(() -> assertThrows(IllegalStateException.class,
                    () -> test.advance(Duration.ofSeconds(1)))));
            assertTrue(error.getMessage().contains("advance()"));
        }
    }

    @Test
    void realIoStillWorksAndAThresholdLetsItArriveBeforeTimeJumps() throws Exception {
        // A server answers only after the client has written; meanwhile a one-hour timer is pending.
        // With a threshold, the loop waits that long in real time for the socket before jumping.
        try (TestLoop test = new TestLoop(Duration.ofSeconds(2))) {
            var server = java.nio.channels.ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            Thread peer = Thread.ofPlatform().start(() -> {
                try (SocketChannel accepted = server.accept()) {
                    ByteBuffer buffer = ByteBuffer.allocate(4);
                    while (buffer.hasRemaining() && accepted.read(buffer) >= 0) {
                        // Read "ping".
                    }
                    accepted.write(ByteBuffer.wrap("pong".getBytes()));
                } catch (Exception ignored) {
                    // The test fails on its own if the reply never comes.
                }
            });
            String reply = test.run(async(() -> {
                Task<Void> hourTimer = createTask(sleep(Duration.ofHours(1)));
                var connection = await(dev.asyncio4j.stream.Streams.openConnection("127.0.0.1",
                        ((InetSocketAddress) server.getLocalAddress()).getPort()));
                connection.writer().write("ping".getBytes());
                byte[] answer = await(connection.reader().readexactly(4));
                connection.writer().close();
                hourTimer.cancel();
                return new String(answer);
            }));
            assertEquals("pong", reply);
            assertTrue(test.time() < 3600, "time did not jump past the pending timer while I/O was due");
            peer.join();
            server.close();
        }
    }
}
