package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio's Future: CPython's test_futures.py (BaseFutureTests, BaseFutureDoneCallbackTests). */
@Timeout(30)
class FutureTest extends LoopTestCase {

    FutureTest() {
        super(new EventLoop());
    }

    // ------------------------------------------------------------ states

    @Test
    void aNewFutureIsPending() {
        Future<Object> f = loop.createFuture();
        assertFalse(f.isCancelled());
        assertFalse(f.isDone());
        assertSame(loop, f.getLoop());
        assertSame(loop, new Future<>(loop).getLoop());
    }

    @Test
    void aPendingFutureHasNeitherResultNorException() {
        Future<Object> f = loop.createFuture();
        assertEquals("Result is not ready.", assertThrows(InvalidStateException.class, f::result).getMessage());
        assertEquals("Exception is not set.", assertThrows(InvalidStateException.class, f::exception).getMessage());
    }

    @Test
    void result() throws Exception {
        // test_result
        Future<Integer> f = loop.createFuture();
        f.setResult(42);
        assertTrue(f.isDone());
        assertFalse(f.isCancelled());
        assertEquals(42, f.result());
        assertNull(f.exception());
        InvalidStateException again = assertThrows(InvalidStateException.class, () -> f.setResult(1));
        assertTrue(again.getMessage().startsWith("FINISHED: "), again.getMessage());
        assertThrows(InvalidStateException.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
        assertEquals(42, f.result());
    }

    @Test
    void exception() {
        // test_exception
        Future<Integer> f = loop.createFuture();
        IllegalStateException error = new IllegalStateException("whoops");
        f.setException(error);
        assertTrue(f.isDone());
        assertSame(error, assertThrows(IllegalStateException.class, f::result));
        assertSame(error, f.exception());
        assertThrows(InvalidStateException.class, () -> f.setResult(1));
        assertThrows(InvalidStateException.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
    }

    @Test
    void aCheckedExceptionIsRaisedAsItWasSet() {
        Future<Integer> f = loop.createFuture();
        java.io.IOException error = new java.io.IOException("disk");
        f.setException(error);
        assertSame(error, assertThrows(java.io.IOException.class, f::result));
    }

    @Test
    void anErrorIsRaisedAsItWasSet() {
        Future<Integer> f = loop.createFuture();
        AssertionError error = new AssertionError("fatal");
        f.setException(error);
        assertSame(error, assertThrows(AssertionError.class, f::result));
        assertSame(error, f.exception());
    }

    @Test
    void setExceptionRefusesNull() {
        Future<Integer> f = loop.createFuture();
        assertThrows(NullPointerException.class, () -> f.setException(null));
        assertFalse(f.isDone());
    }

    @Test
    void cancel() {
        // test_cancel
        Future<Integer> f = loop.createFuture();
        assertTrue(f.cancel());
        assertTrue(f.isCancelled());
        assertTrue(f.isDone());
        assertThrows(CancelledException.class, f::result);
        assertThrows(CancelledException.class, f::exception);
        InvalidStateException setResult = assertThrows(InvalidStateException.class, () -> f.setResult(1));
        assertTrue(setResult.getMessage().startsWith("CANCELLED: "), setResult.getMessage());
        assertThrows(InvalidStateException.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
    }

    @Test
    void theCancelMessageTravelsWithTheCancelledException() {
        // test_future_cancel_message_getter / test_cancel_with_message_then_future_result for futures.
        Future<Integer> f = loop.createFuture();
        assertTrue(f.cancel("my message"));
        CancelledException fromResult = assertThrows(CancelledException.class, f::result);
        assertEquals("my message", fromResult.getMessage());
        assertNull(fromResult.getCause());
        CancelledException fromException = assertThrows(CancelledException.class, f::exception);
        assertEquals("my message", fromException.getMessage());
        assertFalse(f.cancel("other message"));
        assertEquals("my message", assertThrows(CancelledException.class, f::result).getMessage());

        Future<Integer> plain = loop.createFuture();
        plain.cancel();
        assertNull(assertThrows(CancelledException.class, plain::result).getMessage());
    }

    @Test
    void cancelledExceptionIsTheJdkCancellationException() {
        Future<Integer> f = loop.createFuture();
        f.cancel();
        assertInstanceOf(CancellationException.class, assertThrows(CancelledException.class, f::result));
    }

    // ------------------------------------------------------------ callbacks

    @Test
    void callbacksRunThroughTheLoopInRegistrationOrder() throws Exception {
        // test_callbacks_invoked_on_set_result
        Future<String> f = loop.createFuture();
        List<Object> bag = new ArrayList<>();
        f.addDoneCallback(done -> bag.add(42));
        f.addDoneCallback(done -> bag.add(17));
        assertEquals(List.of(), bag);
        f.setResult("foo");
        assertEquals(List.of(), bag, "not called synchronously");
        runOnce();
        assertEquals(List.of(42, 17), bag);
        assertEquals("foo", f.result());
    }

    @Test
    void callbacksRunOnSetExceptionAndOnCancel() {
        // test_callbacks_invoked_on_set_exception
        Future<String> failed = loop.createFuture();
        Future<String> cancelled = loop.createFuture();
        List<Object> bag = new ArrayList<>();
        failed.addDoneCallback(done -> bag.add(done.exception()));
        cancelled.addDoneCallback(done -> bag.add(done.isCancelled()));
        RuntimeException error = new RuntimeException();
        failed.setException(error);
        cancelled.cancel();
        runOnce();
        assertEquals(List.of(error, true), bag);
    }

    @Test
    void aCallbackReceivesTheFuture() {
        Future<String> f = loop.createFuture();
        List<Future<String>> received = new ArrayList<>();
        f.addDoneCallback(received::add);
        f.setResult("x");
        runOnce();
        assertEquals(List.of(f), received);
    }

    @Test
    void aCallbackAddedToADoneFutureIsScheduledNotCalled() {
        Future<String> f = loop.createFuture();
        f.setResult("x");
        List<String> calls = new ArrayList<>();
        loop.callSoon(() -> calls.add("scheduled before"));
        f.addDoneCallback(done -> calls.add("callback"));
        assertEquals(List.of(), calls);
        runOnce();
        assertEquals(List.of("scheduled before", "callback"), calls);
    }

    @Test
    void futureCallbacksInterleaveWithOtherCallbacksInSchedulingOrder() {
        Future<String> f = loop.createFuture();
        List<String> calls = new ArrayList<>();
        f.addDoneCallback(done -> calls.add("future callback"));
        loop.callSoon(() -> calls.add("before"));
        loop.callSoon(() -> f.setResult("x"));
        loop.callSoon(() -> calls.add("after"));
        runOnce();
        assertEquals(List.of("before", "after"), calls);
        runOnce();
        assertEquals(List.of("before", "after", "future callback"), calls);
    }

    @Test
    void removeDoneCallbackRemovesEveryRegistrationAndCountsThem() throws Exception {
        // test_remove_done_callback
        Future<String> f = loop.createFuture();
        List<Integer> bag = new ArrayList<>();
        Consumer<Future<String>> cb1 = done -> bag.add(1);
        Consumer<Future<String>> cb2 = done -> bag.add(2);
        Consumer<Future<String>> cb3 = done -> bag.add(3);
        f.addDoneCallback(cb1);
        f.addDoneCallback(cb2);
        assertEquals(1, f.removeDoneCallback(cb2));
        assertEquals(0, f.removeDoneCallback(cb3));
        f.addDoneCallback(cb2);
        for (int i = 0; i < 5; i++) {
            f.addDoneCallback(cb1);
        }
        assertEquals(6, f.removeDoneCallback(cb1));
        assertEquals(List.of(), bag);
        f.setResult("foo");
        runOnce();
        assertEquals(List.of(2), bag);
        assertEquals("foo", f.result());
    }

    @Test
    void removeDoneCallbackOfTheOnlyCallback() {
        Future<String> f = loop.createFuture();
        List<String> bag = new ArrayList<>();
        Consumer<Future<String>> only = done -> bag.add("only");
        f.addDoneCallback(only);
        assertEquals(1, f.removeDoneCallback(only));
        assertEquals(0, f.removeDoneCallback(only));
        f.setResult("x");
        runOnce();
        assertEquals(List.of(), bag);
    }

    @Test
    void removeDoneCallbackAfterTheCallbacksWereScheduledFindsNothing() {
        Future<String> f = loop.createFuture();
        List<String> bag = new ArrayList<>();
        Consumer<Future<String>> cb = done -> bag.add("cb");
        f.addDoneCallback(cb);
        f.setResult("x");
        assertEquals(0, f.removeDoneCallback(cb));
        runOnce();
        assertEquals(List.of("cb"), bag);
    }

    @Test
    void aFailingCallbackIsReportedToTheLoop() {
        Future<String> f = loop.createFuture();
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reports.add(context));
        RuntimeException error = new RuntimeException("callback failed");
        List<String> calls = new ArrayList<>();
        f.addDoneCallback(done -> {
            throw error;
        });
        f.addDoneCallback(done -> calls.add("second"));
        f.setResult("x");
        runOnce();
        assertEquals(List.of("second"), calls);
        assertEquals(1, reports.size());
        assertSame(error, reports.get(0).exception());
        assertTrue(reports.get(0).message().startsWith("Exception in callback"));
    }

    // ------------------------------------------------------------ never retrieved

    /** Makes a future failed with {@code error} and drops it. */
    private static void failAndDrop(EventLoop loop, Throwable error) {
        Future<Object> f = loop.createFuture();
        f.setException(error);
    }

    @Test
    void anUnretrievedExceptionIsReportedWhenTheFutureIsCollected() throws Exception {
        // test_tb_logger_exception_unretrieved, reported through a closed loop (straight to the handler).
        CompletableFuture<ExceptionContext> reported = new CompletableFuture<>();
        RuntimeException error = new RuntimeException("never looked at");
        loop.setExceptionHandler((l, context) -> {
            if (context.exception() == error) {
                reported.complete(context);
            }
        });
        failAndDrop(loop, error);
        loop.close();
        ExceptionContext context = LogCapture.collectUntil(reported);
        assertEquals("Future exception was never retrieved", context.message());
        assertSame(error, context.exception());
        assertTrue(String.valueOf(context.get("future")).startsWith("Future[finished"), context.toString());
    }

    @Test
    void aLoopThatIsNotRunningStillGetsTheReport() throws Exception {
        // asyncio's __del__ calls the handler at once; a report must not wait in the loop's queue
        // for a run that may never come (or be dropped by close()).
        CompletableFuture<ExceptionContext> reported = new CompletableFuture<>();
        RuntimeException error = new RuntimeException("never looked at, loop idle");
        loop.setExceptionHandler((l, context) -> {
            if (context.exception() == error) {
                reported.complete(context);
            }
        });
        failAndDrop(loop, error);
        assertEquals("Future exception was never retrieved", LogCapture.collectUntil(reported).message());
        assertFalse(loop.isClosed());
    }

    @Test
    void aRunningLoopReportsAnUnretrievedExceptionOnItsOwnThread() throws Exception {
        CompletableFuture<Thread> reportedOn = new CompletableFuture<>();
        RuntimeException error = new RuntimeException("never looked at");
        loop.setExceptionHandler((l, context) -> {
            if (context.exception() == error) {
                reportedOn.complete(Thread.currentThread());
            }
        });
        CompletableFuture<Thread> loopThread = new CompletableFuture<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            loop.callSoon(() -> {
                loopThread.complete(Thread.currentThread());
                failAndDrop(loop, error);
            });
            loop.runForever();
        });
        try {
            assertSame(loopThread.get(10, TimeUnit.SECONDS), LogCapture.collectUntil(reportedOn));
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            runner.join();
        }
    }

