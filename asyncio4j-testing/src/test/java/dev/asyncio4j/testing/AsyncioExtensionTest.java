package dev.asyncio4j.testing;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AsyncioExtensionTest {

    private static Task<Void> leftover;

    @AsyncioTest
    @Order(1)
    void theBodyRunsInATaskOnVirtualTime(TestLoop test, EventLoop loop) throws Exception {
        assertNotNull(Asyncio.currentTask(), "the test body is a coroutine in a task");
        assertSame(test.loop(), loop);
        assertSame(loop, Asyncio.getRunningLoop());
        await(sleep(Duration.ofHours(2)));
        assertEquals(7200.0, loop.time());
    }

    @AsyncioTest
    @Order(2)
    void aTaskLeftPendingIsCancelledAfterTheTest() {
        leftover = createTask(async(() -> await(sleep(Duration.ofDays(1)))));
    }

    @AsyncioTest
    @Order(3)
    void eachTestGetsAFreshLoop(EventLoop loop) {
        assertEquals(0.0, loop.time());
        assertTrue(leftover.isCancelled(), "the previous test's leftover task was cancelled");
    }

    @AfterAll
    static void leftoverWasCancelled() {
        assertTrue(leftover.isCancelled());
    }
}
