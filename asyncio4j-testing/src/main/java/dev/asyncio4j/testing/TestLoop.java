package dev.asyncio4j.testing;

import dev.asyncio4j.Awaitable;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.internal.LoopInternals;
import dev.asyncio4j.internal.VirtualClock;
import java.time.Duration;

/**
 * An event loop on virtual time, for tests: when every task is waiting and nothing is ready,
 * time jumps to the next timer, so an hour of {@code sleep} takes no wall time and timing is
 * exact. Trio's {@code MockClock(autojump_threshold=0)}, kotlinx's {@code runTest}; asyncio itself
 * has only its test suite's {@code TestLoop} in {@code test.test_asyncio.utils}.
 *
 * <pre>{@code
 * try (TestLoop test = new TestLoop()) {
 *     test.run(async(() -> await(sleep(Duration.ofHours(1)))));   // returns at once
 *     assertEquals(3600.0, test.time());
 * }
 * }</pre>
 *
 * <p>Real I/O and other threads still work; give a positive {@code autojumpThreshold} when a test
 * waits for them while timers are pending, so the loop waits that long in real time before it
 * jumps. Loop-confined, like {@link EventLoop}: use it from the test's thread.
 */
public final class TestLoop implements AutoCloseable {

    private final VirtualClock clock;
    private final EventLoop loop;

    /** A test loop that jumps time as soon as it is idle. */
    public TestLoop() {
        this(Duration.ZERO);
    }

    /**
     * A test loop that jumps time after {@code autojumpThreshold} of real idleness.
     *
     * @param autojumpThreshold how long the loop must be idle in real time before virtual time
     *     jumps
     */
    public TestLoop(Duration autojumpThreshold) {
        this.clock = new VirtualClock(autojumpThreshold.toNanos());
        this.loop = LoopInternals.get().newLoop(clock);
    }

    /**
     * The event loop, to pass to code under test or to call loop methods on.
     *
     * @return the event loop, to pass to code under test or to call loop methods on
     */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Runs {@code awaitable} to completion on the loop and returns its result: {@link
     * EventLoop#runUntilComplete}.
     *
     * @param <T> the result type
     * @param awaitable a coroutine or a future
     * @return the awaitable's result
     * @throws Exception the awaitable's own exception, as it was raised
     */
    public <T> T run(Awaitable<T> awaitable) throws Exception {
        return loop.runUntilComplete(awaitable);
    }

    /**
     * The loop's virtual time in seconds.
     *
     * @return the loop's virtual time in seconds
     */
    public double time() {
        return loop.time();
    }

    /**
     * Moves virtual time forward by {@code delay} while the loop is not running; timers now due
     * run the next time the loop runs.
     *
     * @param delay how long to wait
     */
    public void advance(Duration delay) {
        if (loop.isRunning()) {
            throw new IllegalStateException("advance() while the loop runs; await sleep() in a task instead");
        }
        clock.advance(delay.toNanos());
    }

    /** Closes the loop. */
    @Override
    public void close() {
        loop.close();
    }

    @Override
    public String toString() {
        return "TestLoop[" + clock + ", " + loop + "]";
    }
}
