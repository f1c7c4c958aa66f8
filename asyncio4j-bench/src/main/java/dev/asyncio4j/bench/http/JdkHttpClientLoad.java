package dev.asyncio4j.bench.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP client load of the {@code http-client} suite, on the JDK's
 * {@link java.net.http.HttpClient} (HTTP/1.1, its default executor and pool), driven the same
 * way as {@link HttpClientLoad}: {@code concurrency} request loops, each sending the next GET
 * ({@code sendAsync}, body read as bytes) when the previous completes, for a bounded time.
 * Prints one line of JSON (see {@link LoadOptions}).
 */
public final class JdkHttpClientLoad {

    private JdkHttpClientLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(options.url()).GET().build();
        phase(client, request, options.concurrency(), options.warmup());
        long start = System.nanoTime();
        long[] counts = phase(client, request, options.concurrency(), options.seconds());
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.println(LoadOptions.json(counts[0], elapsed, counts[1]));
        client.shutdownNow();
    }

    /** Runs the request loops until {@code seconds} have passed; returns {requests, errors}. */
    private static long[] phase(HttpClient client, HttpRequest request, int concurrency, double seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            new Loop(client, request, deadline, requests, errors, done).next();
        }
        done.await();
        return new long[] {requests.get(), errors.get()};
    }

    /** One request loop: the next request starts when the previous one's body has arrived. */
    private record Loop(HttpClient client, HttpRequest request, long deadline, AtomicLong requests, AtomicLong errors,
            CountDownLatch done) {
        void next() {
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                requests.incrementAndGet();
                if (System.nanoTime() < deadline) {
                    next();
                } else {
                    done.countDown();
                }
            });
        }
    }
}
