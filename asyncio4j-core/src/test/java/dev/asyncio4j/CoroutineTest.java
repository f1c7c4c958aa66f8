package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.currentTask;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Coroutine objects: CPython's test_pep492.py and the coroutine parts of test_tasks.py. */
@Timeout(30)
class CoroutineTest extends LoopTestCase {

    @Test
    void makingACoroutineRunsNothing() throws Exception {
        List<String> calls = new ArrayList<>();
        Coroutine<String> coro = async(() -> {
            calls.add("ran");
            return "x";
        });
        assertEquals(List.of(), calls);
        assertFalse(coro.isStarted());
        assertEquals("x", loop.runUntilComplete(coro));
        assertEquals(List.of("ran"), calls);
        assertTrue(coro.isDone());
    }

    @Test
    void awaitingACoroutineRunsItInlineInTheSameTask() throws Exception {
        List<Object> seen = new ArrayList<>();
        Coroutine<Integer> inner = async(() -> {
            seen.add(Thread.currentThread());
            seen.add(currentTask());
            await(sleep(0));
            seen.add(Thread.currentThread());
            return 7;
        });
        loop.runUntilComplete(async(() -> {
            seen.add(Thread.currentThread());
            seen.add(currentTask());
            assertEquals(7, await(inner));
        }));
        assertSame(seen.get(0), seen.get(2));
        assertSame(seen.get(0), seen.get(4));
        assertSame(seen.get(1), seen.get(3));
    }

    @Test
    void awaitingACoroutineDoesNotYield() throws Exception {
        List<String> calls = new ArrayList<>();
        loop.runUntilComplete(async(() -> {
            loop.callSoon(() -> calls.add("callback"));
            await(async(() -> calls.add("inner")));
            calls.add("after await");
        }));
        assertEquals(List.of("inner", "after await", "callback"), calls);
    }

    @Test
    void anExceptionOfAnAwaitedCoroutineIsRaisedAsItWasThrown() {
        java.io.IOException error = new java.io.IOException("inner failed");
        java.io.IOException raised = assertThrows(java.io.IOException.class, () -> loop.runUntilComplete(async(() -> {
            await(async(() -> {
                throw error;
            }));
        })));
        assertSame(error, raised);
    }

    @Test
    void aCoroutineRunsOnce() throws Exception {
        Coroutine<Integer> coro = async(() -> 1);
        assertEquals(1, loop.runUntilComplete(async(() -> await(coro))));
        IllegalStateException again = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(async(() -> await(coro))));
        assertTrue(again.getMessage().startsWith("cannot reuse already awaited coroutine"), again.getMessage());

