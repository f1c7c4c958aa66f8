package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

/**
 * Code of the core's package that is not the core: a stand-in for a user's class (or asyncio4j's
 * examples and HTTP module) in a test, whose name, unlike a test class's, says nothing of tests.
 */
final class PlainCode {

    private PlainCode() {}

    /** A coroutine that waits for {@code gate}, one frame deep in this class. */
    static Coroutine<Void> waitFor(Future<Void> gate) {
        return async(() -> {
            await(gate);
        });
    }
}
