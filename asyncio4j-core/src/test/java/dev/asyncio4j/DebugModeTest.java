package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debug mode: slow-callback warnings, creation stacks, and where the default comes from. CPython's
 * test_base_events.py (test_set_debug, test_log_slow_callbacks, test_env_var_debug) and the debug
 * parts of test_events.py. The -Dasyncio4j.debug property itself is checked in a child JVM by
 * DebugModeIT.
 */
@Timeout(30)
class DebugModeTest extends LoopTestCase {

    DebugModeTest() {
        super(new EventLoop());
    }

    @Test
    void debugFollowsTheJvmDefaultAndCanBeSet() {
        // test_set_debug
        assertEquals(Debug.DEFAULT, loop.getDebug());
        loop.setDebug(true);
        assertTrue(loop.getDebug());
        loop.setDebug(false);
        assertFalse(loop.getDebug());
        assertEquals(Duration.ofMillis(100), loop.getSlowCallbackDuration());
    }

    @Test
    void aNewLoopDoesNotInheritDebugModeFromARunningLoop() throws Exception {
        loop.setDebug(!Debug.DEFAULT);
        boolean inherited = loop.runUntilComplete(async(() -> {
            EventLoop fresh = new EventLoop();
            try {
                return fresh.getDebug();
            } finally {
                fresh.close();
            }
        }));
        assertEquals(Debug.DEFAULT, inherited);
        EventLoop after = new EventLoop();
        try {
            assertEquals(Debug.DEFAULT, after.getDebug());
        } finally {
            after.close();
        }
    }

    @Test
    void aSlowCallbackIsLoggedWithWhereItWasScheduled() {
        // test_log_slow_callbacks
        loop.setDebug(true);
        loop.setSlowCallbackDuration(Duration.ZERO);
        try (LogCapture log = new LogCapture()) {
            int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
            loop.callSoon(() -> {});
            runOnce();
            List<String> warnings = log.messages(Level.WARNING);
            assertTrue(warnings.stream().anyMatch(m -> m.matches(
                    "Executing Handle\\[lambda in dev\\.asyncio4j\\.DebugModeTest, created at DebugModeTest\\.java:"
                            + line + "] took \\d+\\.\\d{3} seconds")), warnings.toString());
        }
    }

    @Test
    void aSlowTaskStepIsLoggedAsTheTasks() throws Exception {
        loop.setDebug(true);
        loop.setSlowCallbackDuration(Duration.ZERO);
        try (LogCapture log = new LogCapture()) {
            int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
            loop.runUntilComplete(async("slowpoke", () -> {
                await(Asyncio.sleep(0));
            }));
            List<String> warnings = log.messages(Level.WARNING);
            assertTrue(warnings.stream().anyMatch(m -> m.matches(
                    "Executing step of Task\\[.*coro=slowpoke.*, created at DebugModeTest\\.java:" + line
                            + "] took \\d+\\.\\d{3} seconds")), warnings.toString());
        }
    }

    @Test
    void fastCallbacksAndNonDebugLoopsAreNotLogged() {
        try (LogCapture log = new LogCapture()) {
            loop.setSlowCallbackDuration(Duration.ZERO);
            loop.callSoon(() -> {});
            runOnce(); // not in debug mode
            loop.setDebug(true);
            loop.setSlowCallbackDuration(Duration.ofHours(1));
            loop.callSoon(() -> {});
            runOnce(); // under the threshold
            assertTrue(log.messages(Level.WARNING).stream().noneMatch(m -> m.startsWith("Executing ")),
                    log.messages(Level.WARNING).toString());
        }
    }

    @Test
    void futuresAndTasksRecordWhereTheyWereMadeInDebugMode() throws Exception {
        // test_future_source_traceback, test_task_source_traceback
        loop.setDebug(true);
        int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        Future<Object> future = loop.createFuture();
        assertTrue(future.toString().endsWith(", created at DebugModeTest.java:" + line + "]"), future.toString());
        Task<Void> task = loop.createTask(async(() -> {}));
        assertTrue(task.toString().endsWith(", created at DebugModeTest.java:" + (line + 2) + "]"), task.toString());
        loop.runUntilComplete(task);
        loop.setDebug(false);
        assertFalse(loop.createFuture().toString().contains("created at"));
    }

