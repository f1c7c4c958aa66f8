package dev.asyncio4j.examples;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.isCoroutine;
import static dev.asyncio4j.Asyncio.isCoroutineFunction;

import dev.asyncio4j.Coroutine;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Telling coroutine functions and coroutine objects apart: {@code asyncio.iscoroutinefunction()}
 * and {@code asyncio.iscoroutine()}.
 *
 * <pre>{@code
 * async def ping_server(ip):
 *     pass
 *
 * @asyncio.coroutine
 * def load_file(path):
 *     pass
 *
 * asyncio.iscoroutinefunction(ping_server)          # True
 * asyncio.iscoroutine(ping_server('192.168.1.1'))   # True
 * }</pre>
 *
 * <p>In Java a coroutine function is a method that returns a {@link Coroutine}, and calling it
 * makes a coroutine object without running anything. The older style's method returns a
 * {@link CompletionStage}: {@code await} accepts one, but it is not a coroutine, so both checks say
 * false for it, as {@code asyncio.iscoroutine()} does for a future. (Python said True for the
 * decorated {@code load_file} until 3.11 removed the decorator.) A coroutine object that is never
 * run should be closed, as in Python, or it is reported as never awaited.
 *
 * <p>Thread confinement: none; nothing here needs an event loop.
 */
public final class IsCoroutine {

    private IsCoroutine() {}

    // tutorial:begin coroutines
    // async def ping_server(ip): pass
    static Coroutine<Void> pingServer(String ip) {
        return async("ping_server", () -> { });
    }

    // @asyncio.coroutine def load_file(path): pass, in the older style's Java form
    static CompletionStage<String> loadFile(Path path) {
        return CompletableFuture.completedFuture("");
    }
    // tutorial:end

    /**
     * Runs the program, printing to {@code out}.
     *
     * @param out where to print
     * @throws Exception whatever the example throws
     */
    public static void run(PrintStream out) throws Exception {
        // tutorial:begin iscoroutine
        Method pingServer = IsCoroutine.class.getDeclaredMethod("pingServer", String.class);
        Method loadFile = IsCoroutine.class.getDeclaredMethod("loadFile", Path.class);
        out.println("iscoroutinefunction(ping_server): " + isCoroutineFunction(pingServer));
        out.println("iscoroutinefunction(load_file): " + isCoroutineFunction(loadFile));

        Coroutine<Void> coro = pingServer("192.168.1.1");   // makes a coroutine object; runs nothing
        out.println("iscoroutine(ping_server('192.168.1.1')): " + isCoroutine(coro));
        out.println("iscoroutine(load_file('data.txt')): " + isCoroutine(loadFile(Path.of("data.txt"))));
        coro.close();                                        // coro.close(): it will never run
        // tutorial:end
    }

    /**
     * Runs the program on standard output.
     *
     * @param args the command line
     * @throws Exception whatever the example throws
     */
    public static void main(String[] args) throws Exception {
        run(System.out);
    }
}