    @Test
    void theDefaultHandlerLogsAnUnretrievedException() throws Exception {
        // test_default_exc_handler_coro: logged at ERROR with the exception.
        RuntimeException error = new RuntimeException("never looked at, logged");
        try (LogCapture log = new LogCapture()) {
            CompletableFuture<java.util.logging.LogRecord> logged =
                    log.when(r -> r.getThrown() == error);
            failAndDrop(loop, error);
            loop.close();
            java.util.logging.LogRecord record = LogCapture.collectUntil(logged);
            assertTrue(record.getMessage().startsWith("Future exception was never retrieved"), record.getMessage());
            assertEquals(java.util.logging.Level.SEVERE, record.getLevel());
        }
    }

    @Test
    void retrievedCancelledAndSuccessfulFuturesAreNotReported() throws Exception {
        // test_tb_logger_abandoned, test_tb_logger_result_unretrieved, _result_retrieved,
        // _exception_retrieved, test_tb_logger_not_called_after_cancel.
        List<ExceptionContext> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> sentinelReported = new CompletableFuture<>();
        RuntimeException sentinel = new RuntimeException("sentinel");
        loop.setExceptionHandler((l, context) -> {
            reports.add(context);
            if (context.exception() == sentinel) {
                sentinelReported.complete(null);
            }
        });
        List<WeakReference<Future<?>>> quiet = new ArrayList<>();
        quiet.add(new WeakReference<>(loop.createFuture()));                     // abandoned
        Future<Object> withResult = loop.createFuture();
        withResult.setResult("x");                                              // result unretrieved
        quiet.add(new WeakReference<>(withResult));
        Future<Object> readByException = loop.createFuture();
        readByException.setException(new RuntimeException("read by exception()"));
        readByException.exception();
        quiet.add(new WeakReference<>(readByException));
        Future<Object> readByResult = loop.createFuture();
        readByResult.setException(new RuntimeException("read by result()"));
        assertThrows(RuntimeException.class, readByResult::result);
        quiet.add(new WeakReference<>(readByResult));
        Future<Object> cancelled = loop.createFuture();
        cancelled.cancel();
        quiet.add(new WeakReference<>(cancelled));
        withResult = null;
        readByException = null;
        readByResult = null;
        cancelled = null;
        failAndDrop(loop, sentinel);
        loop.close();
        LogCapture.collectUntil(sentinelReported);
        for (int i = 0; i < 50 && quiet.stream().anyMatch(ref -> ref.get() != null); i++) {
            System.gc();
        }
        assertTrue(quiet.stream().allMatch(ref -> ref.get() == null), "all collected");
        // A second sentinel, dropped after the others were collected, is reported after them.
        CompletableFuture<Void> secondReported = new CompletableFuture<>();
        RuntimeException second = new RuntimeException("second sentinel");
        loop.setExceptionHandler((l, context) -> {
            reports.add(context);
            if (context.exception() == second) {
                secondReported.complete(null);
            }
        });
        failAndDrop(loop, second);
        LogCapture.collectUntil(secondReported);
        assertEquals(List.of(sentinel, second), reports.stream().map(ExceptionContext::exception).toList());
    }

