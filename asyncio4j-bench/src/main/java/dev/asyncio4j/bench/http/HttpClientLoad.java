package dev.asyncio4j.bench.http;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.gather;
import static dev.asyncio4j.Asyncio.getRunningLoop;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.http.Url;
import dev.asyncio4j.http.client.ClientSession;
import dev.asyncio4j.http.client.Connector;
import dev.asyncio4j.http.client.ConnectorOptions;
import dev.asyncio4j.http.client.RequestOptions;
import dev.asyncio4j.http.client.SessionOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP client load of the {@code http-client} suite, on asyncio4j: {@code concurrency}
 * tasks on one loop, each GETting the URL and reading the body again and again with one
 * {@link ClientSession}, for a bounded time; prints one line of JSON (see {@link LoadOptions}).
 * The same workload as {@code http_client_bench.py} (aiohttp) and {@link JdkHttpClientLoad}.
 */
public final class HttpClientLoad {

    private HttpClientLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        Url url = Url.of(options.url());
        String result = Asyncio.run(async(() -> {
            Connector connector = new Connector(ConnectorOptions.DEFAULT.withLimit(options.concurrency()));
            try (var session = new ClientSession(SessionOptions.DEFAULT.withConnector(connector, true))) {
                phase(session, url, options.concurrency(), options.warmup());
                long start = System.nanoTime();
                long[] counts = phase(session, url, options.concurrency(), options.seconds());
                double elapsed = (System.nanoTime() - start) / 1e9;
                return LoadOptions.json(counts[0], elapsed, counts[1]);
            }
        }));
        System.out.println(result);
    }

    /** Runs the workers until {@code seconds} have passed; returns {requests, errors}. */
    private static long[] phase(ClientSession session, Url url, int concurrency, double seconds) throws Exception {
        double deadline = getRunningLoop().time() + seconds;
        long[] counts = new long[2];
        List<Coroutine<Void>> workers = new ArrayList<>(concurrency);
        for (int i = 0; i < concurrency; i++) {
            workers.add(async(() -> {
                while (getRunningLoop().time() < deadline) {
                    try (var response = await(session.get(url, RequestOptions.DEFAULT))) {
                        await(response.read());
                        if (response.status() != 200) {
                            counts[1]++;
                        }
                    }
                    counts[0]++;
                }
            }));
        }
        await(gather(workers));
        return counts;
    }
}
