package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.sleep;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.http.internal.DateCache;
import dev.asyncio4j.http.internal.HeadWriter;
import dev.asyncio4j.http.internal.HttpLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * What the connections of one {@link AppRunner} share: aiohttp's low-level {@code web.Server}.
 * It makes a protocol per accepted connection, keeps the open ones (for graceful shutdown), and
 * holds the per-server pieces a connection would otherwise carry: the head writer, the date
 * cache, the access log. Loop-confined.
 */
final class WebServer {
    /*
     * Overview: connections form an intrusive doubly linked list (first/last and the
     * connections' own previous/next), so joining and leaving cost no allocation and no hashing.
     * One HeadWriter serves every connection: a head is built and copied out within one call,
     * never across a suspension.
     */

    final EventLoop loop;
    final Application app;
    final RunnerOptions options;
    final HttpLimits limits;
    final double keepaliveSeconds;
    final double headerSeconds;
    final double lingeringSeconds;
    final DateCache dateCache = new DateCache();
    final HeadWriter headWriter = new HeadWriter();
    final AccessLog accessLog;
    private HttpConnection first;
    private HttpConnection last;
    private int count;
    private boolean shuttingDown;
    private Future<Void> allClosed;

    WebServer(EventLoop loop, Application app, RunnerOptions options) {
        this.loop = loop;
        this.app = app;
        this.options = options;
        this.limits = HttpConnection.limits(options, Long.MAX_VALUE);
        this.keepaliveSeconds = options.keepaliveTimeout().toNanos() / 1e9;
        this.headerSeconds = options.headerTimeout().toNanos() / 1e9;
        this.lingeringSeconds = options.lingeringTime().toNanos() / 1e9;
        this.accessLog = options.accessLog() == null ? null : new AccessLog(options.accessLog(), options.accessLogFormat());
    }

    /** The protocol factory of the sites. */
    HttpConnection newConnection() {
        return new HttpConnection(this);
    }

    void connectionMade(HttpConnection c) {
        c.previous = last;
        if (last == null) {
            first = c;
        } else {
            last.next = c;
        }
        last = c;
        count++;
        if (shuttingDown) {
            c.beginShutdown();
        }
    }

    void connectionLost(HttpConnection c) {
        if (c.previous == null && first != c) {
            return;  // not (or no longer) listed
        }
        if (c.previous == null) {
            first = c.next;
        } else {
            c.previous.next = c.next;
        }
        if (c.next == null) {
            last = c.previous;
        } else {
            c.next.previous = c.previous;
        }
        c.previous = null;
        c.next = null;
        count--;
        if (count == 0 && allClosed != null && !allClosed.isDone()) {
            allClosed.setResult(null);
        }
    }

    /** Open connections. */
    int connectionCount() {
        return count;
    }

    private List<HttpConnection> snapshot() {
        List<HttpConnection> all = new ArrayList<>(count);
        for (HttpConnection c = first; c != null; c = c.next) {
            all.add(c);
        }
        return all;
    }

    /**
     * Graceful shutdown (aiohttp's {@code Server.shutdown(timeout)}): every connection finishes
     * what it received and closes; after {@code timeout} the rest are cancelled and aborted.
     */
    Coroutine<Void> shutdown(Duration timeout) {
        return async(() -> {
            shuttingDown = true;
            for (HttpConnection c : snapshot()) {
                c.beginShutdown();
            }
            if (count > 0) {
                allClosed = loop.createFuture();
                try {
                    await(Asyncio.waitFor(allClosed, timeout));
                } catch (TimeoutException e) {
                    for (HttpConnection c : snapshot()) {
                        c.abortForShutdown();
                    }
                    // Let the cancelled handlers and the aborted transports' connectionLost run.
                    await(sleep(0));
                    await(sleep(0));
                }
            }
        });
    }

    @Override
    public String toString() {
        return "WebServer[" + count + " connections" + (shuttingDown ? ", shutting down" : "") + "]";
    }
}