    @Test
    void anUnretrievedExceptionReportCarriesTheFuturesCreationStack() throws Exception {
        loop.setDebug(true);
        RuntimeException error = new RuntimeException("debug leak");
        CompletableFuture<ExceptionContext> reported = new CompletableFuture<>();
        loop.setExceptionHandler((l, context) -> {
            if (context.exception() == error) {
                reported.complete(context);
            }
        });
        makeFailedFuture(loop, error);
        loop.close();
        ExceptionContext context = LogCapture.collectUntil(reported);
        StackTraceElement[] stack = (StackTraceElement[]) context.get("source_traceback");
        assertEquals("makeFailedFuture", stack[0].getMethodName());
    }

    private static void makeFailedFuture(EventLoop loop, Throwable error) {
        loop.createFuture().setException(error);
    }

    @Test
    void theDefaultHandlerShowsWhereTheRunningHandleWasMade() {
        loop.setDebug(true);
        try (LogCapture log = new LogCapture()) {
            loop.callSoon(() -> loop.callExceptionHandler(ExceptionContext.of("reported from a callback", null)));
            runOnce();
            LogRecord record = log.when("reported from a callback").getNow(null);
            assertTrue(record.getMessage().contains("\nhandle_traceback: Handle created at (most recent call last):\n  at "),
                    record.getMessage());
            assertTrue(record.getMessage().contains("DebugModeTest.theDefaultHandlerShowsWhereTheRunningHandleWasMade"),
                    record.getMessage());
        }
    }

    @Test
    void coroutineOriginsAreRecordedOnlyUnderADebugLoop() throws Exception {
        // Another thread runs a debug loop meanwhile: this thread's loop is not in debug mode, so
        // its coroutines carry no creation stack (asyncio tracks origins per thread).
        EventLoop debugLoop = new EventLoop();
        debugLoop.setDebug(true);
        Future<Void> release = debugLoop.createFuture();
        CompletableFuture<Void> debugLoopRunning = new CompletableFuture<>();
        Thread other = Thread.ofPlatform().start(() -> {
            debugLoop.callSoon(() -> debugLoopRunning.complete(null));
            try {
                debugLoop.runUntilComplete(release);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (LogCapture log = new LogCapture()) {
            debugLoopRunning.get(10, TimeUnit.SECONDS);
            CompletableFuture<LogRecord> reported = log.when("coroutine 'plain-loop leak' was never awaited");
            loop.callSoon(() -> Asyncio.async("plain-loop leak", () -> {}));
            runOnce();
            String message = LogCapture.collectUntil(reported).getMessage();
            assertEquals("coroutine 'plain-loop leak' was never awaited", message);
        } finally {
            debugLoop.callSoonThreadsafe(() -> release.setResult(null));
            other.join();
            debugLoop.close();
        }
    }

    @Test
    void inDebugModeAFutureAwaitedByATaskCannotBeCompletedFromAnotherThread() throws Exception {
        // test_check_thread via Future.set_result: the wake-up of the waiting task is a call_soon,
        // which a debug loop checks. asyncio4j checks before completing, so the refused call
        // changes nothing. (Outside debug mode a waiting task's wake-up is not checked.)
        loop.setDebug(true);
        Future<Integer> awaited = loop.createFuture();
        Task<Integer> waiter = loop.createTask(async(() -> await(awaited)));
        Future<Throwable> refused = loop.createFuture();
        loop.callSoon(() -> Thread.ofPlatform().start(() -> {
            Throwable error = null;
            try {
                awaited.setResult(1);
            } catch (Throwable e) {
                error = e;
            }
            Throwable outcome = error;
            loop.callSoonThreadsafe(() -> refused.setResult(outcome));
        }));
        Throwable error = loop.runUntilComplete(refused);
        WrongThreadException wrongThread = assertInstanceOf(WrongThreadException.class, error);
        assertEquals("Non-thread-safe operation invoked on an event loop other than the current one",
                wrongThread.getMessage());
        assertFalse(awaited.isDone());
        awaited.setResult(2);
        assertEquals(2, loop.runUntilComplete(waiter));
    }
}