    // ------------------------------------------------------------ CompletableFuture interop

    @Test
    void toCompletableFutureCompletesWithTheResult() throws Exception {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> completable = f.toCompletableFuture();
        assertFalse(completable.isDone());
        f.setResult("x");
        runOnce();
        assertEquals("x", completable.get(0, TimeUnit.SECONDS));
    }

    @Test
    void toCompletableFutureCompletesWithTheException() {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> completable = f.toCompletableFuture();
        IllegalStateException error = new IllegalStateException("x");
        f.setException(error);
        runOnce();
        ExecutionException wrapped = assertThrows(ExecutionException.class, () -> completable.get(0, TimeUnit.SECONDS));
        assertSame(error, wrapped.getCause());
    }

    @Test
    void toCompletableFutureOfACancelledFutureIsCancelled() {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> completable = f.toCompletableFuture();
        f.cancel();
        runOnce();
        assertTrue(completable.isCancelled());
    }

    @Test
    void toCompletableFutureOfADoneFutureIsCompleteAtOnce() throws Exception {
        Future<String> f = loop.createFuture();
        f.setResult("already");
        loop.close();
        assertEquals("already", f.toCompletableFuture().getNow(null));
        Future<String> cancelled = new Future<>(loop);
        cancelled.cancel();
        assertTrue(cancelled.toCompletableFuture().isCancelled());
    }

