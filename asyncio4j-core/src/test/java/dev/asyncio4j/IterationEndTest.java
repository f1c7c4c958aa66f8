package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncio4j.internal.LoopInternals;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LoopInternals.atIterationEnd: after the iteration's ready items, before the next iteration's. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class IterationEndTest {

    @Test
    void runsAfterTheReadyItemsOfItsIterationAndBeforeTheNext() {
        EventLoop loop = new EventLoop();
        try {
            List<String> order = new ArrayList<>();
            loop.callSoon(() -> {
                order.add("first");
                LoopInternals.get().atIterationEnd(loop, () -> {
                    order.add("end");
                    LoopInternals.get().atIterationEnd(loop, () -> order.add("end again"));
                });
                loop.callSoon(() -> {
                    order.add("next iteration");
                    loop.stop();
                });
            });
            loop.callSoon(() -> order.add("second"));
            loop.runForever();
            assertEquals(List.of("first", "second", "end", "end again", "next iteration"), order);
        } finally {
            loop.close();
        }
    }

    @Test
    void anExceptionGoesToTheExceptionHandlerAndTheOthersStillRun() {
        EventLoop loop = new EventLoop();
        try {
            List<Object> seen = new ArrayList<>();
            loop.setExceptionHandler((l, context) -> seen.add(context.message()));
            loop.callSoon(() -> {
                LoopInternals.get().atIterationEnd(loop, () -> {
                    throw new IllegalStateException("boom");
                });
                LoopInternals.get().atIterationEnd(loop, () -> seen.add("ran"));
                loop.callSoon(loop::stop);
            });
            loop.runForever();
            assertEquals(2, seen.size());
            assertEquals("ran", seen.get(1));
            assertEquals(true, String.valueOf(seen.get(0)).startsWith("Exception in end-of-iteration action"));
        } finally {
            loop.close();
        }
    }
}
