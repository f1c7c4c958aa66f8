package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.testing.TestLoop;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LoopInThreadTest {

    @Test
    void theMainThreadWorksWhileTheLoopThreadWaitsForTheReply() throws Exception {
        try (TestLoop test = new TestLoop()) {
            Output out = new Output();

            LoopInThread.run(test.loop(), out.stream());

            assertEquals(List.of(
                    "main thread: 9592 primes below 100000",
                    "main thread: the loop answered pong"), out.lines());
            assertEquals(0.1, test.time(), 1e-9, "the reply's 100 ms passed on the loop's virtual clock");
            assertFalse(test.loop().isRunning());
            assertTrue(test.loop().isClosed());
        }
    }

    @Test
    void countsPrimes() {
        assertEquals(0, LoopInThread.countPrimes(2));
        assertEquals(4, LoopInThread.countPrimes(10));
        assertEquals(25, LoopInThread.countPrimes(100));
    }
}