        Coroutine<Integer> failing = async(() -> {
            throw new IllegalArgumentException();
        });
        assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(failing));
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(async(() -> await(failing))));
    }

    @Test
    void aRunningCoroutineCannotBeAwaitedByAnotherTask() throws Exception {
        // test_double_await: asyncio says "coroutine is being awaited already".
        Future<Void> gate = loop.createFuture();
        Coroutine<Void> shared = async(() -> {
            await(gate);
        });
        Task<Void> first = loop.createTask(async(() -> await(shared)));
        Task<Void> second = loop.createTask(async(() -> await(shared)));
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(second));
        assertTrue(error.getMessage().startsWith("coroutine is being awaited already"), error.getMessage());
        gate.setResult(null);
        loop.runUntilComplete(first);
    }

    @Test
    void aDeepChainOfAwaitedCoroutines() throws Exception {
        // test_eager_task_factory's awaitable_chain(100)
        assertEquals(100, loop.runUntilComplete(chain(100)));
    }

    private static Coroutine<Integer> chain(int depth) {
        return async(() -> depth == 0 ? 0 : 1 + await(chain(depth - 1)));
    }

    @Test
    void aCoroutineMadeOnAnotherThreadRunsOnTheLoop() throws Exception {
        CompletableFuture<Coroutine<Thread>> made = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> made.complete(async(Thread::currentThread))).join();
        Thread loopTaskThread = loop.runUntilComplete(async(() -> {
            Thread mine = Thread.currentThread();
            assertSame(mine, await(made.get()));
            return mine;
        }));
        assertTrue(loopTaskThread.isVirtual());
    }

    @Test
    void awaitOutsideATaskSaysWhatToDo() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> await(async(() -> 1)));
        assertTrue(error.getMessage().startsWith("await() outside a coroutine"), error.getMessage());
        assertTrue(error.getMessage().contains("Asyncio.run("), error.getMessage());
        List<String> inCallback = new ArrayList<>();
        loop.callSoon(() -> inCallback.add(assertThrows(IllegalStateException.class,
                () -> await(loop.createFuture())).getMessage()));
        runOnce();
        assertTrue(inCallback.get(0).startsWith("await() outside a coroutine"), inCallback.toString());
        assertThrows(IllegalStateException.class, () -> await(new CompletableFuture<>()));
    }

    @Test
    void isCoroutine() {
        Coroutine<Integer> coro = async(() -> 1);
        assertTrue(Asyncio.isCoroutine(coro));
        assertFalse(Asyncio.isCoroutine(loop.createFuture()));
        assertFalse(Asyncio.isCoroutine("coroutine"));
        assertFalse(Asyncio.isCoroutine(null));
        coro.close();
    }

    static Coroutine<String> fetch(String url) {
        return async(() -> url);
    }

    static String fetchNow(String url) {
        return url;
    }

    @Test
    void isCoroutineFunction() throws Exception {
        assertTrue(Asyncio.isCoroutineFunction(CoroutineTest.class.getDeclaredMethod("fetch", String.class)));
        assertFalse(Asyncio.isCoroutineFunction(CoroutineTest.class.getDeclaredMethod("fetchNow", String.class)));
        assertTrue(Asyncio.isCoroutineFunction(CoroutineTest.class, "fetch"));
        assertFalse(Asyncio.isCoroutineFunction(CoroutineTest.class, "fetchNow"));
        assertFalse(Asyncio.isCoroutineFunction(CoroutineTest.class, "missing"));
        assertTrue(Asyncio.isCoroutineFunction(Asyncio.class, "sleep"));
    }

    @Test
    void namesAndStates() throws Exception {
        Coroutine<Void> named = async("fetcher", () -> await(sleep(0)));
        assertEquals("fetcher", named.name());
        assertEquals("Coroutine[fetcher, created]", named.toString());
        Coroutine<Void> unnamed = async(() -> {});
        assertEquals("CoroutineTest.<async>", unnamed.name());
        loop.runUntilComplete(named);
        assertEquals("Coroutine[fetcher, done]", named.toString());
        unnamed.close();
    }

    @Test
    void aClosedCoroutineNeverRuns() {
        List<String> calls = new ArrayList<>();
        Coroutine<Void> coro = async(() -> {
            calls.add("ran");
        });
        coro.close();
        assertTrue(coro.isDone());
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(async(() -> await(coro))));
        assertEquals(List.of(), calls);
    }

    // ------------------------------------------------------------ never awaited

    private static void makeAndDrop(String name) {
        async(name, () -> {});
    }

    @Test
    void aCoroutineCollectedWithoutRunningIsReported() throws Exception {
        try (LogCapture log = new LogCapture()) {
            CompletableFuture<LogRecord> reported = log.when("coroutine 'never-run' was never awaited");
            makeAndDrop("never-run");
            LogRecord record = LogCapture.collectUntil(reported);
            assertEquals(Level.WARNING, record.getLevel());
            assertEquals("coroutine 'never-run' was never awaited", record.getMessage());
        }
    }

    @Test
    void inDebugModeTheReportSaysWhereTheCoroutineWasMade() throws Exception {
        loop.setDebug(true);
        try (LogCapture log = new LogCapture()) {
            CompletableFuture<LogRecord> reported = log.when("coroutine 'debug-never-run' was never awaited");
            loop.callSoon(() -> makeAndDrop("debug-never-run"));
            runOnce();
            String message = LogCapture.collectUntil(reported).getMessage();
            assertTrue(message.contains("\nCoroutine created at (most recent call last)\n  at "), message);
            assertTrue(message.contains("CoroutineTest.makeAndDrop(CoroutineTest.java:"), message);
        }
    }

    @Test
    void coroutinesThatRanOrWereClosedAreNotReported() throws Exception {
        try (LogCapture log = new LogCapture()) {
            loop.runUntilComplete(async("awaited", () -> {}));
            loop.runUntilComplete(async(() -> {
                await(async("awaited inside", () -> {}));
                createTask(async("wrapped in a task", () -> {}));
                await(sleep(0));
            }));
            async("closed", () -> {}).close();
            CompletableFuture<LogRecord> sentinel = log.when("coroutine 'sentinel' was never awaited");
            makeAndDrop("sentinel");
            LogCapture.collectUntil(sentinel);
            CompletableFuture<LogRecord> second = log.when("coroutine 'second sentinel' was never awaited");
            makeAndDrop("second sentinel");
            LogCapture.collectUntil(second);
            // (Other tests' leftovers may be reported too; none of this test's may.)
            for (String name : List.of("awaited", "awaited inside", "wrapped in a task", "closed")) {
                assertFalse(log.messages(Level.WARNING).contains("coroutine '" + name + "' was never awaited"), name);
            }
        }
    }

    @Test
    void aCoroutineLeftBehindByARefusedRunIsReported() throws Exception {
        // test_run_until_complete_nesting: the inner coroutine is never awaited.
        try (LogCapture log = new LogCapture()) {
            CompletableFuture<LogRecord> reported = log.when("coroutine 'inner' was never awaited");
            assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(async(() -> {
                loop.runUntilComplete(async("inner", () -> {}));
            })));
            LogCapture.collectUntil(reported);
        }
    }

    @Test
    void asyncWithIsTryWithResourcesWhoseCloseAwaits() throws Exception {
        // PEP 492's async with: __aexit__ is awaited, so the task suspends while the resource
        // closes and other tasks run meanwhile; the body's exception still leaves the block.
        List<String> log = new ArrayList<>();
        AsyncCloseable resource = () -> async(() -> {
            log.add("closing");
            await(sleep(0));
            log.add("closed");
        });
        loop.runUntilComplete(async(() -> {
            Task<Boolean> other = createTask(async(() -> log.add("other task")));
            try (AsyncCloseable open = resource) {
                log.add("body");
            }
            log.add("after");
            await(other);
        }));
        assertEquals(List.of("body", "closing", "other task", "closed", "after"), log);

        log.clear();
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(async(() -> {
                    try (AsyncCloseable open = resource) {
                        throw new IllegalStateException("body failed");
                    }
                })));
        assertEquals("body failed", error.getMessage());
        assertEquals(List.of("closing", "closed"), log);
    }

    @Test
    void closingAnAsyncCloseableOutsideATaskSaysWhatToDo() {
        AsyncCloseable resource = () -> async(() -> {});
        IllegalStateException error = assertThrows(IllegalStateException.class, resource::close);
        assertTrue(error.getMessage().startsWith("await() outside a coroutine"), error.getMessage());
    }
}
