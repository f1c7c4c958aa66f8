package dev.asyncio4j.examples.reddit;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncio4j.AsyncCloseable;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.http.server.AppRunner;
import dev.asyncio4j.http.server.Application;
import dev.asyncio4j.http.server.HttpException;
import dev.asyncio4j.http.server.Request;
import dev.asyncio4j.http.server.Response;
import dev.asyncio4j.http.server.Router;
import dev.asyncio4j.http.server.RunnerOptions;
import dev.asyncio4j.http.server.TcpSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reddit's listings API, offline: an asyncio4j web server ({@code aiohttp.web}) that answers
 * {@code GET /r/<name>/top.json?limit=N} the way www.reddit.com does, from listings shipped with
 * the examples, each after its own delay. The {@code demo} command and the {@code run-forever}
 * example point the real {@link dev.asyncio4j.http.client.ClientSession} at it.
 *
 * <ul>
 *   <li>r/python, r/programming and r/compsci hold the tutorial's posts (the lines it printed),
 *       with the other fields Reddit sends ({@code permalink}, {@code author},
 *       {@code num_comments}, {@code created_utc} ...); r/java holds six illustrative posts.
 *   <li>Names are matched without regard to case, as Reddit does. A name it does not know is
 *       redirected (302) to {@code /subreddits/search.json?q=<name>}, as Reddit does.
 *   <li>{@code limit} (1 to 100, default 25) cuts the listing; {@code sort} and {@code t} are
 *       accepted and, the listings being fixed, change nothing.
 *   <li>The answers are delayed ({@link #DELAYS}: python 0.3 s, java 0.45 s, compsci 0.6 s,
 *       programming 0.9 s), so listings asked for together arrive in that order, whatever the
 *       order asked: the tutorial's python, compsci, programming.
 * </ul>
 *
 * <p>Loop-confined: it serves on the loop it was started on.
 */
public final class DemoServer implements AsyncCloseable {

    /** How long each subreddit's answer takes, in the order they arrive. */
    public static final Map<String, Duration> DELAYS;

    static {
        var delays = new LinkedHashMap<String, Duration>();
        delays.put("python", Duration.ofMillis(300));
        delays.put("java", Duration.ofMillis(450));
        delays.put("compsci", Duration.ofMillis(600));
        delays.put("programming", Duration.ofMillis(900));
        DELAYS = Collections.unmodifiableSequencedMap(delays);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> LISTINGS = load(DELAYS.keySet());

    private final AppRunner runner;
    private final TcpSite site;

    private DemoServer(AppRunner runner, TcpSite site) {
        this.runner = runner;
        this.site = site;
    }

    /**
     * Starts the server, with the usual {@link #DELAYS}.
     *
     * @param host the address to listen on, {@code 127.0.0.1} for this machine only
     * @param port the port; 0 for one the OS chooses ({@link #url()} says which)
     * @return a coroutine whose result is the running server; it raises what listening raised
     *     (a port in use)
     */
    public static Coroutine<DemoServer> start(String host, int port) {
        Application app = new Application();
        addRoutes(app.router(), DELAYS);
        return start(app, host, port);
    }

    /**
     * Serves {@code app} the way the demo serves its own: without an access log (the demo prints
     * only the tutorial's lines), and dropping the answers still delayed when it stops. For an
     * application with more routes than {@link #addRoutes} adds (a test's).
     *
     * @param app the application, not yet started
     * @param host the address to listen on
     * @param port the port; 0 for one the OS chooses
     * @return a coroutine whose result is the running server
     */
    public static Coroutine<DemoServer> start(Application app, String host, int port) {
        return async("DemoServer.start", () -> {
            AppRunner runner = new AppRunner(app, RunnerOptions.DEFAULT.withAccessLog(null)
                    .withShutdownTimeout(Duration.ZERO));
            await(runner.setup());
            TcpSite site = new TcpSite(runner, host, port);
            try {
                await(site.start());
            } catch (Exception e) {
                await(runner.cleanup());
                throw e;
            }
            return new DemoServer(runner, site);
        });
    }

    /**
     * Adds Reddit's routes to {@code router}: {@code GET /r/{name}/top.json} and
     * {@code GET /subreddits/search.json}, as the class describes.
     *
     * @param router the router of an application not yet started
     * @param delays how long each subreddit's answer takes (no delay for one not named)
     */
    public static void addRoutes(Router router, Map<String, Duration> delays) {
        Map<String, Duration> byName = Map.copyOf(delays);
        router.get("/r/{name}/top.json", request -> async("top.json", () -> {
            String name = request.matchInfo().get("name").toLowerCase(Locale.ROOT);
            JsonNode listing = LISTINGS.get(name);
            if (listing == null) {
                throw HttpException.redirect(302, "/subreddits/search.json?q="
                        + URLEncoder.encode(request.matchInfo().get("name"), StandardCharsets.UTF_8));
            }
            await(sleep(byName.getOrDefault(name, Duration.ZERO)));
            return Response.json(firstPosts(listing, limit(request)));
        }));
        router.get("/subreddits/search.json", request -> async("search.json", () -> {
            ObjectNode nothingFound = JSON.createObjectNode().put("kind", "Listing");
            nothingFound.putObject("data").put("dist", 0).putNull("after").putNull("before").putArray("children");
            return Response.json(nothingFound);
        }));
    }

    /**
     * The subreddits served, in the order their answers arrive.
     *
     * @return python, java, compsci, programming
     */
    public static Set<String> subreddits() {
        return DELAYS.keySet();
    }

    /**
     * The whole listing served for {@code subreddit}, as JSON text.
     *
     * @param subreddit one of {@link #subreddits()}
     * @return the listing, as JSON text
     * @throws IllegalArgumentException if it is not served here
     */
    public static String listing(String subreddit) {
        JsonNode listing = LISTINGS.get(subreddit);
        if (listing == null) {
            throw new IllegalArgumentException("no listing for r/" + subreddit + "; the demo serves " + subreddits());
        }
        return listing.toPrettyString();
    }

    /**
     * The server's URL.
     *
     * @return {@code http://<host>:<port>}, with the port the OS chose
     */
    public String url() {
        return site.name();
    }

    /**
     * Stops listening and closes the connections (answers still delayed are cancelled).
     *
     * @return a coroutine to await
     */
    @Override
    public Coroutine<Void> aclose() {
        return runner.cleanup();
    }

    @Override
    public String toString() {
        return "DemoServer[" + url() + "]";
    }

    /** Reddit's {@code limit}: 25 when absent or not a number, at most 100. */
    private static int limit(Request request) {
        try {
            return Math.clamp(Integer.parseInt(request.query().get("limit", "25")), 1, 100);
        } catch (NumberFormatException e) {
            return 25;
        }
    }

    /** The listing cut to its first {@code limit} posts, with {@code dist} and {@code after} to match. */
    private static JsonNode firstPosts(JsonNode listing, int limit) {
        ObjectNode copy = listing.deepCopy();
        ObjectNode data = (ObjectNode) copy.get("data");
        ArrayNode children = (ArrayNode) data.get("children");
        if (children.size() > limit) {
            while (children.size() > limit) {
                children.remove(children.size() - 1);
            }
            data.put("after", children.get(limit - 1).at("/data/name").asText());
        }
        data.put("dist", children.size());
        return copy;
    }

    private static Map<String, JsonNode> load(Set<String> subreddits) {
        Map<String, JsonNode> listings = new LinkedHashMap<>();
        for (String subreddit : subreddits) {
            try (InputStream in = DemoServer.class.getResourceAsStream(subreddit + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("the listing of r/" + subreddit + " is missing from the examples' jar");
                }
                listings.put(subreddit, JSON.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Collections.unmodifiableMap(listings);
    }
}
