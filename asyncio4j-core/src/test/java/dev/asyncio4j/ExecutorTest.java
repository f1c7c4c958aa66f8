package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * run_in_executor, set_default_executor and shutdown_default_executor: CPython's test_events.py
 * (test_run_in_executor*) and test_base_events.py (test_set_default_executor,
 * shutdown_default_executor).
 */
@Timeout(30)
class ExecutorTest {

    private final EventLoop loop = new EventLoop();
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "test-pool");
        thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        return thread;
    });

    @AfterEach
    void close() throws InterruptedException {
        loop.close();
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(List.of(), uncaught);
    }

    @Test
    void theDefaultExecutorRunsTheFunctionOffTheLoop() throws Exception {
        Thread worker = loop.runUntilComplete(loop.runInExecutor(null, Thread::currentThread));
        assertNotSame(Thread.currentThread(), worker);
        assertTrue(worker.getName().startsWith("asyncio4j-executor-"), worker.getName());
        assertTrue(worker.isDaemon());
    }

    @Test
    void aVirtualThreadExecutorUsedInATaskRunsTheFunctionOffTheLoop() throws Exception {
        // Had the executor made its virtual thread on the task's thread, that thread would have
        // the loop (in fast mode) as its scheduler.
        SpinProbe probe = new SpinProbe();
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            assertTrue(loop.runUntilComplete(async(() -> probe.loopRanWhileItRan(
                    loop.runInExecutor(virtual, probe.function())))), "the loop ran while the function ran");
        }
    }

    @Test
    void anExecutorThatRefusesTheWorkFailsTheFuture() throws Exception {
        ExecutorService shutDown = Executors.newSingleThreadExecutor();
        shutDown.shutdown();
        assertThrows(RejectedExecutionException.class, () -> loop.runInExecutor(shutDown, () -> 1));
        assertThrows(RejectedExecutionException.class,
                () -> loop.runUntilComplete(async(() -> await(loop.runInExecutor(shutDown, () -> 1)))));
    }

    @Test
    void theFunctionsExceptionIsRaisedAsThrown() {
        java.io.IOException error = new java.io.IOException("in the executor");
        assertSame(error, assertThrows(java.io.IOException.class,
                () -> loop.runUntilComplete(loop.runInExecutor(null, () -> {
                    throw error;
                }))));
    }

    @Test
    void aGivenExecutorIsUsed() throws Exception {
        Thread worker = loop.runUntilComplete(loop.runInExecutor(pool, Thread::currentThread));
        assertEquals("test-pool", worker.getName());
    }

    @Test
    void setDefaultExecutorReplacesTheDefault() throws Exception {
        // test_set_default_executor
        loop.setDefaultExecutor(pool);
        assertEquals("test-pool", loop.runUntilComplete(loop.runInExecutor(null, Thread::currentThread)).getName());
        // test_set_default_executor_error: not an executor.
        assertThrows(NullPointerException.class, () -> loop.setDefaultExecutor(null));
        assertEquals("test-pool", loop.runUntilComplete(loop.runInExecutor(null, Thread::currentThread)).getName());
    }

    @Test
    void cancellingTheFutureOfAQueuedJobMeansTheJobNeverRuns() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Void> firstStarted = new CompletableFuture<>();
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean secondRan = new AtomicBoolean();
            Future<Void> first = loop.runInExecutor(single, () -> {
                firstStarted.complete(null);
                release.await();
                return null;
            });
            Future<Void> second = loop.runInExecutor(single, () -> {
                secondRan.set(true);
                return null;
            });
            loop.runUntilComplete(Future.wrap(firstStarted, loop));
            assertTrue(second.cancel());
            LoopTestCase.runOnce(loop); // the cancel reaches the job through the future's done callback
            release.countDown();
            loop.runUntilComplete(first);
            single.shutdown();
            assertTrue(single.awaitTermination(10, TimeUnit.SECONDS));
            assertFalse(secondRan.get());
            assertTrue(second.isCancelled());
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void aJobThatEndsAfterTheLoopClosedIsDropped() throws Exception {
        // test_run_in_executor_cancel: nothing is scheduled on the closed loop, nothing fails.
        CompletableFuture<Void> started = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        Future<String> future = loop.runInExecutor(pool, () -> {
            started.complete(null);
            release.await();
            return "late";
        });
        loop.runUntilComplete(Future.wrap(started, loop));
        future.cancel();
        loop.close();
        release.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(future.isCancelled());
    }

    @Test
    void afterShutdownDefaultExecutorTheDefaultExecutorIsRefused() throws Exception {
        loop.runUntilComplete(loop.runInExecutor(null, () -> 1));
        loop.runUntilComplete(loop.shutdownDefaultExecutor());
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> loop.runInExecutor(null, () -> 1));
        assertEquals("Executor shutdown has been called", error.getMessage());
        assertEquals(2, loop.runUntilComplete(loop.runInExecutor(pool, () -> 2)), "a given executor still works");
    }

    @Test
    void shutdownDefaultExecutorWithoutAnExecutorStillRefusesLaterUse() throws Exception {
        loop.runUntilComplete(loop.shutdownDefaultExecutor(Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 1));
    }

    @Test
    void shutdownDefaultExecutorWaitsForRunningJobsWithoutBlockingTheLoop() throws Exception {
        loop.setDefaultExecutor(pool);
        CompletableFuture<Void> started = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        String result = loop.runUntilComplete(async(() -> {
            Future<String> job = loop.runInExecutor(null, () -> {
                started.complete(null);
                release.await();
                return "finished";
            });
            await(started);
            Task<Void> shutdown = Asyncio.createTask(loop.shutdownDefaultExecutor());
            await(Asyncio.sleep(0));
            assertFalse(shutdown.isDone(), "waiting for the job");
            release.countDown(); // the loop is free to run this while the shutdown waits
            await(shutdown);
            assertTrue(pool.isTerminated());
            return await(job);
        }));
        assertEquals("finished", result);
    }

    @Test
    void shutdownDefaultExecutorGivesUpAfterItsTimeoutAndWarns() throws Exception {
        EventLoop virtual = VirtualTime.newLoop();
        try (LogCapture log = new LogCapture()) {
            virtual.setDefaultExecutor(pool);
            CompletableFuture<Void> started = new CompletableFuture<>();
            CompletableFuture<Void> interrupted = new CompletableFuture<>();
            virtual.runUntilComplete(async(() -> {
                Future<Void> job = virtual.runInExecutor(null, () -> {
                    started.complete(null);
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.complete(null);
                    }
                    return null;
                });
                await(started);
                await(virtual.shutdownDefaultExecutor(Duration.ofMillis(50)));
                job.cancel();
            }));
            assertEquals(0.05, virtual.time(), 1e-9);
            assertTrue(log.messages(java.util.logging.Level.WARNING).contains(
                    "The executor did not finishing joining its threads within 0.05 seconds."),
                    log.messages(java.util.logging.Level.WARNING).toString());
            interrupted.get(10, TimeUnit.SECONDS); // the pool was shut down now
            assertTrue(pool.isShutdown());
        } finally {
            virtual.close();
        }
    }

    @Test
    void closeShutsTheDefaultExecutorDownWithoutWaiting() throws Exception {
        loop.setDefaultExecutor(pool);
        loop.runUntilComplete(loop.runInExecutor(null, () -> 1));
        loop.close();
        assertTrue(pool.isShutdown());
    }
}