    @Test
    void cancellingTheCompletableFutureFromAnotherThreadCancelsTheFuture() throws Exception {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> completable = f.toCompletableFuture();
        Thread other = Thread.ofPlatform().start(() -> completable.cancel(false));
        other.join();
        assertFalse(f.isDone(), "cancelled through the loop, not from the other thread");
        runOnce();
        assertTrue(f.isCancelled());
    }

    @Test
    void aCompletableFutureCanBeAwaitedFromAnotherThread() throws Exception {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> completable = f.toCompletableFuture();
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(completable::join);
        loop.callLater(java.time.Duration.ofMillis(1), () -> f.setResult("from the loop"));
        loop.runUntilComplete(f);
        assertEquals("from the loop", seen.get(10, TimeUnit.SECONDS));
    }

    @Test
    void wrapCompletesWhenTheStageIsCompletedFromAnotherThread() throws Exception {
        CompletableFuture<String> source = new CompletableFuture<>();
        Future<String> f = Future.wrap(source, loop);
        assertFalse(f.isDone());
        loop.callSoon(() -> Thread.ofPlatform().start(() -> source.complete("done elsewhere")));
        assertEquals("done elsewhere", loop.runUntilComplete(f));
    }

    @Test
    void wrapUnwrapsTheStagesException() {
        CompletableFuture<String> source = new CompletableFuture<>();
        Future<String> f = Future.wrap(source, loop);
        IllegalStateException error = new IllegalStateException("failed elsewhere");
        loop.callSoon(() -> Thread.ofPlatform().start(() -> source.completeExceptionally(error)));
        assertSame(error, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(f)));

