package dev.asyncio4j.examples.reddit;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.ensureFuture;
import static dev.asyncio4j.Asyncio.gather;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Signal;
import dev.asyncio4j.Task;
import dev.asyncio4j.http.client.ClientSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The tutorial's closing program: every subreddit fetched concurrently with one client, each
 * printed as it arrives, and Ctrl-C handled by stopping the loop and closing the client.
 *
 * <pre>{@code
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
 * <p>The same shape in Java, with three changes, each for a reason:
 * <ul>
 *   <li>The handler is the loop's ({@code loop.add_signal_handler}), so it runs on the loop's
 *       thread between two callbacks, never in the middle of one as a Python signal handler can.
 *   <li>{@code client.close()} is a coroutine in today's aiohttp (the tutorial's call no longer
 *       closes anything; it warns that the coroutine was never awaited), and so is
 *       {@link ClientSession#aclose()}. The handler schedules it as a task, after cancelling the
 *       fetches still running (so that no half-finished request reports a failure), and the task
 *       runs to its end once {@code runForever()} has returned. Instead of {@code sys.exit(0)} the
 *       run returns, and the command exits with status 130, as a program that Ctrl-C stopped does.
 *   <li>{@link #printAll} stops the loop the same way once every listing has been printed, so a
 *       command ends by itself; {@link #printUntilCtrlC} runs until Ctrl-C, as the tutorial does.
 * </ul>
 *
 * <p>Thread confinement: call it on the thread that runs {@code loop}, with the loop not running
 * (as {@code loop.run_forever()} is called). It installs a SIGINT handler while it runs and
 * removes it before it returns; the loop is left open for the caller to close.
 */
public final class TopPosts {

    private final EventLoop loop;
    private final ClientSession client;
    private final Map<String, Future<Boolean>> fetches = new LinkedHashMap<>();
    private final List<String> arrived = new ArrayList<>();
    private Task<Void> closing;
    private boolean interrupted;

    /** A run on {@code loop} with {@code client}; package-private so that tests can call {@link #signalHandler()}. */
    TopPosts(EventLoop loop, ClientSession client) {
        this.loop = loop;
        this.client = client;
    }

    /**
     * Prints the top posts of every subreddit as they arrive, then closes the client; or, on
     * Ctrl-C, cancels what has not arrived yet and closes the client.
     *
     * @param loop the loop, not running; left open
     * @param client the session the requests share; closed when this returns
     * @param reader fetches and prints one subreddit
     * @param subreddits the subreddits, in the order they are asked for (a name given twice is fetched once)
     * @return how it ended
     * @throws Exception what the loop raised (a bug: the reader reports failures itself)
     */
    public static Outcome printAll(EventLoop loop, ClientSession client, SubredditReader reader,
            List<String> subreddits) throws Exception {
        return new TopPosts(loop, client).run(reader, subreddits, true);
    }

    /**
     * The tutorial's program as it is: prints the top posts of every subreddit as they arrive,
     * then keeps the loop running until Ctrl-C, which closes the client.
     *
     * @param loop the loop, not running; left open
     * @param client the session the requests share; closed when this returns
     * @param reader fetches and prints one subreddit
     * @param subreddits the subreddits, in the order they are asked for (a name given twice is fetched once)
     * @return how it ended ({@link Outcome#interrupted()} is true)
     * @throws Exception what the loop raised (a bug: the reader reports failures itself)
     */
    public static Outcome printUntilCtrlC(EventLoop loop, ClientSession client, SubredditReader reader,
            List<String> subreddits) throws Exception {
        return new TopPosts(loop, client).run(reader, subreddits, false);
    }

    /** The run itself: {@link #printAll} when {@code stopWhenDone}, else {@link #printUntilCtrlC}. */
    Outcome run(SubredditReader reader, List<String> subreddits, boolean stopWhenDone) throws Exception {
        // tutorial:begin frame
        loop.addSignalHandler(Signal.SIGINT, this::signalHandler);     // signal.signal(signal.SIGINT, signal_handler)
        try {
            for (String subreddit : new LinkedHashSet<>(subreddits)) {  // asyncio.ensure_future(get_reddit_top(...))
                Future<Boolean> fetch = ensureFuture(reader.getRedditTop(subreddit, client), loop);
                fetch.addDoneCallback(done -> {
                    if (!done.isCancelled()) {
                        arrived.add(subreddit);
                    }
                });
                fetches.put(subreddit, fetch);
            }
            if (stopWhenDone) {
                gather(List.copyOf(fetches.values()), true).addDoneCallback(all -> stop());
            }
            loop.runForever();                                          // loop.run_forever()
            loop.runUntilComplete(closing != null ? closing : loop.createTask(closeClient()));
        } finally {
            loop.removeSignalHandler(Signal.SIGINT);
        }
        // tutorial:end
        List<String> failed = new ArrayList<>();
        for (String subreddit : arrived) {
            if (!fetches.get(subreddit).result()) {
                failed.add(subreddit);
            }
        }
        List<String> notFetched = new ArrayList<>();
        fetches.forEach((subreddit, fetch) -> {
            if (fetch.isCancelled()) {
                notFetched.add(subreddit);
            }
        });
        return new Outcome(arrived, failed, notFetched, interrupted);
    }

    // tutorial:begin signal-handler
    // def signal_handler(signal, frame): runs on the loop's thread
    void signalHandler() {
        if (closing == null) {
            interrupted = true;
            stop();
        }
    }

    // loop.stop() and client.close(); once
    private void stop() {
        if (closing == null) {
            loop.stop();
            closing = loop.createTask(closeClient(), "close_client");
        }
    }

    // Cancels the fetches still running, waits until they have ended, then closes the client.
    private Coroutine<Void> closeClient() {
        return async("close_client", () -> {
            fetches.values().forEach(Future::cancel);
            await(gather(List.copyOf(fetches.values()), true));
            await(client.aclose());
        });
    }
    // tutorial:end

    @Override
    public String toString() {
        return "TopPosts[" + arrived.size() + "/" + fetches.size() + " arrived" + (interrupted ? ", interrupted" : "")
                + (closing != null ? ", closing" : "") + "]";
    }
}
