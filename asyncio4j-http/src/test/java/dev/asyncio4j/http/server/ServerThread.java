package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An application served by its own loop on its own thread, for tests whose peers are blocking
 * (subprocesses): the test thread waits for them while the loop serves. Thread-safe.
 */
final class ServerThread implements AutoCloseable {
    private final EventLoop loop = new EventLoop();
    private final CompletableFuture<Integer> started = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile Future<Void> stop;
    private final Thread thread;

    private ServerThread(Application app, RunnerOptions options) {
        thread = new Thread(() -> {
            try {
                loop.runUntilComplete(async(() -> {
                    AppRunner runner = new AppRunner(app, options);
                    await(runner.setup());
                    TcpSite site = new TcpSite(runner, "127.0.0.1", 0);
                    await(site.start());
                    stop = loop.createFuture();
                    started.complete(site.port());
                    try {
                        await(stop);
                    } finally {
                        await(runner.cleanup());
                    }
                }));
                stopped.complete(null);
            } catch (Throwable e) {
                started.completeExceptionally(e);
                stopped.completeExceptionally(e);
            } finally {
                loop.close();
            }
        }, "server-thread");
        thread.setDaemon(true);
    }

    static ServerThread start(Application app) throws Exception {
        return start(app, RunnerOptions.DEFAULT.withAccessLog(null));
    }

    static ServerThread start(Application app, RunnerOptions options) throws Exception {
        ServerThread s = new ServerThread(app, options);
        s.thread.start();
        s.started.get(20, TimeUnit.SECONDS);
        return s;
    }

    int port() {
        return started.join();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() throws Exception {
        loop.callSoonThreadsafe(() -> {
            if (!stop.isDone()) {
                stop.setResult(null);
            }
        });
        stopped.get(30, TimeUnit.SECONDS);
    }
}
