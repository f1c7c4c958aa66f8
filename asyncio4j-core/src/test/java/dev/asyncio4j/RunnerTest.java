package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.internal.LoopInternals;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * asyncio.run and asyncio.Runner: CPython's test_runners.py (RunTests, RunnerTests), except the
 * Ctrl-C tests, which need a real SIGINT and run in RunnerSigintIT.
 */
@Timeout(30)
class RunnerTest {

    // ------------------------------------------------------------ asyncio.run

    @Test
    void runReturnsTheResult() throws Exception {
        // test_asyncio_run_return
        assertEquals(42, Asyncio.run(async(() -> {
            await(sleep(0));
            return 42;
        })));
    }

    @Test
    void runRaisesTheException() {
        // test_asyncio_run_raises
        IllegalArgumentException error = new IllegalArgumentException("spam");
        assertSame(error, assertThrows(IllegalArgumentException.class, () -> Asyncio.run(async(() -> {
            await(sleep(0));
            throw error;
        }))));
    }

    @Test
    void runRefusesARunningLoop() throws Exception {
        // test_asyncio_run_from_running_loop
        EventLoop loop = new EventLoop();
        try {
            String message = loop.runUntilComplete(async(() -> assertThrows(IllegalStateException.class,
                    () -> Asyncio.run(async(() -> 1))).getMessage()));
            assertEquals("Asyncio.run() cannot be called from a running event loop", message);
        } finally {
            loop.close();
        }
    }

    @Test
    void runSetsTheDebugMode() throws Exception {
        // test_asyncio_run_debug
        assertTrue(Asyncio.run(async(() -> getRunningLoop().getDebug()), true));
        assertFalse(Asyncio.run(async(() -> getRunningLoop().getDebug()), false));
        assertEquals(Debug.DEFAULT, Asyncio.run(async(() -> getRunningLoop().getDebug())));
    }

    @Test
    void runRunsOnTheLoopItsFactoryMakes() throws Exception {
        // test_asyncio_run_loop_factory
        EventLoop made = new EventLoop();
        assertSame(made, Asyncio.run(async(Asyncio::getRunningLoop), true, () -> made));
        assertTrue(made.getDebug());
        assertTrue(made.isClosed());
        assertFalse(Asyncio.run(async(() -> getRunningLoop().getDebug()), false, null));
    }

