package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.sleep;

import dev.asyncio4j.sync.Event;

/**
 * A child JVM for {@link RunAppIT}: {@code Web.runApp} on a port the OS chooses, with a slow route
 * that runs until half a second after the shutdown has begun: it is surely in flight when the
 * signal comes, and the shutdown must wait for it.
 */
public final class RunAppMain {
    private RunAppMain() {
    }

    public static void main(String[] args) throws Exception {
        Application app = new Application();
        Event shuttingDown = new Event();
        app.router().get("/", r -> async(() -> Response.text("hello")));
        app.router().get("/slow", r -> async(() -> {
            System.out.println("slow started");
            await(shuttingDown.waitAsync());
            await(sleep(0.5));
            return Response.text("finished in time");
        }));
        app.onShutdown(a -> async(shuttingDown::set));
        app.onCleanup(a -> async(() -> System.out.println("cleanup done")));
        Web.runApp(app, "127.0.0.1", 0);
        System.out.println("runApp returned");
    }
}
