package dev.asyncio4j.examples.reddit;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncio4j.CancelledException;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.client.ClientException;
import dev.asyncio4j.http.client.ClientResponse;
import dev.asyncio4j.http.client.ClientSession;
import dev.asyncio4j.http.client.ClientTimeout;
import dev.asyncio4j.http.client.SessionOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The tutorial's {@code get_json} and {@code get_reddit_top}: fetches one subreddit's top posts
 * and prints them, {@code score: title (url)} a line, then {@code DONE: <name>} and a blank line.
 *
 * <pre>{@code
 * async def get_json(client, url):
 *     async with client.get(url) as response:
 *         assert response.status == 200
 *         return await response.read()
 *
 * async def get_reddit_top(subreddit, client):
 *     data1 = await get_json(client, 'https://www.reddit.com/r/' + subreddit + '/top.json?sort=top&t=day&limit=5')
 *     j = json.loads(data1.decode('utf-8'))
 *     for i in j['data']['children']:
 *         score = i['data']['score']
 *         title = i['data']['title']
 *         link = i['data']['url']
 *         print(str(score) + ': ' + title + ' (' + link + ')')
 *     print('DONE:', subreddit + '\n')
 * }</pre>
 *
 * <p>Where the tutorial's {@code assert} and {@code json.loads} would end the program with a
 * traceback, this reader prints one line to its error stream, {@code FAILED: <name>: <reason>}
 * (see {@link FetchException}), and the other subreddits go on. A listing is printed in one
 * write, so listings fetched concurrently never interleave. With {@code json}, each post is
 * printed instead as one JSON object a line ({@link Post#toJson}) and there is no {@code DONE}
 * line. The {@code asyncio4j reddit} and {@code asyncio4j demo} commands and the
 * {@code run-forever} example all print through this class.
 *
 * <p>Loop-confined: its coroutines run on the loop of the {@link ClientSession} they are given.
 */
public final class SubredditReader {

    /**
     * The {@code User-Agent} sent to Reddit, in the form its API rules ask for
     * ({@code <platform>:<app id>:<version> (<description>)}): Reddit answers generic agents
     * (a library's default) with 429 or 403.
     */
    public static final String USER_AGENT = "java:dev.asyncio4j.examples.reddit:v1.0 (the asyncio tutorial's "
            + "subreddit reader; " + ClientSession.USER_AGENT + ")";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final TimeFilter time;
    private final int limit;
    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * A reader of {@code <baseUrl>/r/<name>/top.json?sort=top&t=<time>&limit=<limit>}.
     *
     * @param baseUrl the server, {@code https://www.reddit.com} or a stand-in; a trailing slash is dropped
     * @param time the period the top posts are taken from (the tutorial's is {@link TimeFilter#DAY})
     * @param limit how many posts to ask for, 1 to 100 (the tutorial's is 5)
     * @param json one JSON object a post instead of the tutorial's lines
     * @param out where listings are printed
     * @param err where failures are printed, one line each
     * @throws IllegalArgumentException if {@code limit} is not between 1 and 100
     */
    public SubredditReader(String baseUrl, TimeFilter time, int limit, boolean json, PrintStream out, PrintStream err) {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100 (Reddit's most), not " + limit);
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.time = Objects.requireNonNull(time, "time");
        this.limit = limit;
        this.json = json;
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * The options of a {@link ClientSession} for this reader: {@link #USER_AGENT}, JSON asked
     * for, and a time limit for each whole request (connecting, redirects and the body included).
     *
     * @param timeout the time limit of each request
     * @param userAgent the {@code User-Agent} to send, normally {@link #USER_AGENT}
     * @return the session's options
     */
    public static SessionOptions sessionOptions(Duration timeout, String userAgent) {
        return SessionOptions.DEFAULT
                .withHeaders(Headers.of("User-Agent", userAgent, "Accept", "application/json"))
                .withTimeout(ClientTimeout.ofTotal(timeout));
    }

    /**
     * The URL of {@code subreddit}'s top posts.
     *
     * @param subreddit the subreddit's name
     * @return {@code <baseUrl>/r/<subreddit>/top.json?sort=top&t=<time>&limit=<limit>}
     */
    public String url(String subreddit) {
        return baseUrl + "/r/" + subreddit + "/top.json?sort=top&t=" + time + "&limit=" + limit;
    }

    /**
     * {@code async def get_json(client, url)}: the body of a 200 answer to {@code GET url},
     * redirects followed.
     *
     * @param client the session
     * @param url the URL
     * @return a coroutine whose result is the body; awaiting it throws {@link FetchException}
     *     for any other answer (an error status, Reddit's redirect to its search page), and the
     *     client's exceptions ({@link ClientException}, a time-out) as they come
     */
    // tutorial:begin get-json
    public static Coroutine<byte[]> getJson(ClientSession client, String url) {
        return async("get_json", () -> {
            try (ClientResponse response = await(client.get(url))) {        // async with client.get(url) as response:
                byte[] body = await(response.read());
                if (response.status() != 200 || redirectedAway(response)) {
                    throw FetchException.forAnswer(response.status(), response.reason(), response.headers(),
                            response.url().path(), body, Instant.now());   // assert response.status == 200
                }
                return body;                                                //     return await response.read()
            }
        });
    }
    // tutorial:end

    /** Redirected to something else than a listing: Reddit's search page for a missing subreddit. */
    private static boolean redirectedAway(ClientResponse response) {
        return !response.history().isEmpty() && !response.url().path().endsWith("/top.json");
    }

    /**
     * {@code async def get_reddit_top(subreddit, client)}: fetches {@code subreddit}'s top posts
     * and prints them, or prints why it could not.
     *
     * @param subreddit the subreddit's name
     * @param client the session, shared by every subreddit
     * @return a coroutine whose result says whether the listing was printed (false: a
     *     {@code FAILED} line was printed instead); it raises only {@link CancelledException}
     */
    // tutorial:begin get-reddit-top
    public Coroutine<Boolean> getRedditTop(String subreddit, ClientSession client) {
        return async("get_reddit_top", () -> {
            List<Post> posts;
            try {
                byte[] data1 = await(getJson(client, url(subreddit)));
                posts = Listing.parse(data1).posts();                       // j = json.loads(data1.decode('utf-8'))
            } catch (CancelledException e) {
                throw e;
            } catch (Exception e) {
                err.println("FAILED: " + subreddit + ": " + FetchException.reason(e, client.options().timeout().total()));
                return false;
            }
            StringBuilder printed = new StringBuilder();
            for (int i = 0; i < posts.size(); i++) {                        // for i in j['data']['children']:
                printed.append(json ? toJson(subreddit, i + 1, posts.get(i)) : posts.get(i).line()).append('\n');
            }
            if (!json) {
                printed.append("DONE: ").append(subreddit).append("\n\n");  // print('DONE:', subreddit + '\n')
            }
            out.print(printed);
            out.flush();
            return true;
        });
    }
    // tutorial:end

    private String toJson(String subreddit, int rank, Post post) throws JsonProcessingException {
        return JSON.writeValueAsString(post.toJson(subreddit, rank, baseUrl));
    }

    @Override
    public String toString() {
        return "SubredditReader[" + url("<name>") + (json ? ", json" : "") + "]";
    }
}
