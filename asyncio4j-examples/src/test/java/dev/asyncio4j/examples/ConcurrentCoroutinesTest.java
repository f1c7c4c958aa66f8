package dev.asyncio4j.examples;

import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncio4j.Task;
import dev.asyncio4j.testing.AsyncioTest;
import dev.asyncio4j.testing.TestLoop;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConcurrentCoroutinesTest {

    @AsyncioTest
    void theSleepsDecideTheInterleaving(TestLoop loop) throws Exception {
        Output out = new Output();

        await(ConcurrentCoroutines.main(out.stream()));

        // fast prints at 0, 10 and 20 ms; slow at 0, 25 and 50 ms; slow's last sleep ends at 75 ms.
        assertEquals(List.of("fast 0", "slow 0", "fast 1", "fast 2", "slow 1", "slow 2"), out.lines());
        assertEquals(0.075, loop.time(), 1e-9);
    }

    @AsyncioTest
    void aCounterSleepsAfterEachLine(TestLoop loop) throws Exception {
        Output out = new Output();

        await(ConcurrentCoroutines.count(out.stream(), "tick", Duration.ofSeconds(2)));

        assertEquals(List.of("tick 0", "tick 1", "tick 2"), out.lines());
        assertEquals(6.0, loop.time(), 1e-9);
    }

    @AsyncioTest
    void countersInterleaveWhateverTheirStartOrder() throws Exception {
        Output out = new Output();

        Task<Void> slow = createTask(ConcurrentCoroutines.count(out.stream(), "slow", Duration.ofMillis(25)));
        Task<Void> fast = createTask(ConcurrentCoroutines.count(out.stream(), "fast", Duration.ofMillis(10)));
        await(fast);
        await(slow);

        assertEquals(List.of("slow 0", "fast 0", "fast 1", "fast 2", "slow 1", "slow 2"), out.lines());
    }
}
