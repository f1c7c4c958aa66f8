package dev.asyncio4j;

import org.junit.jupiter.api.AfterEach;

/** A test class whose tests each get one event loop, closed after the test. */
abstract class LoopTestCase {

    /** The test's loop: on virtual time unless the subclass passes another. */
    final EventLoop loop;

    LoopTestCase() {
        this(VirtualTime.newLoop());
    }

    LoopTestCase(EventLoop loop) {
        this.loop = loop;
    }

    @AfterEach
    final void closeLoop() {
        loop.close();
    }

    /** Runs exactly one iteration of the test's loop. */
    final void runOnce() {
        runOnce(loop);
    }

    /**
     * Runs exactly one iteration of {@code loop}: asyncio's test_utils.run_once, the
     * {@code loop.stop(); loop.run_forever()} idiom (a pre-stopped loop polls once and runs what is
     * ready).
     */
    static void runOnce(EventLoop loop) {
        loop.stop();
        loop.runForever();
    }
}
