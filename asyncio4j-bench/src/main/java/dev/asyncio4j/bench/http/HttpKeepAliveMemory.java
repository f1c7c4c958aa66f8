package dev.asyncio4j.bench.http;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.http.server.AppRunner;
import dev.asyncio4j.http.server.RunnerOptions;
import dev.asyncio4j.http.server.TcpSite;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heap held per open keep-alive connection by asyncio4j's HTTP server: each connection has served
 * one request and waits, idle, for the next. The clients are another process
 * ({@code python/http_keepalive_clients.py}), so this JVM's heap holds the server side only.
 *
 * <p>Steps: serve {@link HttpJsonServer#app()} on a loop of its own thread (access log off);
 * warm up over connections of our own, closed again; measure the live heap after full GCs; start
 * the client process for {@code connections} connections; when it says all are connected and the
 * server counts them, measure again; print one JSON object with the difference per connection.
 * Not a JMH benchmark: it measures bytes, not time.
 *
 * <p>Usage: {@code HttpKeepAliveMemory [connections [python]]}, default 10,000 and
 * {@code /usr/bin/python3}. Needs the client script beside the bench module
 * ({@code -Dasyncio4j.bench.python=asyncio4j-bench/python}, set by bench.py).
 */
public final class HttpKeepAliveMemory {

    private HttpKeepAliveMemory() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String python = args.length > 1 ? args[1] : "/usr/bin/python3";
        Path script = Path.of(System.getProperty("asyncio4j.bench.python", "asyncio4j-bench/python"),
                "http_keepalive_clients.py");
        try {
            run(connections, python, script);
        } catch (Exception e) {
            e.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
        Runtime.getRuntime().halt(0);
    }

    private static void run(int connections, String python, Path script) throws Exception {
        EventLoop loop = new EventLoop();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        CompletableFuture<AppRunner> runnerRef = new CompletableFuture<>();
        Thread serverThread = new Thread(() -> {
            try {
                loop.runUntilComplete(async(() -> {
                    AppRunner runner = new AppRunner(HttpJsonServer.app(),
                            RunnerOptions.DEFAULT.withAccessLog(null).withBacklog(4096));
                    await(runner.setup());
                    TcpSite site = new TcpSite(runner, JsonPayload.HOST, 0);
                    await(site.start());
                    runnerRef.complete(runner);
                    port.complete(site.port());
                    Future<Void> forever = loop.createFuture();
                    await(forever);
                }));
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
        }, "http-server");
        serverThread.setDaemon(true);
        serverThread.start();
        int p = port.get(60, TimeUnit.SECONDS);
        AppRunner runner = runnerRef.get();
        warmUp(p);
        waitFor(() -> count(loop, runner) == 0);
        long before = liveHeap();

        Process clients = new ProcessBuilder(python, script.toString(), String.valueOf(p), String.valueOf(connections))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.contains("\"connected\": " + connections)) {
                throw new IllegalStateException("the client process said " + line);
            }
            waitFor(() -> count(loop, runner) == connections);
            long after = liveHeap();
            System.out.printf(Locale.ROOT, "{\"workload\": \"http_keepalive_memory\", \"connections\": %d, "
                    + "\"heap_before\": %d, \"heap_after\": %d, \"bytes_per_connection\": %.1f}%n",
                    connections, before, after, (double) (after - before) / connections);
            System.out.flush();
        } finally {
            clients.getOutputStream().close();
            if (!clients.waitFor(30, TimeUnit.SECONDS)) {
                clients.destroyForcibly();
            }
        }
    }

    private static int count(EventLoop loop, AppRunner runner) {
        CompletableFuture<Integer> n = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> n.complete(runner.connectionCount()));
        return n.join();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for the server");
            }
            Thread.sleep(50);
        }
    }

    /** 2,000 requests over 200 connections of our own, closed again: the serving paths are compiled. */
    private static void warmUp(int port) throws Exception {
        byte[] request = "GET /json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        for (int c = 0; c < 200; c++) {
            try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(JsonPayload.HOST, port))) {
                for (int i = 0; i < 10; i++) {
                    channel.write(ByteBuffer.wrap(request));
                    buffer.clear();
                    int total = 0;
                    while (total == 0 || !endsWithBody(buffer, total)) {
                        int n = channel.read(buffer);
                        if (n < 0) {
                            throw new IllegalStateException("server closed during warm-up");
                        }
                        total += n;
                    }
                }
            }
        }
    }

    private static boolean endsWithBody(ByteBuffer buffer, int total) {
        byte[] payload = JsonPayload.BYTES;
        if (total < payload.length) {
            return false;
        }
        for (int i = 0; i < payload.length; i++) {
            if (buffer.get(total - payload.length + i) != payload[i]) {
                return false;
            }
        }
        return true;
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
