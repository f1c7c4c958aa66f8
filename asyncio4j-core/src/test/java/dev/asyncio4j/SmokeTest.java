package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void modeIsTheExpectedOne() {
        String expected = System.getProperty("asyncio4j.expectedMode", "FAST");
        assertEquals(SchedulingMode.valueOf(expected), Asyncio.schedulingMode());
    }

    @Test
    void twoCoroutinesInterleave() throws Exception {
        List<String> log = new ArrayList<>();
        String result = Asyncio.run(async(() -> {
            Task<Void> a = createTask(async(() -> {
                for (int i = 0; i < 3; i++) {
                    log.add("a" + i);
                    await(sleep(0));
                }
            }));
            Task<Void> b = createTask(async(() -> {
                for (int i = 0; i < 3; i++) {
                    log.add("b" + i);
                    await(sleep(0));
                }
            }));
            await(a);
            await(b);
            return "done";
        }));
        assertEquals("done", result);
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), log);
    }

    @Test
    void sleepsWakeInDeadlineOrder() throws Exception {
        // On virtual time: with real 10 ms gaps, a loop slowed down while it starts the tasks
        // (a busy machine, portable mode's thread hand-offs) shifts their deadlines past each other.
        List<Integer> log = new ArrayList<>();
        try (Runner runner = new Runner(null, VirtualTime::newLoop)) {
            runner.run(async(() -> {
                List<Task<Void>> tasks = new ArrayList<>();
                for (int i : new int[] {30, 10, 20}) {
                    tasks.add(createTask(async(() -> {
                        await(sleep(Duration.ofMillis(i)));
                        log.add(i);
                    })));
                }
                for (Task<Void> t : tasks) {
                    await(t);
                }
            }));
        }
        assertEquals(List.of(10, 20, 30), log);
    }
}
