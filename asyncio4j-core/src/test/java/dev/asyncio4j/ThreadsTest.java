package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.runCoroutineThreadsafe;
import static dev.asyncio4j.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** to_thread (test_threads.py) and run_coroutine_threadsafe (test_tasks.py). */
@Timeout(30)
class ThreadsTest {

    private static final InheritableThreadLocal<String> REQUEST = new InheritableThreadLocal<>();
    private static final ScopedValue<String> SCOPED = ScopedValue.newInstance();

    static final class Checked extends Exception {}

    @Test
    void toThreadRunsElsewhereAndReturnsTheResult() throws Exception {
        Asyncio.run(async(() -> {
            Thread loopSide = Thread.currentThread();
            Thread worker = await(toThread(Thread::currentThread));
            assertNotSame(loopSide, worker);
            AtomicReference<String> ran = new AtomicReference<>();
            await(toThread(() -> ran.set("yes")));
            assertEquals("yes", ran.get());
        }));
    }

    @Test
    void toThreadDoesNotHoldTheLoopWhileTheFunctionRuns() throws Exception {
        // A virtual thread made inside a fast-mode task would have the loop as its scheduler.
        SpinProbe probe = new SpinProbe();
        Asyncio.run(async(() -> {
            Task<Boolean> spinning = Asyncio.createTask(toThread(probe.function()));
            assertTrue(probe.loopRanWhileItRan(spinning), "the loop ran while the function ran");
        }));
    }

    @Test
    void toThreadRaisesTheFunctionsOwnException() throws Exception {
        Asyncio.run(async(() -> {
            assertThrows(Checked.class, () -> await(toThread(() -> {
                throw new Checked();
            })));
            assertThrows(IllegalStateException.class, () -> await(toThread((Runnable) () -> {
                throw new IllegalStateException();
            })));
        }));
    }

    @Test
    void toThreadCarriesInheritableThreadLocalsAndTheContextClassLoader() throws Exception {
        ClassLoader custom = new URLClassLoader(new URL[0], getClass().getClassLoader());
        Asyncio.run(async(() -> {
            REQUEST.set("request-42");
            Thread.currentThread().setContextClassLoader(custom);
            assertEquals("request-42", await(toThread(REQUEST::get)));
            assertSame(custom, await(toThread(() -> Thread.currentThread().getContextClassLoader())));
        }));
    }

    @Test
    void scopedValueBindingsAreNotCarried() throws Exception {
        Asyncio.run(async(() -> {
            boolean bound = ScopedValue.where(SCOPED, "x").call(() -> await(toThread(SCOPED::isBound)));
            assertFalse(bound);
        }));
    }

    @Test
    void runCoroutineThreadsafeFromAnotherThread() throws Exception {
        EventLoop loop = new EventLoop();
        try {
            AtomicReference<CompletableFuture<Integer>> submitted = new AtomicReference<>();
            loop.runUntilComplete(async(() -> {
                Future<Integer> fromThread = Future.wrap(CompletableFuture.supplyAsync(() -> {
                    CompletableFuture<Integer> result = runCoroutineThreadsafe(async(() -> {
                        await(Asyncio.sleep(0.01));
                        return 42;
                    }), loop);
                    submitted.set(result);
                    return result.join();
                }), loop);
                assertEquals(42, await(fromThread));
            }));
            assertEquals(42, submitted.get().get(1, TimeUnit.SECONDS));
        } finally {
            loop.close();
        }
    }

    @Test
    void runCoroutineThreadsafePassesExceptionsAndCancellation() throws Exception {
        EventLoop loop = new EventLoop();
        try {
            loop.runUntilComplete(async(() -> {
                CompletableFuture<Object> failing = CompletableFuture.supplyAsync(() -> runCoroutineThreadsafe(
                        async(() -> {
                            throw new Checked();
                        }), loop)).join();
                ExecutionException e = assertThrows(ExecutionException.class, () -> await(toThread(() -> {
                    try {
                        return failing.get(5, TimeUnit.SECONDS);
                    } catch (ExecutionException wrapped) {
                        throw wrapped;
                    }
                })));
                assertInstanceOf(Checked.class, e.getCause());

                Future<Void> started = loop.createFuture();
                CompletableFuture<Void> slow = runCoroutineThreadsafe(async(() -> {
                    started.setResult(null);
                    await(Asyncio.sleep(3600));
                }), loop);
                await(started);
                Task<?> task = null;
                for (Task<?> candidate : Asyncio.allTasks()) {
                    if (candidate != Asyncio.currentTask()) {
                        task = candidate;
                    }
                }
                Task<?> found = task;
                await(toThread(() -> slow.cancel(false)));
                await(Asyncio.sleep(0));
                await(Asyncio.sleep(0));
                assertTrue(found.isCancelled());
                assertThrows(CancellationException.class, slow::join);
            }));
        } finally {
            loop.close();
        }
    }

    @Test
    void runCoroutineThreadsafeOnAClosedLoopFails() {
        EventLoop loop = new EventLoop();
        loop.close();
        Coroutine<Integer> coro = async(() -> 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runCoroutineThreadsafe(coro, loop));
        assertEquals("Event loop is closed", e.getMessage());
        assertTrue(coro.isDone(), "the coroutine is closed, so it is not reported as never awaited");
    }
}
