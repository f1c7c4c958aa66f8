package dev.asyncio4j.bench.http;

import java.net.URI;
import java.util.Locale;

/**
 * The command line shared by the HTTP client load mains:
 * {@code --url URL [--concurrency 100] [--seconds 5] [--warmup 2]}, and their one line of JSON
 * output, which bench.py reads.
 *
 * @param url the URL to GET over and over
 * @param concurrency how many requests are in flight at once
 * @param seconds the measured time
 * @param warmup the time run first, unmeasured
 */
record LoadOptions(URI url, int concurrency, double seconds, double warmup) {

    static LoadOptions parse(String[] args) {
        URI url = null;
        int concurrency = 100;
        double seconds = 5;
        double warmup = 2;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = URI.create(args[i + 1]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--warmup" -> warmup = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || args.length % 2 != 0) {
            throw new IllegalArgumentException("usage: --url URL [--concurrency N] [--seconds S] [--warmup S]");
        }
        return new LoadOptions(url, concurrency, seconds, warmup);
    }

    /** The result line: requests completed, their rate over the measured time, and failures. */
    static String json(long requests, double elapsedSeconds, long errors) {
        return String.format(Locale.ROOT, "{\"requests\": %d, \"seconds\": %.3f, \"requests_per_s\": %.1f, \"errors\": %d}",
                requests, elapsedSeconds, requests / elapsedSeconds, errors);
    }
}
