package dev.asyncio4j.examples;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.ensureFuture;
import static dev.asyncio4j.Asyncio.gather;
import static dev.asyncio4j.Asyncio.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Signal;
import dev.asyncio4j.Task;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several coroutines scheduled with {@code ensure_future}, a loop that runs forever, and a Ctrl-C
 * (SIGINT) handler that stops the loop and closes the client: the frame of the tutorial's
 * closing program.
 *
 * <pre>{@code
 * loop = asyncio.get_event_loop()
 * client = aiohttp.ClientSession(loop=loop)
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
 *
 * def signal_handler(signal, frame):
 *     loop.stop()
 *     client.close()
 *     sys.exit(0)
 *
 * signal.signal(signal.SIGINT, signal_handler)
 *
 * asyncio.ensure_future(get_reddit_top('python', client))
 * asyncio.ensure_future(get_reddit_top('programming', client))
 * asyncio.ensure_future(get_reddit_top('compsci', client))
 * loop.run_forever()
 * }</pre>
 *
 * <p>The client is a stand-in until asyncio4j's HTTP client exists: it answers with the
 * tutorial's own posts, shipped with the examples, after a delay that differs by subreddit, so
 * the listings print in the order they "arrive" (python, compsci, programming), not the order
 * asked. Then the loop keeps running until Ctrl-C. The handler runs on the loop's thread
 * ({@code loop.addSignalHandler}, not {@code signal.signal}); instead of {@code sys.exit(0)},
 * {@code runForever()} returns, listings still on their way are cancelled (as {@code asyncio.run()}
 * does), the loop is closed and {@code main} returns: exit status 0.
 *
 * <p>Thread confinement: run it on the JVM's main thread, like {@link SpeakAsync}.
 */
public final class RunForever {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunForever() {}

    /**
     * {@code async def get_reddit_top(subreddit, client)}: fetches the subreddit's top posts and
     * prints {@code score: title (url)} for each, then {@code DONE: subreddit} and a blank line.
     */
    static Coroutine<Void> getRedditTop(String subreddit, StandInClient client, PrintStream out) {
        return async("get_reddit_top", () -> {
            byte[] data1 = await(client.get("https://www.reddit.com/r/" + subreddit + "/top.json?sort=top&t=day&limit=5"));
            JsonNode j = JSON.readTree(new String(data1, StandardCharsets.UTF_8));
            for (JsonNode i : j.at("/data/children")) {
                long score = i.at("/data/score").asLong();
                String title = i.at("/data/title").asText();
                String link = i.at("/data/url").asText();
                out.println(score + ": " + title + " (" + link + ")");
            }
            out.println("DONE: " + subreddit + "\n");
        });
    }

    /**
     * Runs the program, printing to {@code out}, until a SIGINT arrives.
     *
     * @param out where to print
     * @throws Exception whatever the example throws
     */
    public static void run(PrintStream out) throws Exception {
        EventLoop loop = Asyncio.getEventLoop();
        StandInClient client = new StandInClient();

        loop.addSignalHandler(Signal.SIGINT, () -> {   // signal.signal(signal.SIGINT, signal_handler)
            loop.stop();
            client.close();
        });

        ensureFuture(getRedditTop("python", client, out));
        ensureFuture(getRedditTop("programming", client, out));
        ensureFuture(getRedditTop("compsci", client, out));
        out.println("Fetching the top posts; press Ctrl-C to stop.");
        loop.runForever();   // until Ctrl-C

        // Listings that Ctrl-C interrupted: Python leaves them to be destroyed, with a warning
        // each ("Task was destroyed but it is pending!"); cancel them and let them finish instead.
        List<Task<?>> interrupted = List.copyOf(Asyncio.allTasks(loop));
        interrupted.forEach(Task::cancel);
        if (!interrupted.isEmpty()) {
            loop.runUntilComplete(gather(interrupted, true));
        }
        loop.close();   // also removes the signal handler
        Asyncio.setEventLoop(null);
        out.println("Stopped; the client is " + (client.isClosed() ? "closed." : "still open!"));
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

    /**
     * Stands in for aiohttp's {@code ClientSession} until asyncio4j's HTTP client exists:
     * {@code get(url)} answers a Reddit top-posts URL with the listing shipped for that subreddit,
     * after a delay. Loop-confined.
     */
    static final class StandInClient {

        private static final Pattern SUBREDDIT = Pattern.compile("/r/([^/]+)/");
        private static final Map<String, Duration> DELAYS = Map.of(
                "python", Duration.ofMillis(30), "compsci", Duration.ofMillis(60), "programming", Duration.ofMillis(90));

        private boolean closed;

        /**
         * The body of the answer to {@code url}.
         *
         * @throws IllegalStateException (when awaited) if the client is closed
         * @throws IllegalArgumentException (when awaited) if no listing is shipped for the URL
         */
        Coroutine<byte[]> get(String url) {
            return async("get", () -> {
                if (closed) {
                    throw new IllegalStateException("Session is closed");
                }
                Matcher subreddit = SUBREDDIT.matcher(url);
                if (!subreddit.find()) {
                    throw new IllegalArgumentException("not a subreddit URL: " + url);
                }
                await(sleep(DELAYS.getOrDefault(subreddit.group(1), Duration.ZERO)));
                return Listings.json(subreddit.group(1)).getBytes(StandardCharsets.UTF_8);
            });
        }

        /** Closes the client; later requests fail. */
        void close() {
            closed = true;
        }

        /** Whether {@link #close()} was called. */
        boolean isClosed() {
            return closed;
        }

        @Override
        public String toString() {
            return "StandInClient[" + (closed ? "closed" : "open") + "]";
        }
    }
}