    @Test
    void runClosesItsLoopAndLeavesNoCurrentLoop() throws Exception {
        // test_asyncio_run_set_event_loop: set while running, unset afterwards.
        List<Object> seen = new ArrayList<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                EventLoop loop = Asyncio.run(async(Asyncio::getRunningLoop));
                seen.add(loop.isClosed());
                Asyncio.getEventLoop();
            } catch (Exception e) {
                seen.add(e.getMessage());
            }
        });
        thread.join();
        assertEquals(true, seen.get(0));
        assertTrue(String.valueOf(seen.get(1)).startsWith("There is no current event loop"), seen.toString());
    }

    @Test
    void runCancelsTheTasksLeftOverAndWaitsForThem() throws Exception {
        // test_asyncio_run_cancels_hanging_tasks
        List<String> log = new ArrayList<>();
        List<Task<Void>> leftover = new ArrayList<>();
        assertEquals(123, Asyncio.run(async(() -> {
            leftover.add(createTask(async(() -> {
                try {
                    await(sleep(0.1));
                } finally {
                    log.add("leftover cleaned up");
                    await(sleep(0)); // still allowed to await while cancelled
                    log.add("leftover done");
                }
            })));
            await(sleep(0));
            return 123;
        })));
        assertTrue(leftover.get(0).isCancelled());
        assertEquals(List.of("leftover cleaned up", "leftover done"), log);
    }

    @Test
    void runReportsErrorsOfLeftoverTasks() throws Exception {
        // test_asyncio_run_reports_hanging_tasks_errors
        List<ExceptionContext> reports = new ArrayList<>();
        List<Task<Void>> leftover = new ArrayList<>();
        ArithmeticException error = new ArithmeticException("/ by zero");
        assertEquals(123, Asyncio.run(async(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> reports.add(context));
            leftover.add(createTask(async(() -> {
                try {
                    await(sleep(0.1));
                } catch (CancelledException e) {
                    throw error;
                }
            })));
            await(sleep(0));
            return 123;
        })));
        assertTrue(leftover.get(0).isDone());
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).message().matches("unhandled exception during asyncio.run\\(\\) shutdown"));
        assertSame(leftover.get(0), reports.get(0).get("task"));
        assertSame(error, reports.get(0).exception());
    }

    @Test
    void runClosesAsyncGeneratorsAfterCancellingTasks() {
        // test_asyncio_run_closes_gens_after_hanging_tasks_errors
        class FancyExit extends RuntimeException {}
        List<String> log = new ArrayList<>();
        List<Task<Void>> lazyboy = new ArrayList<>();
        AsyncCloseable generator = () -> async(() -> {
            log.add("generator closed");
        });
        assertThrows(FancyExit.class, () -> Asyncio.run(async(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> log.add("reported: " + context.message()));
            LoopInternals.get().trackAsyncGenerator(getRunningLoop(), generator);
            lazyboy.add(createTask(async(() -> {
                try {
                    await(sleep(1));
                } catch (CancelledException e) {
                    log.add("task cancelled");
                    throw new ArithmeticException();
                }
            })));
            await(sleep(0));
            throw new FancyExit();
        })));
        assertTrue(lazyboy.get(0).isDone());
        assertEquals(List.of("task cancelled", "reported: unhandled exception during asyncio.run() shutdown",
                "generator closed"), log);
    }

    @Test
    void anAsyncGeneratorThatFailsToCloseIsReported() throws Exception {
        List<ExceptionContext> reports = new ArrayList<>();
        IllegalStateException error = new IllegalStateException("cannot close");
        AsyncCloseable generator = () -> async(() -> {
            throw error;
        });
        Asyncio.run(async(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> reports.add(context));
            LoopInternals.get().trackAsyncGenerator(getRunningLoop(), generator);
        }));
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).message().startsWith("an error occurred during closing of asynchronous generator"),
                reports.get(0).message());
        assertSame(error, reports.get(0).exception());
        assertSame(generator, reports.get(0).get("asyncgen"));
    }

    @Test
    void runShutsTheDefaultExecutorDown() throws Exception {
        Thread worker = Asyncio.run(async(() -> await(getRunningLoop().runInExecutor(null, Thread::currentThread))));
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(worker.isAlive(), "the executor's threads were joined");
    }

    // ------------------------------------------------------------ Runner

    @Test
    void aRunnerRunsSeveralCoroutinesOnOneLoop() throws Exception {
        // test_run; tasks left by one run go on in the next
        List<String> log = new ArrayList<>();
        try (Runner runner = new Runner()) {
            EventLoop loop = runner.getLoop();
            Future<String> gate = loop.createFuture();
            Task<?> background = runner.run(async(() -> createTask(async(() -> {
                log.add("background started");
                log.add("background got " + await(gate));
            }))));
            assertSame(loop, runner.run(async(Asyncio::getRunningLoop)));
            runner.run(async(() -> {
                gate.setResult("opened");
                await(background);
            }));
            assertEquals(List.of("background started", "background got opened"), log);
            assertFalse(loop.isClosed());
        }
    }

    @Test
    void closeClosesTheLoopAndRefusesLaterUse() throws Exception {
        // test_explicit_close, test_double_close, test_second_with_block_raises
        Runner runner = new Runner();
        EventLoop loop = runner.getLoop();
        assertEquals(1, runner.run(async(() -> 1)));
        runner.close();
        assertTrue(loop.isClosed());
        runner.close();
        assertEquals("Runner is closed", assertThrows(IllegalStateException.class, runner::getLoop).getMessage());
        assertEquals("Runner is closed",
                assertThrows(IllegalStateException.class, () -> runner.run(async(() -> 2))).getMessage());
        assertEquals("Runner[closed]", runner.toString());
    }

    @Test
    void closingARunnerThatNeverStartedDoesNothing() throws Exception {
        Runner runner = new Runner();
        runner.close();
        assertEquals("Runner[created]", runner.toString());
        assertEquals(5, runner.run(async(() -> 5)));
        runner.close();
    }

    @Test
    void runnerRunRefusesARunningLoop() throws Exception {
        // test_recursive_run
        try (Runner runner = new Runner()) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> runner.run(async(() -> runner.run(async(() -> 1)))));
            assertEquals("Runner.run() cannot be called from a running event loop", error.getMessage());
        }
    }

    @Test
    void aRunnerUsesItsLoopFactoryAndDebugFlag() throws Exception {
        // test_custom_factory, test_debug, test_non_debug
        EventLoop made = new EventLoop();
        try (Runner runner = new Runner(true, () -> made)) {
            assertSame(made, runner.run(async(Asyncio::getRunningLoop)));
            assertTrue(made.getDebug());
        }
        assertTrue(made.isClosed());
        try (Runner runner = new Runner(false, null)) {
            assertFalse(runner.run(async(() -> getRunningLoop().getDebug())));
        }
    }

    @Test
    void aRunnerCancelsLeftoversWhenItCloses() throws Exception {
        List<Task<Void>> leftover = new ArrayList<>();
        try (Runner runner = new Runner()) {
            runner.run(async(() -> {
                leftover.add(createTask(sleep(100)));
            }));
            assertFalse(leftover.get(0).isDone());
        }
        assertTrue(leftover.get(0).isCancelled());
    }

    @Test
    void theDefaultHandlerLogsErrorsOfLeftoverTasks() throws Exception {
        IllegalStateException error = new IllegalStateException("failed while being cancelled");
        try (LogCapture log = new LogCapture()) {
            Asyncio.run(async(() -> {
                createTask(async(() -> {
                    try {
                        await(sleep(1));
                    } catch (CancelledException e) {
                        throw error;
                    }
                }));
                await(sleep(0));
            }));
            CompletableFuture<java.util.logging.LogRecord> logged = log.when(r -> r.getThrown() == error);
            java.util.logging.LogRecord record = logged.getNow(null);
            assertTrue(record.getMessage().startsWith("unhandled exception during asyncio.run() shutdown"),
                    record.getMessage());
            assertInstanceOf(IllegalStateException.class, record.getThrown());
        }
    }
}
