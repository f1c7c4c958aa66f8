package dev.asyncio4j.http.client;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.TimerHandle;
import dev.asyncio4j.http.Url;
import java.util.List;

/**
 * One call of {@code session.request(...)}, from the first connection to the end of the last
 * response's body: its time limits and what they interrupt. aiohttp's {@code TimeoutHandle}
 * with the request's bookkeeping.
 *
 * <p>Loop-confined.
 */
final class RequestState {
    /*
     * Overview: the total limit is one timer for the whole call. When it fires it fails what the
     * request waits for right now: the future it awaits (a connection) and the current exchange
     * (its head, or its body while the user reads it), and aborts that exchange's connection.
     * It is cancelled when the last response's body ends or fails, or when the call fails.
     */
    final EventLoop loop;
    private final ClientTimeout timeout;
    final double sockRead;
    ClientRequest request;
    private TimerHandle totalTimer;
    private Future<?> waiting;
    Exchange exchange;
    private boolean ended;

    RequestState(EventLoop loop, ClientTimeout timeout, ClientRequest request) {
        this.loop = loop;
        this.timeout = timeout;
        this.request = request;
        this.sockRead = timeout.sockRead() == null ? 0 : Math.max(timeout.sockRead().toNanos() / 1e9, 1e-9);
        if (timeout.total() != null) {
            totalTimer = loop.callLater(timeout.total(), this::totalExpired);
        }
    }

    ClientTimeout timeout() {
        return timeout;
    }

    /** The URL being requested now (it changes with redirects). */
    Url url() {
        return request.url;
    }

    RequestInfo requestInfo() {
        return request.requestInfo();
    }

    List<ClientResponse> history() {
        return request.history();
    }

    /** Awaits {@code future}, which the time limits may fail. */
    <T> T await(Future<T> future) throws Exception {
        waiting = future;
        try {
            return Asyncio.await(future);
        } finally {
            waiting = null;
        }
    }

    /** The current exchange's body ended or failed: if it is the final one, the limits are done. */
    void responseEnded() {
        if (ended) {
            cancelTimer();
        }
    }

    /** The final response was handed to the user: the limits end with its body. */
    void returned(Exchange last) {
        ended = true;
        if (last.isComplete() || last.isReleased()) {
            cancelTimer();
        }
    }

    /** The call failed: stop the clock. */
    void failed() {
        ended = true;
        cancelTimer();
    }

    private void cancelTimer() {
        if (totalTimer != null) {
            totalTimer.cancel();
            totalTimer = null;
        }
    }

    private void totalExpired() {
        totalTimer = null;
        TotalTimeoutException e = new TotalTimeoutException("Request to " + request.url + " took longer than "
                + timeout.total().toMillis() / 1000.0 + " s (ClientTimeout.total)");
        Exchange ex = exchange;
        if (ex != null) {
            ex.fail(e);
            ex.abortConnection();
        }
        Future<?> f = waiting;
        if (f != null && !f.isDone()) {
            f.setException(e);
        }
    }
}
