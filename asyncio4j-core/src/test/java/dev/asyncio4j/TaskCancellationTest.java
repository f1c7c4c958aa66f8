package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.currentTask;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Task cancellation: CPython's test_tasks.py test_cancel* and the cancelling()/uncancel() tests. */
@Timeout(30)
class TaskCancellationTest extends LoopTestCase {

    /** Completes when {@code future} is done, without retrieving its outcome (asyncio.wait([f])). */
    private static Future<Void> whenDone(Future<?> future) {
        Future<Void> done = future.getLoop().createFuture();
        future.addDoneCallback(f -> done.setResult(null));
        return done;
    }

    private static int depthOfCauses(Throwable error) {
        int depth = 0;
        while (error.getCause() != null) {
            error = error.getCause();
            depth++;
        }
        return depth;
    }

    private static Throwable innermost(Throwable error) {
        while (error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    // ------------------------------------------------------------ where cancellation lands

    @Test
    void cancelASleepingTask() {
        // test_cancel
        Task<Integer> t = loop.createTask(async(() -> {
            await(sleep(10.0));
            return 12;
        }));
        loop.callSoon(t::cancel);
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
        assertTrue(t.isDone());
        assertTrue(t.isCancelled());
        assertFalse(t.cancel());
        assertEquals(0.0, loop.time(), "the sleep was cut short");
    }

    @Test
    void cancelIsDeliveredAtTheNextSuspensionPoint() {
        // test_cancel_yield
        List<String> steps = new ArrayList<>();
        Task<Integer> t = loop.createTask(async(() -> {
            steps.add("first");
            await(sleep(0));
            steps.add("second");
            await(sleep(0));
            steps.add("third");
            return 12;
        }));
        runOnce();
        t.cancel();
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
        assertEquals(List.of("first"), steps);
        assertTrue(t.isCancelled());
        assertFalse(t.cancel());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void cancellingTheInnerFutureCancelsTheTask(boolean alsoCancelTheTask) {
        // test_cancel_inner_future, test_cancel_both_task_and_inner_future
        Future<Void> f = loop.createFuture();
        Task<Integer> t = loop.createTask(async(() -> {
            await(f);
            return 12;
        }));
        runOnce();
        f.cancel();
        if (alsoCancelTheTask) {
            assertTrue(t.cancel());
        }
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
        assertTrue(f.isCancelled());
        assertTrue(t.isCancelled());
    }

    @Test
    void cancelWhileWaitingCancelsTheAwaitedFuture() {
        // test_task_cancel_waiter_future
        Future<Void> fut = loop.createFuture();
        Task<Void> task = loop.createTask(async(() -> {
            await(fut);
        }));
        runOnce();
        assertSame(fut, task.waitingOn());
        assertTrue(task.cancel());
        assertTrue(fut.isCancelled(), "cancelled at once");
        runOnce();
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        assertNull(task.waitingOn());
    }

    @Test
    void aTaskThatCatchesTheCancellationFinishesNormally() throws Exception {
        // test_cancel_task_catching
        Future<Void> fut1 = loop.createFuture();
        Future<Void> fut2 = loop.createFuture();
        Task<Integer> t = loop.createTask(async(() -> {
            await(fut1);
            try {
                await(fut2);
            } catch (CancelledException e) {
                return 42;
            }
            return 0;
        }));
        runOnce();
        assertSame(fut1, t.waitingOn());
        fut1.setResult(null);
        runOnce();
        assertSame(fut2, t.waitingOn());
        t.cancel();
        assertTrue(fut2.isCancelled());
        assertEquals(42, loop.runUntilComplete(t));
        assertFalse(t.isCancelled());
        assertEquals(1, t.cancelling(), "a swallowed cancellation still counts until uncancel()");
    }

    @Test
    void aTaskThatIgnoresTheCancellationGoesOnWaiting() throws Exception {
        // test_cancel_task_ignoring
        Future<Void> fut1 = loop.createFuture();
        Future<Void> fut2 = loop.createFuture();
        Future<Integer> fut3 = loop.createFuture();
        Task<Integer> t = loop.createTask(async(() -> {
            await(fut1);
            try {
                await(fut2);
            } catch (CancelledException ignored) {
                // ignored
            }
            return await(fut3);
        }));
        runOnce();
        assertSame(fut1, t.waitingOn());
        fut1.setResult(null);
        runOnce();
        assertSame(fut2, t.waitingOn());
        t.cancel();
        assertTrue(fut2.isCancelled());
        runOnce();
        assertSame(fut3, t.waitingOn());
        fut3.setResult(42);
        assertEquals(42, loop.runUntilComplete(t));
        assertFalse(fut3.isCancelled());
        assertFalse(t.isCancelled());
    }

    @Test
    void aTaskThatCancelsItselfIsCancelledAtItsNextAwait() {
        // test_cancel_current_task
        List<String> calls = new ArrayList<>();
        Task<?>[] t = new Task<?>[1];
        t[0] = loop.createTask(async(() -> {
            t[0].cancel();
            calls.add("still running");
            await(sleep(100));
            return 12;
        }));
        assertFalse(t[0].isCancelled());
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(t[0]));
        assertEquals(List.of("still running"), calls);
        assertTrue(t[0].isDone());
        assertTrue(t[0].isCancelled());
        assertFalse(t[0].cancel());
        assertEquals(0.0, loop.time(), "the sleep was cancelled at once");
    }

    @Test
    void aPendingCancelThatCancelsTheNextAwaitedFutureStillYieldsOnce() {
        // asyncio wakes the task through call_soon even when the future it is about to wait on is
        // cancelled by its own pending cancel: what was scheduled before runs first.
        List<String> calls = new ArrayList<>();
        Future<Void> fut = loop.createFuture();
        Task<Void> t = loop.createTask(async(() -> {
            currentTask().cancel();
            loop.callSoon(() -> calls.add("scheduled before the await"));
            try {
                await(fut);
            } catch (CancelledException e) {
                calls.add("cancelled");
                throw e;
            }
        }));
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
        assertEquals(List.of("scheduled before the await", "cancelled"), calls);
        assertTrue(fut.isCancelled());
    }

    @Test
    void aTaskCancelledAsItReturnsEndsCancelled() {
        // test_cancel_at_end
        Task<?>[] t = new Task<?>[1];
        t[0] = loop.createTask(async(() -> {
            t[0].cancel("at the end");
            return 12;
        }));
        CancelledException error = assertThrows(CancelledException.class, () -> loop.runUntilComplete(t[0]));
        assertEquals("at the end", error.getMessage());
        assertTrue(t[0].isCancelled());
        assertFalse(t[0].cancel());
    }

    @Test
    void aCancelRequestedAfterTheWakeUpWasScheduledWins() {
        // The future has a result and the task's wake-up is queued; a cancel now cannot reach
        // the (done) future, so the task gets the CancelledException instead of the result.
        Future<Integer> fut = loop.createFuture();
        List<String> calls = new ArrayList<>();
        Task<Integer> t = loop.createTask(async(() -> {
            try {
                return await(fut);
            } catch (CancelledException e) {
                calls.add("cancelled despite the result");
                throw e;
            }
        }));
        runOnce();
        fut.setResult(1);
        assertTrue(t.cancel());
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
        assertEquals(List.of("cancelled despite the result"), calls);
    }

    @Test
    void cancellingATaskThatAwaitsANestedTaskCancelsTheNestedOne() {
        // test_cancel_awaited_task (bpo-34872)
        Future<Void> fut = loop.createFuture();
        Task<?>[] tasks = new Task<?>[2];
        tasks[0] = loop.createTask(async(() -> {
            tasks[1] = createTask(async(() -> {
                await(fut);
            }));
            await(sleep(0));
            tasks[0].cancel();
            await(tasks[1]);
        }));
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(tasks[0]));
        assertTrue(tasks[0].isCancelled());
        assertTrue(tasks[1].isCancelled());
        assertTrue(fut.isCancelled());
    }

    @Test
    void aTaskCancelledBeforeItsFirstStepNeverRunsItsCoroutine() {
        List<String> calls = new ArrayList<>();
        Coroutine<Void> coro = async(() -> {
            calls.add("ran");
        });
        Task<Void> t = loop.createTask(coro);
        assertTrue(t.cancel("early"));
        CancelledException error = assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
        assertEquals("early", error.getMessage());
        assertEquals(List.of(), calls);
        assertTrue(t.isCancelled());
        assertTrue(coro.isDone());
    }

    // ------------------------------------------------------------ messages and causes

    static List<Arguments> messagesAndReaders() {
        List<Arguments> cases = new ArrayList<>();
        for (String message : Arrays.asList(null, "my message")) {
            cases.add(Arguments.of(message, "result"));
            cases.add(Arguments.of(message, "exception"));
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("messagesAndReaders")
    void theCancelMessageReachesWhoeverReadsTheTask(String message, String reader) {
        // test_cancel_with_message_then_future_result / _then_future_exception: the same
        // CancelledError travels out, with the message and no context.
        CancelledException error = assertThrows(CancelledException.class, () -> loop.runUntilComplete(async(() -> {
            Task<Void> task = createTask(sleep(10));
            await(sleep(0));
            task.cancel(message);
            await(whenDone(task));
            if (reader.equals("result")) {
                task.result();
            } else {
                task.exception();
            }
        })));
        assertEquals(message, error.getMessage());
        assertEquals(0, depthOfCauses(error));
    }

    @Test
    void theCancelMessageOfATaskCancelledBeforeItStarted() {
        // test_cancel_with_message_before_starting_task
        CancelledException error = assertThrows(CancelledException.class, () -> loop.runUntilComplete(async(() -> {
            Task<Void> task = createTask(sleep(10));
            task.cancel("my message");
            await(whenDone(task));
            task.exception();
        })));
        assertEquals("my message", error.getMessage());
        assertEquals(0, depthOfCauses(error));
    }

    @Test
    void anExceptionRaisedFromACancellationHasItAsItsCause() {
        // test_cancellation_exception_context: innermost is CancelledError('msg') at depth 1.
        Future<Void> fut = loop.createFuture();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> loop.runUntilComplete(async(() -> {
                    Task<Void> inner = createTask(async(() -> {
                        fut.setResult(null);
                        await(sleep(10));
                    }));
                    await(fut);
                    loop.callSoon(() -> inner.cancel("msg"));
                    try {
                        await(inner);
                    } catch (CancelledException ex) {
                        throw new IllegalArgumentException("cancelled", ex);
                    }
                })));
        assertEquals("cancelled", error.getMessage());
        assertEquals(1, depthOfCauses(error));
        assertTrue(innermost(error) instanceof CancelledException);
        assertEquals("msg", innermost(error).getMessage());
    }

    private static Coroutine<Void> nested() {
        return async(() -> await(sleep(10)));
    }

    @Test
    void theCancelledExceptionShowsWhereTheInnerTaskWasInterrupted() {
        // test_cancel_traceback_for_future_result: the frame of the interrupted await is in the
        // trace. (Java keeps the trace of where the exception was made; it does not grow as the
        // exception is raised again by each awaiting task, as a Python traceback does.)
        CancelledException error = assertThrows(CancelledException.class, () -> loop.runUntilComplete(async(() -> {
            Task<Void> task = createTask(nested());
            await(sleep(0));
            task.cancel();
            await(task);
        })));
        assertTrue(Arrays.stream(error.getStackTrace()).anyMatch(f -> f.getMethodName().startsWith("lambda$nested$")),
                () -> Arrays.toString(Arrays.copyOf(error.getStackTrace(), 8)));
    }

    @Test
    void aSecondReaderOfACancelledTaskGetsAFreshExceptionWithoutTheMessage() {
        // asyncio hands the coroutine's CancelledError to the first reader only.
        Task<Void> task = loop.createTask(sleep(10));
        runOnce();
        task.cancel("once");
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        CancelledException second = assertThrows(CancelledException.class, task::result);
        assertNull(second.getMessage());
    }

    @Test
    void theMessageReachesATaskCancelledAtABareYield() {
        List<String> messages = new ArrayList<>();
        Task<Void> task = loop.createTask(async(() -> {
            try {
                await(sleep(0));
            } catch (CancelledException e) {
                messages.add(e.getMessage());
                throw e;
            }
        }));
        runOnce();
        task.cancel("at the yield");
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        assertEquals(List.of("at the yield"), messages);
    }

    // ------------------------------------------------------------ cancelling() and uncancel()

    @Test
    void cancellingCountsRequestsAndUncancelTakesThemBack() {
        // test_uncancel_basic
        Task<Void> t = loop.createTask(async(() -> {
            try {
                await(sleep(10));
            } catch (CancelledException e) {
                currentTask().uncancel();
                await(sleep(10));
            }
        }));
        runOnce();
        assertTrue(t.cancel());
        assertTrue(t.toString().startsWith("Task[cancelling"), t.toString());
        assertEquals(1, t.cancelling());
        assertFalse(t.isCancelled());
        runOnce();
        assertFalse(t.toString().startsWith("Task[cancelling"), t.toString());
        assertEquals(0, t.cancelling());
        assertFalse(t.isCancelled());
        assertTrue(t.cancel());
        assertEquals(1, t.cancelling());
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
        assertTrue(t.isCancelled());
        assertTrue(t.isDone());
        t.uncancel();
        assertTrue(t.isCancelled(), "uncancel does nothing to a done task");
        assertEquals(0, t.uncancel());
        assertEquals(0, t.uncancel(), "never below zero");
    }

    @Test
    void repeatedCancelsAddUp() {
        Task<Void> t = loop.createTask(sleep(10));
        runOnce();
        assertTrue(t.cancel());
        assertTrue(t.cancel());
        assertEquals(2, t.cancelling());
        assertEquals(1, t.uncancel());
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
    }

    @Test
    void uncancelToZeroDropsACancelNotYetDelivered() throws Exception {
        // test_uncancel_resets_must_cancel (Python 3.13)
        Future<Void> fut = loop.createFuture();
        Task<Integer> task = loop.createTask(async(() -> {
            await(fut);
            return 42;
        }));
        loop.runUntilComplete(sleep(0));
        fut.setResult(null);
        task.cancel();
        assertEquals(1, task.cancelling());
        assertEquals(0, task.uncancel());
        assertEquals(0, task.cancelling());
        assertEquals(42, loop.runUntilComplete(task));
    }

    @Test
    void uncancelAboveZeroKeepsThePendingCancel() {
        Future<Void> fut = loop.createFuture();
        Task<Integer> task = loop.createTask(async(() -> {
            await(fut);
            return 42;
        }));
        runOnce();
        fut.setResult(null);
        task.cancel();
        task.cancel();
        assertEquals(1, task.uncancel());
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
    }

    /** What {@link #uncancelInStructuredBlocks} saw: timed out, block finished, outer code reached. */
    private record StructuredOutcome(boolean timedOut, boolean blockFinished, boolean outerCodeReached) {}

    /**
     * A timeout written by hand with cancel() and uncancel(), as test_uncancel_structured_blocks
     * does: the block is cancelled by a timer; leaving it, the task takes its own cancel request
     * back and, if no other is pending, turns the CancelledException into a TimeoutException.
     */
    private static Coroutine<StructuredOutcome> requestWithTimeout(double sleepSeconds, double timeoutSeconds) {
        return async(() -> {
            Task<?> task = currentTask();
            boolean[] timedOut = {false};
            boolean blockFinished = false;
            TimerHandle timeoutHandle = task.getLoop().callLater(Duration.ofNanos((long) (timeoutSeconds * 1e9)), () -> {
                timedOut[0] = true;
                task.cancel();
            });
            try {
                try {
                    await(sleep(sleepSeconds));
                    blockFinished = true;
                } catch (CancelledException e) {
                    if (timedOut[0] && task.uncancel() == 0) {
                        throw new TimeoutException();
                    }
                    throw e;
                } finally {
                    timeoutHandle.cancel();
                }
            } catch (TimeoutException e) {
                assertTrue(timedOut[0]);
            }
            await(sleep(0)); // outer code, not affected by the timeout
            return new StructuredOutcome(timedOut[0], blockFinished, true);
        });
    }

    @Test
    void uncancelInStructuredBlocks() throws Exception {
        // test_uncancel_structured_blocks
        Task<StructuredOutcome> t1 = loop.createTask(requestWithTimeout(10.0, 0.1));
        assertEquals(new StructuredOutcome(true, false, true), loop.runUntilComplete(t1));
        assertEquals(0, t1.cancelling(), "no cancel request of the task is left");

        Task<StructuredOutcome> t2 = loop.createTask(requestWithTimeout(0, 10.0));
        assertEquals(new StructuredOutcome(false, true, true), loop.runUntilComplete(t2));
        assertEquals(0, t2.cancelling());
    }

    @Test
    void cancelOfADoneTaskReturnsFalseAndCountsNothing() throws Exception {
        Task<Integer> t = loop.createTask(async(() -> 1));
        loop.runUntilComplete(t);
        assertFalse(t.cancel());
        assertEquals(0, t.cancelling());
    }
}
