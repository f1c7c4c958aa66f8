package dev.asyncio4j.bench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

class TimerBenchmarkTest {

    @Test
    void theQuarterNotCancelledFiresAndTheLoopStops() {
        EventLoop loop = new EventLoop();
        try {
            assertEquals(250, TimerBenchmark.run(loop, 1000));
            assertEquals(251, TimerBenchmark.run(loop, 1001), "timers 0, 4, ..., 1000 are kept");
            assertFalse(loop.isRunning());
        } finally {
            loop.close();
        }
    }

    @Test
    void theDelaysAreTheSameSequenceAsThePythonPeers() {
        // core_bench.timers: seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF, from 12345.
        assertEquals(1406932606, TimerBenchmark.nextRandom(12345));
        assertEquals(654583775, TimerBenchmark.nextRandom(1406932606));
    }
}
