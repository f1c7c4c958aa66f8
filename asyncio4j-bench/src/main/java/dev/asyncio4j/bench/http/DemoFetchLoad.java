package dev.asyncio4j.bench.http;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.gather;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.http.client.ClientSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The demo-fetch suite's client on asyncio4j: the tutorial's closing program (the top posts of
 * several subreddits, fetched concurrently with one {@link ClientSession}, each listing parsed and
 * its {@code score: title (url)} lines made as it arrives, then {@code DONE: name}), against a
 * local server. Peer: {@code python/demo_fetch_bench.py}, the tutorial's own code on aiohttp
 * (which reads the body and parses it with {@code json.loads}; here {@code response.json()}
 * parses it with the session's Jackson mapper, as an asyncio4j program would).
 *
 * <p>Usage: {@code DemoFetchLoad --base-url URL [--subreddits a,b,c] (--once | [--seconds 3]
 * [--warmup 2])}. With {@code --once} it fetches once, prints the program's output and exits (the
 * suite times the whole process: a user's wait); otherwise it fetches again and again, each time
 * with a new session as the program does, one fetch after the other, for a bounded time after a
 * warm-up, and prints one line of JSON: fetches, seconds, ms_per_fetch, errors.
 */
public final class DemoFetchLoad {

    private DemoFetchLoad() {
    }

    /**
     * Runs the load; see the class comment for the options.
     *
     * @param args the options
     * @throws Exception if a fetch fails
     */
    public static void main(String[] args) throws Exception {
        String baseUrl = null;
        List<String> subreddits = List.of("python", "programming", "compsci");
        boolean once = false;
        double seconds = 3;
        double warmup = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base-url" -> baseUrl = args[++i];
                case "--subreddits" -> subreddits = Arrays.asList(args[++i].split(","));
                case "--once" -> once = true;
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (baseUrl == null) {
            throw new IllegalArgumentException("usage: --base-url URL [--subreddits a,b,c] (--once | --seconds S --warmup S)");
        }
        String base = baseUrl;
        List<String> names = subreddits;
        if (once) {
            Asyncio.run(fetchAll(base, names, new StringBuilder(), true));
            return;
        }
        double measured = seconds;
        double warm = warmup;
        String result = Asyncio.run(async(() -> {
            phase(base, names, warm);
            long start = System.nanoTime();
            long fetches = phase(base, names, measured);
            double elapsed = (System.nanoTime() - start) / 1e9;
            return String.format(Locale.ROOT, "{\"fetches\": %d, \"seconds\": %.3f, \"ms_per_fetch\": %.3f, \"errors\": 0}",
                    fetches, elapsed, elapsed * 1e3 / fetches);
        }));
        System.out.println(result);
    }

    /** Fetches one after the other until {@code seconds} have passed; returns how many. */
    private static long phase(String base, List<String> subreddits, double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long fetches = 0;
        long characters = 0;
        do {
            StringBuilder out = new StringBuilder();
            await(fetchAll(base, subreddits, out, false));
            characters += out.length();
            fetches++;
        } while (System.nanoTime() < deadline);
        if (characters == 0) {
            throw new IllegalStateException("the listings had no posts");
        }
        return fetches;
    }

    /**
     * The tutorial's program: one session, every subreddit's listing fetched concurrently, each
     * one's lines made (and printed, when {@code print}) as soon as it arrives.
     */
    static Coroutine<Void> fetchAll(String base, List<String> subreddits, StringBuilder out, boolean print) {
        return async(() -> {
            try (ClientSession client = new ClientSession()) {
                List<Coroutine<Void>> each = new ArrayList<>(subreddits.size());
                for (String subreddit : subreddits) {
                    each.add(async(() -> {
                        String lines = redditTop(client, base, subreddit);
                        out.append(lines);
                        if (print) {
                            System.out.print(lines);
                        }
                    }));
                }
                await(gather(each));
            }
        });
    }

    /** The tutorial's get_reddit_top: the listing's lines and its DONE line. */
    private static String redditTop(ClientSession client, String base, String subreddit) throws Exception {
        JsonNode listing = getJson(client, base + "/r/" + subreddit + "/top.json?sort=top&t=day&limit=5");
        StringBuilder lines = new StringBuilder();
        for (JsonNode post : listing.get("data").get("children")) {
            JsonNode data = post.get("data");
            lines.append(data.get("score").asLong()).append(": ").append(data.get("title").asText())
                    .append(" (").append(data.get("url").asText()).append(")\n");
        }
        return lines.append("DONE: ").append(subreddit).append("\n\n").toString();
    }

    /** The tutorial's get_json: the body of a 200 response, parsed ({@code response.json()}). */
    private static JsonNode getJson(ClientSession client, String url) throws Exception {
        try (var response = await(client.get(url))) {
            if (response.status() != 200) {
                throw new IllegalStateException(url + " answered " + response.status());
            }
            return await(response.json());
        }
    }
}