        CompletionStage<String> dependent = new CompletableFuture<String>().completeAsync(() -> {
            throw error;
        });
        Future<String> g = Future.wrap(dependent, loop);
        assertSame(error, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(g)));
    }

    @Test
    void wrapOfACancelledStageIsCancelled() {
        CompletableFuture<String> source = new CompletableFuture<>();
        Future<String> f = Future.wrap(source, loop);
        loop.callSoon(() -> Thread.ofPlatform().start(() -> source.cancel(false)));
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(f));
        assertTrue(f.isCancelled());
    }

    @Test
    void cancellingTheWrappingFutureCancelsTheStage() {
        CompletableFuture<String> source = new CompletableFuture<>();
        Future<String> f = Future.wrap(source, loop);
        assertTrue(f.cancel());
        runOnce();
        assertTrue(source.isCancelled());
    }

    @Test
    void wrapOfACompletedStage() throws Exception {
        Future<String> f = Future.wrap(CompletableFuture.completedFuture("ready"), loop);
        assertEquals("ready", loop.runUntilComplete(f));
    }

    @Test
    void aTaskAwaitsACompletionStageDirectly() throws Exception {
        CompletableFuture<String> source = new CompletableFuture<>();
        String result = loop.runUntilComplete(async(() -> {
            Thread.ofPlatform().start(() -> source.complete("stage"));
            return await(source);
        }));
        assertEquals("stage", result);
    }

    // ------------------------------------------------------------ misc

    @Test
    void theNoArgumentConstructorUsesTheRunningLoop() throws Exception {
        Future<?> made = loop.runUntilComplete(async(() -> new Future<>()));
        assertSame(loop, made.getLoop());
    }

    @Test
    void toStringShowsStateResultAndCallbacks() {
        Future<Object> pending = loop.createFuture();
        assertEquals("Future[pending]", pending.toString());
        pending.addDoneCallback(done -> {});
        pending.addDoneCallback(done -> {});
        assertEquals("Future[pending, callbacks=2]", pending.toString());

        Future<Object> finished = loop.createFuture();
        finished.setResult(42);
        assertEquals("Future[finished, result=42]", finished.toString());

        Future<Object> failed = loop.createFuture();
        failed.setException(new IllegalStateException("bad"));
        assertEquals("Future[finished, exception=java.lang.IllegalStateException: bad]", failed.toString());
        failed.exception();

        Future<Object> cancelled = loop.createFuture();
        cancelled.cancel();
        assertEquals("Future[cancelled]", cancelled.toString());

        Future<Object> longResult = loop.createFuture();
        longResult.setResult("x".repeat(100));
        assertEquals("Future[finished, result=" + "x".repeat(57) + "...]", longResult.toString());
    }
}
