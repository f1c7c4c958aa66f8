package dev.asyncio4j.examples;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.runCoroutineThreadsafe;
import static dev.asyncio4j.Asyncio.sleep;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * The event loop in its own thread, handling the slow I/O, while the main thread does the
 * program's other work: "You could even break off the event loop in to its own thread".
 *
 * <pre>{@code
 * loop = asyncio.new_event_loop()
 * thread = threading.Thread(target=loop.run_forever, name='event-loop')
 * thread.start()
 *
 * reply = asyncio.run_coroutine_threadsafe(fetch_reply(), loop)   # the loop waits for the reply
 * print('main thread:', count_primes(100_000), 'primes below 100000')   # this thread works
 * print('main thread: the loop answered', reply.result())
 *
 * loop.call_soon_threadsafe(loop.stop)
 * thread.join()
 * loop.close()
 * }</pre>
 *
 * <p>{@code runCoroutineThreadsafe} is the one way in from another thread: it hands the coroutine
 * to the loop (through {@code callSoonThreadsafe}) and returns a {@link CompletableFuture} the main
 * thread can wait on. The request is simulated (a sleep of 100 ms, then a canned reply) so that
 * the program needs no network.
 *
 * <p>Thread confinement: {@link #run} is called on the main thread, which must not be running an
 * event loop; the coroutine runs on the loop's thread.
 */
public final class LoopInThread {

    private LoopInThread() {}

    // tutorial:begin fetch-reply
    // async def fetch_reply(): a stand-in for a network request
    static Coroutine<String> fetchReply() {
        return async("fetch_reply", () -> {
            await(sleep(Duration.ofMillis(100)));
            return "pong";
        });
    }
    // tutorial:end

    /** The main thread's other work: counts the primes below {@code limit}, on this thread. */
    static long countPrimes(int limit) {
        return IntStream.range(2, limit)
                .filter(n -> IntStream.rangeClosed(2, (int) Math.sqrt(n)).noneMatch(d -> n % d == 0))
                .count();
    }

    /**
     * Runs the program on {@code loop}, which runs in a thread of its own and is closed at the end.
     *
     * @param loop the event loop
     * @param out where to print
     * @throws Exception whatever the example throws
     */
    public static void run(EventLoop loop, PrintStream out) throws Exception {
        // tutorial:begin loop-in-thread
        Thread loopThread = Thread.ofPlatform().name("event-loop").start(loop::runForever);
        try {
            CompletableFuture<String> reply = runCoroutineThreadsafe(fetchReply(), loop);
            out.println("main thread: " + countPrimes(100_000) + " primes below 100000");
            out.println("main thread: the loop answered " + reply.get());
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            loopThread.join();
            loop.close();
        }
        // tutorial:end
    }

    /**
     * Runs the program on a new event loop, printing to {@code out}.
     *
     * @param out where to print
     * @throws Exception whatever the example throws
     */
    public static void run(PrintStream out) throws Exception {
        run(Asyncio.newEventLoop(), out);
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
