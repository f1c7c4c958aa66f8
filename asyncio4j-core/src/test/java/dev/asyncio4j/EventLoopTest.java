package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.sleep;
import static dev.asyncio4j.LoopTestCase.runOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The event loop's scheduling, running, stopping and closing, its thread checks and its exception
 * handler: CPython's test_events.py and test_base_events.py (BaseEventLoopTests, EventLoopTestsMixin).
 */
@Timeout(20)
class EventLoopTest {

    private final List<EventLoop> loops = new ArrayList<>();

    private EventLoop loop() {
        EventLoop loop = new EventLoop();
        loops.add(loop);
        return loop;
    }

    private EventLoop virtualLoop() {
        EventLoop loop = VirtualTime.newLoop();
        loops.add(loop);
        return loop;
    }

    @AfterEach
    void closeLoops() {
        loops.forEach(EventLoop::close);
    }

    // ------------------------------------------------------------ call_soon, call_later, call_at

    @Test
    void callSoonRunsCallbacksInTheOrderTheyWereScheduled() {
        EventLoop loop = loop();
        List<Integer> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            loop.callSoon(() -> calls.add(n));
        }
        runOnce(loop);
        assertEquals(List.of(0, 1, 2, 3, 4), calls);
    }

    @Test
    void aCallbackScheduledByACallbackRunsInTheNextIteration() {
        // test__run_once_schedule_handle: what a callback schedules waits for the next pass.
        EventLoop loop = loop();
        List<String> calls = new ArrayList<>();
        loop.callSoon(() -> {
            calls.add("a");
            loop.callSoon(() -> calls.add("c"));
        });
        loop.callSoon(() -> calls.add("b"));
        runOnce(loop);
        assertEquals(List.of("a", "b"), calls);
        runOnce(loop);
        assertEquals(List.of("a", "b", "c"), calls);
    }

    @Test
    void timersRunInDeadlineOrderAndEqualDeadlinesInSchedulingOrder() {
        EventLoop loop = virtualLoop();
        List<String> calls = new ArrayList<>();
        loop.callLater(Duration.ofMillis(30), () -> calls.add("30ms"));
        loop.callLater(Duration.ofMillis(10), () -> calls.add("10ms first"));
        loop.callAt(0.010, () -> calls.add("10ms second (call_at)"));
        loop.callLater(Duration.ofMillis(10), () -> calls.add("10ms third"));
        loop.callLater(Duration.ofMillis(20), () -> calls.add("20ms"));
        loop.callLater(Duration.ofMillis(40), loop::stop);
        loop.runForever();
        assertEquals(List.of("10ms first", "10ms second (call_at)", "10ms third", "20ms", "30ms"), calls);
        assertEquals(0.040, loop.time(), 1e-9);
    }

    @Test
    void negativeDelaysKeepTheirOrder() {
        // test_call_later_negative_delays: a delay of -2 s is due before one of -1 s.
        EventLoop loop = loop();
        List<String> calls = new ArrayList<>();
        loop.callLater(Duration.ofSeconds(-1), () -> calls.add("a"));
        loop.callLater(Duration.ofSeconds(-2), () -> calls.add("b"));
        runOnce(loop);
        assertEquals(List.of("b", "a"), calls);
    }

    @Test
    void callAtRunsAtTheGivenLoopTime() {
        EventLoop loop = virtualLoop();
        List<Double> times = new ArrayList<>();
        TimerHandle handle = loop.callAt(5.0, () -> {
            times.add(loop.time());
            loop.stop();
        });
        assertEquals(5.0, handle.when(), 1e-9);
        loop.runForever();
        assertEquals(List.of(5.0), times);
    }

    @Test
    void callAtRejectsNaN() {
        EventLoop loop = loop();
        assertThrows(IllegalArgumentException.class, () -> loop.callAt(Double.NaN, () -> {}));
    }

    @Test
    void timeIsMonotonicAndCallLaterWaitsAtLeastItsDelay() {
        // test_time_and_call_at / test_call_later, on the real clock.
        EventLoop loop = loop();
        double previous = loop.time();
        for (int i = 0; i < 1000; i++) {
            double now = loop.time();
            assertTrue(now >= previous);
            previous = now;
        }
        double[] ranAt = new double[1];
        double start = loop.time();
        loop.callLater(Duration.ofMillis(50), () -> {
            ranAt[0] = loop.time();
            loop.stop();
        });
        loop.runForever();
        assertTrue(ranAt[0] - start >= 0.050 - 1e-6, "ran after " + (ranAt[0] - start));
    }

    // ------------------------------------------------------------ run_forever and stop

    @Test
    void stopBeforeRunForeverRunsExactlyOneIteration() {
        // test_run_forever_pre_stopped / test_run_once.
        EventLoop loop = loop();
        List<String> calls = new ArrayList<>();
        loop.callSoon(() -> {
            calls.add("first");
            loop.callSoon(() -> calls.add("second"));
        });
        loop.stop();
        loop.runForever();
        assertEquals(List.of("first"), calls);
        assertFalse(loop.isRunning());
    }

    @Test
    void stopInsideACallbackLetsTheCurrentBatchFinish() {
        EventLoop loop = loop();
        List<String> calls = new ArrayList<>();
        loop.callSoon(() -> {
            calls.add("a");
            loop.callSoon(() -> calls.add("next batch"));
        });
        loop.callSoon(() -> {
            calls.add("stop");
            loop.stop();
        });
        loop.callSoon(() -> calls.add("b"));
        loop.runForever();
        assertEquals(List.of("a", "stop", "b"), calls);
        runOnce(loop);
        assertEquals(List.of("a", "stop", "b", "next batch"), calls);
    }

    @Test
    void isRunningOnlyWhileRunning() {
        EventLoop loop = loop();
        List<Boolean> seen = new ArrayList<>();
        loop.callSoon(() -> seen.add(loop.isRunning()));
        assertFalse(loop.isRunning());
        runOnce(loop);
        assertEquals(List.of(true), seen);
        assertFalse(loop.isRunning());
    }

    @Test
    void anInterruptOfTheLoopThreadStopsTheLoopAndIsKept() throws Exception {
        EventLoop loop = loop();
        Thread loopThread = Thread.currentThread();
        loop.callSoon(() -> Thread.ofPlatform().start(loopThread::interrupt));
        loop.runForever();
        assertTrue(Thread.interrupted(), "the interrupt status is restored for the caller");
    }

    @Test
    void aLoopMadeOnAVirtualThreadRunsThere() throws Exception {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            EventLoop loop = new EventLoop();
            try {
                result.complete(loop.runUntilComplete(async(() -> {
                    await(sleep(0));
                    return 5;
                })));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            } finally {
                loop.close();
            }
        });
        assertEquals(5, result.get(10, TimeUnit.SECONDS));
    }

    @Test
    void inFastModeALoopMadeOnAPlatformThreadCannotRunOnAVirtualThread() throws Exception {
        assumeTrue(Asyncio.schedulingMode() == SchedulingMode.FAST,
                "portable-mode loops run on any thread");
        EventLoop loop = loop();
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> error.complete(assertThrows(IllegalStateException.class, loop::runForever)));
        assertTrue(error.get(10, TimeUnit.SECONDS).getMessage()
                .contains("must run on a platform thread"));
    }

    // ------------------------------------------------------------ run_until_complete

    @Test
    void runUntilCompleteReturnsTheResult() throws Exception {
        EventLoop loop = loop();
        assertEquals(42, loop.runUntilComplete(async(() -> 42)));
        Future<String> future = loop.createFuture();
        loop.callSoon(() -> future.setResult("done"));
        assertEquals("done", loop.runUntilComplete(future));
    }

    @Test
    void runUntilCompleteThrowsTheExceptionAsRaised() {
        EventLoop loop = loop();
        IllegalArgumentException error = new IllegalArgumentException("boom");
        assertSame(error, assertThrows(IllegalArgumentException.class,
                () -> loop.runUntilComplete(async(() -> {
                    throw error;
                }))));
    }

    @Test
    void runUntilCompleteOfAStoppedLoopSaysSo() {
        // test_run_until_complete_stopped
        EventLoop loop = loop();
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(async(() -> {
                    loop.stop();
                    await(sleep(0.1));
                })));
        assertEquals("Event loop stopped before Future completed.", error.getMessage());
    }

    @Test
    void runUntilCompleteRefusesAFutureOfAnotherLoop() {
        // test_run_until_complete_loop
        EventLoop loop = loop();
        EventLoop other = loop();
        Future<Object> future = loop.createFuture();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> other.runUntilComplete(future));
        assertEquals("The future belongs to a different loop than the one specified as the loop argument",
                error.getMessage());
    }

    @Test
    void runUntilCompleteCannotNest() throws Exception {
        // test_run_until_complete_nesting
        EventLoop loop = loop();
        EventLoop other = loop();
        List<String> messages = new ArrayList<>();
        loop.runUntilComplete(async(() -> {
            messages.add(assertThrows(IllegalStateException.class,
                    () -> loop.runUntilComplete(loop.createFuture())).getMessage());
            messages.add(assertThrows(IllegalStateException.class, loop::runForever).getMessage());
            messages.add(assertThrows(IllegalStateException.class,
                    () -> other.runUntilComplete(other.createFuture())).getMessage());
        }));
        assertEquals(List.of("This event loop is already running", "This event loop is already running",
                "Cannot run the event loop while another loop is running"), messages);
    }

    @Test
    void runUntilCompleteRemovesItsDoneCallbackWhenInterrupted() throws Exception {
        // test_run_until_complete_loop_orphan_future_close_loop: the first call is interrupted by
        // a KeyboardInterrupt; its future finishing later must not stop the second call.
        EventLoop loop = virtualLoop();
        loop.callSoon(() -> {
            throw new KeyboardInterruptException();
        });
        Task<Void> first = loop.createTask(sleep(0.1));
        assertThrows(KeyboardInterruptException.class, () -> loop.runUntilComplete(first));
        assertFalse(first.isDone());
        loop.runUntilComplete(sleep(0.2));
        assertTrue(first.isDone());
        assertEquals(0.2, loop.time(), 1e-9);
    }

    @Test
    void aKeyboardInterruptFromATaskStopsTheLoopWithoutAPendingStop() {
        // test_run_until_complete_baseexception: no stop() may be left scheduled behind.
        EventLoop loop = loop();
        assertThrows(KeyboardInterruptException.class, () -> loop.runUntilComplete(async(() -> {
            throw new KeyboardInterruptException();
        })));
        List<String> calls = new ArrayList<>();
        loop.callSoon(() -> {
            calls.add("called");
            loop.stop();
        });
        loop.runForever();
        assertEquals(List.of("called"), calls);
    }

    @Test
    void theTaskRunUntilCompleteMadeDoesNotReportTheKeyboardInterruptAsNeverRetrieved() throws Exception {
        // test_run_forever_keyboard_interrupt (Python issue #22601)
        EventLoop loop = loop();
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        RuntimeException first = new RuntimeException("sentinel 1");
        RuntimeException second = new RuntimeException("sentinel 2");
        CompletableFuture<Void> firstReported = new CompletableFuture<>();
        CompletableFuture<Void> secondReported = new CompletableFuture<>();
        loop.setExceptionHandler((l, context) -> {
            reported.add(context.exception());
            if (context.exception() == first) {
                firstReported.complete(null);
            } else if (context.exception() == second) {
                secondReported.complete(null);
            }
        });
        assertThrows(KeyboardInterruptException.class, () -> loop.runUntilComplete(async(() -> {
            throw new KeyboardInterruptException();
        })));
        loop.createFuture().setException(first);
        loop.close();
        LogCapture.collectUntil(firstReported);
        loop.createFuture().setException(second);
        LogCapture.collectUntil(secondReported);
        assertEquals(List.of(first, second), reported);
    }

    // ------------------------------------------------------------ close

    @Test
    void closeIsIdempotentAndClosedLoopsRefuseWork() {
        // test_close
        EventLoop loop = loop();
        assertFalse(loop.isClosed());
        loop.close();
        assertTrue(loop.isClosed());
        loop.close();
        loop.close();
        Future<Object> future = loop.createFuture(); // allowed, as asyncio's create_future()
        List<Executable> refused = List.of(
                loop::runForever,
                () -> loop.runUntilComplete(future),
                () -> loop.callSoon(() -> {}),
                () -> loop.callLater(Duration.ofSeconds(1), () -> {}),
                () -> loop.callAt(1.0, () -> {}),
                () -> loop.callSoonThreadsafe(() -> {}),
                () -> loop.createTask(async(() -> {})),
                () -> loop.runInExecutor(null, () -> 1));
        for (Executable call : refused) {
            assertEquals("Event loop is closed", assertThrows(IllegalStateException.class, call).getMessage());
        }
    }

    @Test
    void aRunningLoopCannotBeClosed() throws Exception {
        EventLoop loop = loop();
        List<String> messages = new ArrayList<>();
        loop.runUntilComplete(async(() -> messages.add(
                assertThrows(IllegalStateException.class, loop::close).getMessage())));
        loop.callSoon(() -> messages.add(assertThrows(IllegalStateException.class, loop::close).getMessage()));
        runOnce(loop);
        assertEquals(List.of("Cannot close a running event loop", "Cannot close a running event loop"), messages);
        assertFalse(loop.isClosed());
    }

    @Test
    void closeDiscardsPendingCallbacksAndTimers() {
        EventLoop loop = loop();
        List<String> calls = new CopyOnWriteArrayList<>();
        loop.callSoon(() -> calls.add("soon"));
        loop.callSoonThreadsafe(() -> calls.add("threadsafe"));
        loop.callLater(Duration.ZERO, () -> calls.add("later"));
        loop.close();
        assertEquals(List.of(), calls);
    }

    @Test
    void closeWithPendingTasksDoesNotHang() throws Exception {
        EventLoop loop = loop();
        Future<Void> never = loop.createFuture();
        Task<Void> waiting = loop.createTask(async(() -> {
            await(never);
        }));
        Task<Void> sleeping = loop.createTask(sleep(3600));
        runOnce(loop);
        Task<Void> notStarted = loop.createTask(async(() -> {}));
        loop.close();
        // Unwound by close() (see LoopCloseTest), not left pending forever.
        assertTrue(waiting.isDone());
        assertTrue(sleeping.isDone());
        assertTrue(notStarted.isDone());
        // Another loop on the same thread still works.
        assertEquals(7, loop().runUntilComplete(async(() -> 7)));
    }

    // ------------------------------------------------------------ threads

    @Test
    void callSoonThreadsafeWakesALoopBlockedInSelect() {
        EventLoop loop = loop();
        Thread loopThread = Thread.currentThread();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        // The loop has nothing to do and no timer: it blocks in select until woken.
        loop.callSoon(() -> Thread.ofPlatform().start(() -> loop.callSoonThreadsafe(() -> {
            ranOn.add(Thread.currentThread());
            loop.stop();
        })));
        loop.runForever();
        assertEquals(List.of(loopThread), ranOn);
    }

    @Test
    void stopFromAnotherThreadAlwaysStopsARunningLoop() throws Exception {
        // stop() is thread-safe here (asyncio needs call_soon_threadsafe(loop.stop)): however it
        // races with the loop going to sleep in select, the loop must wake and stop.
        EventLoop loop = loop();
        for (int i = 0; i < 500; i++) {
            CountDownLatch running = new CountDownLatch(1);
            loop.callSoon(running::countDown);
            Thread runner = Thread.ofPlatform().start(loop::runForever);
            running.await();
            loop.stop();
            runner.join(10_000);
            assertFalse(runner.isAlive(), "iteration " + i + ": the loop did not stop");
        }
    }

    @Test
    void callSoonThreadsafeFromManyThreadsRunsEveryCallbackOnTheLoop() throws Exception {
        EventLoop loop = loop();
        int threads = 4;
        int perThread = 500;
        AtomicInteger ran = new AtomicInteger();
        Future<Void> all = loop.createFuture();
        Thread loopThread = Thread.currentThread();
        List<Thread> wrong = new CopyOnWriteArrayList<>();
        loop.callSoon(() -> {
            for (int t = 0; t < threads; t++) {
                Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        loop.callSoonThreadsafe(() -> {
                            if (Thread.currentThread() != loopThread) {
                                wrong.add(Thread.currentThread());
                            }
                            if (ran.incrementAndGet() == threads * perThread) {
                                all.setResult(null);
                            }
                        });
                    }
                });
            }
        });
        loop.runUntilComplete(all);
        assertEquals(threads * perThread, ran.get());
        assertEquals(List.of(), wrong);
    }

    @Test
    void loopConfinedCallsFromAnotherThreadWhileTheLoopRunsThrowWrongThreadException() throws Exception {
        // test_check_thread (asyncio checks in debug mode only; asyncio4j always does).
        EventLoop loop = loop();
        Future<List<Throwable>> outcome = loop.createFuture();
        loop.callSoon(() -> Thread.ofPlatform().start(() -> {
            List<Throwable> errors = new ArrayList<>();
            List<Executable> calls = List.of(
                    () -> loop.callSoon(() -> {}),
                    () -> loop.callLater(Duration.ofSeconds(60), () -> {}),
                    () -> loop.callAt(loop.time() + 60, () -> {}),
                    () -> loop.createTask(async(() -> {})));
            for (Executable call : calls) {
                try {
                    call.execute();
                    errors.add(null);
                } catch (Throwable e) {
                    errors.add(e);
                }
            }
            loop.callSoonThreadsafe(() -> outcome.setResult(errors));
        }));
        List<Throwable> errors = loop.runUntilComplete(outcome);
        assertEquals(4, errors.size());
        for (Throwable error : errors) {
            assertInstanceOf(WrongThreadException.class, error);
            assertEquals("Non-thread-safe operation invoked on an event loop other than the current one",
                    error.getMessage());
        }
    }

    @Test
    void anyThreadMayScheduleWorkBeforeTheLoopRuns() throws Exception {
        EventLoop loop = loop();
        List<String> calls = new CopyOnWriteArrayList<>();
        Thread other = Thread.ofPlatform().start(() -> {
            loop.callSoon(() -> calls.add("soon"));
            loop.callSoonThreadsafe(() -> calls.add("threadsafe"));
        });
        other.join();
        runOnce(loop);
        assertEquals(List.of("soon", "threadsafe"), calls);
    }

    // ------------------------------------------------------------ exception handler

    @Test
    void aFailingCallbackIsReportedAndTheLoopGoesOn() {
        EventLoop loop = loop();
        List<ExceptionContext> reports = new ArrayList<>();
        List<EventLoop> reportedLoops = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> {
            reportedLoops.add(l);
            reports.add(context);
        });
        RuntimeException error = new RuntimeException("callback failed");
        List<String> calls = new ArrayList<>();
        Handle failing = loop.callSoon(() -> {
            throw error;
        });
        loop.callSoon(() -> calls.add("after"));
        runOnce(loop);
        assertEquals(List.of("after"), calls);
        assertEquals(1, reports.size());
        ExceptionContext context = reports.get(0);
        assertTrue(context.message().startsWith("Exception in callback "), context.message());
        assertSame(error, context.exception());
        assertSame(failing, context.get("handle"));
        assertSame(loop, reportedLoops.get(0));
    }

    @Test
    void theDefaultHandlerLogsTheMessageAndTheException() {
        // test_default_exc_handler_callback
        EventLoop loop = loop();
        RuntimeException error = new RuntimeException("callback failed");
        try (LogCapture log = new LogCapture()) {
            loop.callSoon(() -> {
                throw error;
            });
            runOnce(loop);
            LogRecord record = log.when("Exception in callback").getNow(null);
            assertEquals(Level.SEVERE, record.getLevel());
            assertSame(error, record.getThrown());
            assertTrue(record.getMessage().contains("handle: Handle["), record.getMessage());
        }
    }

    @Test
    void aHandlerThatThrowsIsLoggedAsUnhandledErrorInExceptionHandler() {
        // test_set_exc_handler_broken
        EventLoop loop = loop();
        IllegalStateException handlerError = new IllegalStateException("spam");
        loop.setExceptionHandler((l, context) -> {
            throw handlerError;
        });
        List<String> calls = new ArrayList<>();
        try (LogCapture log = new LogCapture()) {
            loop.callSoon(() -> {
                throw new RuntimeException("callback failed");
            });
            loop.callSoon(() -> calls.add("after"));
            runOnce(loop);
            LogRecord record = log.when("Unhandled error in exception handler").getNow(null);
            assertSame(handlerError, record.getThrown());
            assertTrue(record.getMessage().contains("Exception in callback"), record.getMessage());
        }
        assertEquals(List.of("after"), calls);
    }

    @Test
    void theHandlerCanBeReadAndReset() {
        EventLoop loop = loop();
        ExceptionHandler handler = (l, context) -> {};
        assertEquals(null, loop.getExceptionHandler());
        loop.setExceptionHandler(handler);
        assertSame(handler, loop.getExceptionHandler());
        loop.setExceptionHandler(null);
        assertEquals(null, loop.getExceptionHandler());
    }

    @Test
    void callExceptionHandlerWithACustomContext() {
        EventLoop loop = loop();
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reports.add(context));
        ExceptionContext context = ExceptionContext.of("custom", null).with("answer", 42);
        loop.callExceptionHandler(context);
        assertEquals(List.of(context), reports);
        assertEquals(42, reports.get(0).get("answer"));
        assertEquals(null, reports.get(0).exception());
    }

    // ------------------------------------------------------------ timers

    @Test
    void cancelledTimersArePurgedAsAsyncioDoes() {
        // test__run_once_cancelled_event_cleanup: cancelled timers are popped from the head of the
        // heap; the heap is rebuilt when over 100 are scheduled and more than half are cancelled.
        EventLoop loop = loop();
        Runnable callback = () -> {};
        int notCancelled = 1;
        loop.callLater(Duration.ofSeconds(3000), callback);
        int cancelled = 2;
        for (int i = 0; i < 2; i++) {
            loop.callLater(Duration.ofSeconds(3600), callback).cancel();
        }
        cancelled += 2;
        for (int i = 0; i < 2; i++) {
            loop.callLater(Duration.ofSeconds(100), callback).cancel();
        }
        runOnce(loop);
        cancelled -= 2; // the two at the head went
        assertEquals(cancelled + notCancelled, loop.scheduledTimerCount());

        int addCancelled = (int) Math.ceil(100 * 0.5) + 1;
        int addNotCancelled = 100 - addCancelled;
        notCancelled += addNotCancelled;
        for (int i = 0; i < addNotCancelled; i++) {
            loop.callLater(Duration.ofSeconds(3600), callback);
        }
        cancelled += addCancelled;
        for (int i = 0; i < addCancelled; i++) {
            loop.callLater(Duration.ofSeconds(3600), callback).cancel();
        }
        assertEquals(cancelled + notCancelled, loop.scheduledTimerCount());
        runOnce(loop);
        assertEquals(notCancelled, loop.scheduledTimerCount());
    }

    @Test
    void aCancelledTimerDoesNotRun() {
        EventLoop loop = virtualLoop();
        List<String> calls = new ArrayList<>();
        TimerHandle timer = loop.callLater(Duration.ofMillis(10), () -> calls.add("cancelled"));
        loop.callLater(Duration.ofMillis(20), loop::stop);
        loop.callLater(Duration.ofMillis(5), timer::cancel);
        loop.runForever();
        assertEquals(List.of(), calls);
        assertTrue(timer.isCancelled());
    }

    @Test
    void theSelectTimeoutFollowsTheNextTimer() {
        // With only a far timer, the loop sleeps until it (virtual time jumps straight there).
        EventLoop loop = virtualLoop();
        loop.callLater(Duration.ofHours(1), loop::stop);
        loop.runForever();
        assertEquals(3600.0, loop.time(), 1e-6);
    }
}
