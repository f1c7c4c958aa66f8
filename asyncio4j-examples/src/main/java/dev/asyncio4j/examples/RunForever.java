package dev.asyncio4j.examples;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.examples.reddit.DemoServer;
import dev.asyncio4j.examples.reddit.SubredditReader;
import dev.asyncio4j.examples.reddit.TimeFilter;
import dev.asyncio4j.examples.reddit.TopPosts;
import dev.asyncio4j.http.client.ClientSession;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The tutorial's closing program as it is: several coroutines scheduled with
 * {@code ensure_future}, a loop that runs forever, and a Ctrl-C (SIGINT) handler that stops the
 * loop and closes the client.
 *
 * <pre>{@code
 * loop = asyncio.get_event_loop()
 * client = aiohttp.ClientSession(loop=loop)
 *
 * async def get_reddit_top(subreddit, client):
 *     data1 = await get_json(client, 'https://www.reddit.com/r/' + subreddit + '/top.json?sort=top&t=day&limit=5')
 *     ...
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
 * <p>The client is asyncio4j's {@link ClientSession}, and {@code get_reddit_top} is
 * {@link SubredditReader#getRedditTop}; the frame ({@code ensure_future}, the handler,
 * {@code run_forever}) is {@link TopPosts#printUntilCtrlC}, whose Javadoc says where it differs
 * from the Python and why. So that it runs offline, the requests go to a {@link DemoServer}
 * started on the same loop, which answers with the tutorial's own posts after a delay that
 * differs by subreddit: the listings print in the order they arrive (python, compsci,
 * programming), not the order asked. Then the loop keeps running until Ctrl-C. Instead of
 * {@code sys.exit(0)}, {@code run} returns once the client is closed, and {@code main} exits with
 * status 0.
 *
 * <p>Thread confinement: run it on the JVM's main thread, like {@link SpeakAsync}.
 */
public final class RunForever {

    private RunForever() {}

    /**
     * Runs the program, printing to {@code out}, until a SIGINT arrives.
     *
     * @param out where to print
     * @throws Exception whatever the example throws
     */
    public static void run(PrintStream out) throws Exception {
        // tutorial:begin run-forever
        EventLoop loop = Asyncio.getEventLoop();                                   // loop = asyncio.get_event_loop()
        DemoServer reddit = loop.runUntilComplete(DemoServer.start("127.0.0.1", 0));   // www.reddit.com, offline
        ClientSession client = new ClientSession(                                  // client = aiohttp.ClientSession(loop=loop)
                SubredditReader.sessionOptions(Duration.ofSeconds(30), SubredditReader.USER_AGENT));
        SubredditReader reader = new SubredditReader(reddit.url(), TimeFilter.DAY, 5, false, out, out);

        // Printed from the loop's first callback, so once it shows, the Ctrl-C handler is in place.
        loop.callSoon(() -> out.println("Fetching the top posts; press Ctrl-C to stop."));
        TopPosts.printUntilCtrlC(loop, client, reader, List.of("python", "programming", "compsci"));

        loop.runUntilComplete(reddit.aclose());
        loop.close();
        Asyncio.setEventLoop(null);
        out.println("Stopped; the client is " + (client.isClosed() ? "closed." : "still open!"));
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
