package dev.asyncio4j.internal.net;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.TimerHandle;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One time limit over several awaits in a row (name resolution, then each connect attempt):
 * when it expires, the future being awaited fails with {@link TimeoutException} and so does every
 * later {@link #await}. Unlike cancelling the task, this leaves the task's cancellation state
 * alone. Loop-confined.
 */
final class Deadline implements AutoCloseable {

    private final String what;
    private final Duration timeout;
    private final TimerHandle timer;
    private Future<?> current;
    private boolean expired;

    private Deadline(EventLoop loop, String what, Duration timeout) {
        this.what = what;
        this.timeout = timeout;
        this.timer = timeout == null ? null : loop.callLater(timeout, this::expire);
    }

    /** A deadline {@code timeout} from now; none if {@code timeout} is null. */
    static Deadline start(EventLoop loop, String what, Duration timeout) {
        return new Deadline(loop, what, timeout);
    }

    /** Awaits {@code future}, failing with {@link TimeoutException} if the deadline passes first. */
    <T> T await(Future<T> future) throws Exception {
        if (expired) {
            throw timeoutException();
        }
        current = future;
        try {
            return Asyncio.await(future);
        } finally {
            current = null;
        }
    }

    private void expire() {
        expired = true;
        Future<?> waiting = current;
        if (waiting != null && !waiting.isDone()) {
            waiting.setException(timeoutException());
        }
    }

    private TimeoutException timeoutException() {
        return new TimeoutException(what + " timed out after " + timeout.toMillis() + " ms");
    }

    /** Stops the timer. */
    @Override
    public void close() {
        if (timer != null) {
            timer.cancel();
        }
    }
}
