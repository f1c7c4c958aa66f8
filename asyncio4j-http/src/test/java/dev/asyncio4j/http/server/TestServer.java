package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.Coroutine;

/** An application served on 127.0.0.1 with a port the OS chose, for tests. Loop-confined. */
final class TestServer {
    final AppRunner runner;
    final TcpSite site;

    private TestServer(AppRunner runner, TcpSite site) {
        this.runner = runner;
        this.site = site;
    }

    static Coroutine<TestServer> start(Application app) {
        return start(app, RunnerOptions.DEFAULT.withAccessLog(null));
    }

    static Coroutine<TestServer> start(Application app, RunnerOptions options) {
        return async(() -> {
            AppRunner runner = new AppRunner(app, options);
            await(runner.setup());
            TcpSite site = new TcpSite(runner, "127.0.0.1", 0);
            await(site.start());
            return new TestServer(runner, site);
        });
    }

    int port() {
        return site.port();
    }

    Coroutine<RawClient> client() {
        return RawClient.connect(port());
    }

    Coroutine<Void> stop() {
        return runner.cleanup();
    }
}
