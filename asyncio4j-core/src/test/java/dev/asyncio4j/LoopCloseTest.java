package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing a loop with tasks still pending: asyncio reports "Task was destroyed but it is pending!"
 * and closes each coroutine (GeneratorExit) when it is collected; here close() does both at once,
 * so the coroutines' finally blocks run and no task thread is left parked.
 */
@Timeout(10)
class LoopCloseTest {

    private final EventLoop loop = VirtualTime.newLoop();
    private final List<ExceptionContext> reports = new ArrayList<>();

    LoopCloseTest() {
        loop.setExceptionHandler((l, context) -> reports.add(context));
    }

    @Test
    void aSuspendedTaskIsReportedAndUnwound() throws Exception {
        List<String> log = new ArrayList<>();
        AtomicReference<Thread> taskThread = new AtomicReference<>();
        Future<Void> never = loop.createFuture();
        Task<Void> task = loop.createTask(async(() -> {
            taskThread.set(Thread.currentThread());
            try {
                await(never);
                log.add("resumed normally");
            } catch (Exception e) {
                log.add("caught exception " + e);
            } finally {
                log.add("finally");
            }
        }));
        loop.runUntilComplete(sleep(0));
        loop.close();

        assertEquals(List.of("finally"), log, "CoroutineExit is an Error: catch (Exception) does not swallow it");
        assertEquals(1, reports.size());
        assertEquals("Task was destroyed but it is pending!", reports.get(0).message());
        assertEquals(task, reports.get(0).get("task"));
        assertTrue(task.isDone());
        taskThread.get().join(5_000);
        assertFalse(taskThread.get().isAlive(), "the task's thread ended");
    }

    @Test
    void aTaskThatNeverStartedNeverRunsItsCoroutine() {
        List<String> log = new ArrayList<>();
        Task<Boolean> task = loop.createTask(async(() -> log.add("ran")));
        loop.close();
        assertEquals(List.of(), log);
        assertTrue(task.isDone());
        assertEquals(1, reports.size());
    }

    @Test
    void aTaskReadyToContinueIsUnwoundToo() throws Exception {
        List<String> log = new ArrayList<>();
        Task<Void> task = loop.createTask(async(() -> {
            try {
                while (true) {
                    await(sleep(0));
                }
            } finally {
                log.add("finally");
            }
        }));
        LoopTestCase.runOnce(loop);
        LoopTestCase.runOnce(loop);
        loop.close();
        assertEquals(List.of("finally"), log);
        assertTrue(task.isDone());
    }

    @Test
    void awaitingWhileUnwindingThrowsCoroutineExitAgain() throws Exception {
        List<Object> log = new ArrayList<>();
        loop.createTask(async(() -> {
            try {
                await(loop.createFuture());
            } finally {
                try {
                    await(loop.createFuture());
                } catch (Throwable e) {
                    log.add(e.getClass());
                }
                try {
                    await(sleep(1));  // as in asyncio: call_later on a closed loop
                } catch (IllegalStateException e) {
                    log.add(e.getMessage());
                }
                try {
                    loop.callSoon(() -> { });
                } catch (IllegalStateException e) {
                    log.add(e.getMessage());
                }
            }
        }));
        loop.runUntilComplete(sleep(0));
        loop.close();
        assertEquals(List.of(CoroutineExit.class, "Event loop is closed", "Event loop is closed"), log);
    }

    @Test
    void tasksWaitingOnEachOtherAllUnwind() throws Exception {
        List<String> log = new ArrayList<>();
        Future<Void> never = loop.createFuture();
        Task<Void> inner = loop.createTask(async(() -> {
            try {
                await(never);
            } finally {
                log.add("inner");
            }
        }));
        Task<Void> outer = loop.createTask(async(() -> {
            try {
                await(inner);
            } finally {
                log.add("outer");
            }
        }));
        loop.runUntilComplete(sleep(0));
        loop.close();
        assertEquals(2, reports.size());
        assertEquals(List.of("inner", "outer"), log);
        assertTrue(inner.isDone() && outer.isDone());
        assertInstanceOf(CancelledException.class, catchThrowable(outer));
    }

    private static Throwable catchThrowable(Future<?> future) {
        try {
            future.result();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }
}
