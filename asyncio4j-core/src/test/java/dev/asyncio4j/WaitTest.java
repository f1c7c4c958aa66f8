package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.asCompleted;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static dev.asyncio4j.sync.AsyncTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Ports the wait and as_completed parts of test_tasks.py (3.13). */
class WaitTest {

    private static Task<String> after(double seconds, String value) {
        return createTask(sleep(Duration.ofNanos((long) (seconds * 1e9)), value));
    }

    private static Task<String> failAfter(double seconds, RuntimeException error) {
        return createTask(async(() -> {
            await(sleep(seconds));
            throw error;
        }));
    }

    @Test
    void waitForAll() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            Task<String> a = after(0.1, "a");
            Task<String> b = after(0.15, "b");
            WaitResult<String> result = await(Asyncio.wait(List.of(b, a)));
            assertEquals(Set.of(a, b), result.done());
            assertEquals(Set.of(), result.pending());
            assertEquals(0.15, loop.time(), 1e-9);
            // Doing it again returns at once.
            result = await(Asyncio.wait(List.of(b, a)));
            assertEquals(Set.of(a, b), result.done());
            assertEquals(0.15, loop.time(), 1e-9);
        });
    }

    @Test
    void waitErrors() throws Exception {
        run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> await(Asyncio.wait(Set.<Future<Object>>of())));
            assertEquals("Set of Tasks/Futures is empty.", e.getMessage());
            Coroutine<Void> coro = sleep(10.0);
            e = assertThrows(IllegalArgumentException.class, () -> await(Asyncio.wait(List.of(coro))));
            assertEquals("Passing coroutines is forbidden, use tasks explicitly.", e.getMessage());
            coro.close();
            assertThrows(NullPointerException.class, () -> Asyncio.wait(List.of(after(0, "x")), null, null));
        });
    }

    @Test
    void firstCompleted() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            Task<String> a = after(10, "a");
            Task<String> b = after(0.1, "b");
            WaitResult<String> result = await(Asyncio.wait(List.of(b, a), null, ReturnWhen.FIRST_COMPLETED));
            assertEquals(Set.of(b), result.done());
            assertEquals(Set.of(a), result.pending());
            assertFalse(a.isDone());
            assertEquals(0.1, loop.time(), 1e-9);
        });
    }

    @Test
    void reallyDoneReturnsAtOnce() throws Exception {
        run(() -> {
            Task<String> a = after(0, "a");
            Task<String> b = after(0, "b");
            await(sleep(0));
            await(sleep(0));
            WaitResult<String> result = await(Asyncio.wait(List.of(a, b), null, ReturnWhen.FIRST_COMPLETED));
            assertEquals(Set.of(a, b), result.done());
        });
    }

    @Test
    void firstException() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            Task<String> a = after(10, "a");
            Task<String> b = createTask(async(() -> {
                throw new ArithmeticException();
            }));
            WaitResult<String> result = await(Asyncio.wait(List.of(b, a), null, ReturnWhen.FIRST_EXCEPTION));
            assertEquals(Set.of(b), result.done());
            assertEquals(Set.of(a), result.pending());
            assertEquals(0, loop.time(), 1e-9);

            Task<String> c = failAfter(0.01, new ArithmeticException());
            result = await(Asyncio.wait(List.of(c, a), null, ReturnWhen.FIRST_EXCEPTION));
            assertEquals(Set.of(c), result.done());
            assertEquals(0.01, loop.time(), 1e-9);
        });
    }

    @Test
    void firstExceptionIgnoresACancelledFutureAndWaitsForAll() throws Exception {
        run(() -> {
            Task<String> a = after(0.2, "a");
            Task<String> b = after(10, "b");
            b.cancel();
            WaitResult<String> result = await(Asyncio.wait(List.of(a, b), null, ReturnWhen.FIRST_EXCEPTION));
            assertEquals(Set.of(a, b), result.done());
        });
    }

    @Test
    void allCompletedWithAnException() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            Task<String> a = after(0.1, "a");
            Task<String> b = failAfter(0.15, new IllegalStateException());
            WaitResult<String> result = await(Asyncio.wait(List.of(b, a)));
            assertEquals(Set.of(a, b), result.done());
            assertEquals(0.15, loop.time(), 1e-9);
            assertThrows(IllegalStateException.class, b::result);
        });
    }

    @Test
    void timeoutNeverRaises() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            Task<String> a = after(0.1, "a");
            Task<String> b = after(0.15, "b");
            WaitResult<String> result = await(Asyncio.wait(List.of(b, a), Duration.ofMillis(110),
                    ReturnWhen.ALL_COMPLETED));
            assertEquals(Set.of(a), result.done());
            assertEquals(Set.of(b), result.pending());
            assertEquals(0.11, loop.time(), 1e-9);
            assertFalse(b.isCancelled(), "wait() does not cancel what is pending");
        });
    }

    @Test
    void concurrentCompletionAtTheTimeout() throws Exception {
        run(() -> {
            Task<String> a = after(0.1, "a");
            Task<String> b = after(0.15, "b");
            await(sleep(0)); // a and b start first, as when the test runs wait() in a task of its own
            WaitResult<String> result = await(Asyncio.wait(List.of(b, a), Duration.ofMillis(100),
                    ReturnWhen.ALL_COMPLETED));
            if (result.pending().isEmpty()) {
                assertEquals(Set.of(a, b), result.done());
            } else {
                assertEquals(Set.of(a), result.done());
                assertEquals(Set.of(b), result.pending());
            }
        });
    }

    @Test
    void theCallbacksAreRemovedAfterwards() throws Exception {
        run(() -> {
            Future<String> a = getRunningLoop().createFuture();
            Task<String> b = after(0.1, "b");
            await(Asyncio.wait(List.of(a, b), null, ReturnWhen.FIRST_COMPLETED));
            assertTrue(a.toString().indexOf("callbacks") < 0, a.toString());
        });
    }

    // ---------------------------------------------------------------- as_completed

    @Test
    void asCompletedYieldsInCompletionOrder() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            List<String> values = new ArrayList<>();
            for (Coroutine<String> next : asCompleted(List.of(after(0.15, "b"), after(0.05, "c"), after(0.1, "a")))
                    .coroutines()) {
                values.add(await(next));
            }
            assertEquals(List.of("c", "a", "b"), values);
            assertEquals(0.15, loop.time(), 1e-9);

            values.clear();
            for (Future<String> done : asCompleted(List.of(after(0.15, "b"), after(0.05, "c"), after(0.1, "a")))) {
                values.add(await(done));
            }
            assertEquals(List.of("c", "a", "b"), values);
        });
    }

    @Test
    void asyncFormYieldsTheFuturesPassedIn() throws Exception {
        run(() -> {
            List<Task<String>> tasks = List.of(after(0.1, "a"), after(0.05, "b"));
            Set<Future<String>> out = new HashSet<>();
            for (Future<String> done : asCompleted(tasks)) {
                out.add(done);
                assertTrue(done.isDone());
            }
            assertEquals(new HashSet<>(tasks), out);
        });
    }

    @Test
    void asCompletedWithTimeout() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            Task<String> a = after(0.1, "a");
            Task<String> b = after(0.15, "b");
            Iterator<Coroutine<String>> it = asCompleted(List.of(a, b), Duration.ofMillis(120)).coroutines().iterator();
            assertEquals("a", await(it.next()));
            assertThrows(TimeoutException.class, () -> await(it.next()));
            assertEquals(0.12, loop.time(), 1e-9);
            assertFalse(it.hasNext());
            assertFalse(b.isDone(), "the timeout does not cancel");

            AsCompleted<String> async = asCompleted(List.of(after(0.1, "a"), after(10, "b")), Duration.ofSeconds(1));
            Iterator<Future<String>> futures = async.iterator();
            assertEquals("a", await(futures.next()));
            assertThrows(TimeoutException.class, futures::hasNext);
        });
    }

    @Test
    void asCompletedWithAnUnusedTimeout() throws Exception {
        run(() -> {
            List<String> values = new ArrayList<>();
            for (Coroutine<String> next : asCompleted(List.of(after(0.01, "a")), Duration.ofMillis(10_000))
                    .coroutines()) {
                values.add(await(next));
            }
            assertEquals(List.of("a"), values);
        });
    }

    @Test
    void asCompletedReverseWait() throws Exception {
        run(() -> {
            EventLoop loop = getRunningLoop();
            Coroutine<String> a = sleep(Duration.ofMillis(50), "a");
            Coroutine<String> b = sleep(Duration.ofMillis(100), "b");
            List<Coroutine<String>> futs = new ArrayList<>();
            asCompleted(List.of(a, b)).coroutines().forEach(futs::add);
            assertEquals(2, futs.size());
            assertEquals("a", await(futs.get(1)));
            assertEquals(0.05, loop.time(), 1e-9);
            assertEquals("b", await(futs.get(0)));
            assertEquals(0.10, loop.time(), 1e-9);
        });
    }

    @Test
    void asCompletedConcurrentWaiters() throws Exception {
        run(() -> {
            Coroutine<String> a = sleep(Duration.ofMillis(50), "a");
            Coroutine<String> b = sleep(Duration.ofMillis(50), "b");
            List<Task<String>> waiters = new ArrayList<>();
            for (Coroutine<String> next : asCompleted(List.of(a, b)).coroutines()) {
                waiters.add(createTask(next));
            }
            WaitResult<String> result = await(Asyncio.wait(waiters));
            Set<String> values = new HashSet<>();
            for (Future<String> done : result.done()) {
                values.add(done.result());
            }
            assertEquals(Set.of("a", "b"), values);
        });
    }

    @Test
    void asCompletedDuplicateCoroutines() throws Exception {
        run(() -> {
            Coroutine<String> c = async(() -> "ham");
            List<String> values = new ArrayList<>();
            for (Future<String> done : asCompleted(List.of(c, c, async(() -> "spam")))) {
                values.add(done.result());
            }
            values.sort(null);
            assertEquals(List.of("ham", "spam"), values);
        });
    }

    @Test
    void asCompletedOfNothing() throws Exception {
        run(() -> {
            assertFalse(asCompleted(List.<Future<String>>of()).iterator().hasNext());
            assertThrows(StopAsyncIterationException.class, () -> asCompleted(List.<Future<String>>of()).next());
        });
    }

    @Test
    void anErrorIsRaisedByTheCoroutineForIt() throws Exception {
        run(() -> {
            Task<String> bad = failAfter(0.01, new IllegalStateException("bad"));
            Iterator<Coroutine<String>> it = asCompleted(List.of(bad, after(0.02, "ok"))).coroutines().iterator();
            assertThrows(IllegalStateException.class, () -> await(it.next()));
            assertEquals("ok", await(it.next()));
        });
    }
}
