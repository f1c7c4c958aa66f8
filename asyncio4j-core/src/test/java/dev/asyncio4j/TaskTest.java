package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.currentTask;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * asyncio's Task, except cancellation (TaskCancellationTest) and the eager factory
 * (EagerTaskFactoryTest): CPython's test_tasks.py (BaseTaskTests).
 */
@Timeout(30)
class TaskTest extends LoopTestCase {

    @Test
    void aTaskIsAFutureOfItsCoroutinesResult() throws Exception {
        // test_task_class
        Task<String> task = loop.createTask(async(() -> "ok"));
        assertSame(loop, task.getLoop());
        assertFalse(task.isDone());
        assertEquals("ok", loop.runUntilComplete(task));
        assertTrue(task.isDone());
        assertEquals("ok", task.result());
    }

    @Test
    void aTaskFailsWithItsCoroutinesException() {
        IllegalStateException error = new IllegalStateException("failed");
        Task<String> task = loop.createTask(async(() -> {
            throw error;
        }));
        assertSame(error, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(task)));
        assertSame(error, task.exception());
    }

    @Test
    void awaitingCoroutinesInsideATask() throws Exception {
        // test_task_basics
        Coroutine<Integer> inner1 = async(() -> 42);
        Coroutine<Integer> inner2 = async(() -> 1000);
        assertEquals(1042, loop.runUntilComplete(async(() -> await(inner1) + await(inner2))));
    }

    @Test
    void tasksStartInTheNextIterationInCreationOrder() {
        List<String> calls = new ArrayList<>();
        loop.createTask(async(() -> calls.add("task 1")));
        loop.callSoon(() -> calls.add("callback"));
        loop.createTask(async(() -> calls.add("task 2")));
        assertEquals(List.of(), calls);
        runOnce();
        assertEquals(List.of("task 1", "callback", "task 2"), calls);
    }

    // ------------------------------------------------------------ names

    @Test
    void tasksAreNamedTaskNUnlessNamed() throws Exception {
        Task<Void> first = loop.createTask(async(() -> {}));
        Task<Void> second = loop.createTask(async(() -> {}));
        assertTrue(first.getName().matches("Task-\\d+"), first.getName());
        long n = Long.parseLong(first.getName().substring(5));
        assertEquals("Task-" + (n + 1), second.getName());

        Task<Void> named = loop.createTask(async(() -> {}), "the name");
        assertEquals("the name", named.getName());
        named.setName("renamed");
        assertEquals("renamed", named.getName());
        named.setName(null);
        assertEquals("null", named.getName());
        String seenInside = loop.runUntilComplete(async(() -> currentTask().getName()));
        assertTrue(seenInside.startsWith("Task-"));
        loop.runUntilComplete(first);
        loop.runUntilComplete(second);
        loop.runUntilComplete(named);
    }

    // ------------------------------------------------------------ current and all tasks

    @Test
    void currentTaskIsTheTaskRunningTheCaller() throws Exception {
        // test_current_task
        EventLoop other = new EventLoop();
        try {
            assertNull(currentTask());
            assertNull(Asyncio.currentTask(loop));
            List<Object> seen = new ArrayList<>();
            Task<Void> task = loop.createTask(async(() -> {
                seen.add(currentTask());
                seen.add(Asyncio.currentTask(loop));
                seen.add(Asyncio.currentTask(other));
                await(sleep(0));
                seen.add(currentTask());
            }));
            loop.callSoon(() -> seen.add(String.valueOf(currentTask())));
            loop.runUntilComplete(task);
            assertEquals(Arrays.asList(task, task, null, "null", task), seen);
            assertNull(currentTask());
        } finally {
            other.close();
        }
    }

    @Test
    void currentTaskWithInterleavingTasks() throws Exception {
        // test_current_task_with_interleaving_tasks
        Future<Boolean> fut1 = loop.createFuture();
        Future<Boolean> fut2 = loop.createFuture();
        List<Boolean> checks = new ArrayList<>();
        Task<?>[] tasks = new Task<?>[2];
        tasks[0] = loop.createTask(async(() -> {
            checks.add(currentTask() == tasks[0]);
            await(fut1);
            checks.add(currentTask() == tasks[0]);
            fut2.setResult(true);
        }));
        tasks[1] = loop.createTask(async(() -> {
            checks.add(currentTask() == tasks[1]);
            fut1.setResult(true);
            await(fut2);
            checks.add(currentTask() == tasks[1]);
        }));
        loop.runUntilComplete(tasks[0]);
        loop.runUntilComplete(tasks[1]);
        assertEquals(List.of(true, true, true, true), checks);
    }

    @Test
    void allTasksAreThePendingTasksOfTheLoop() throws Exception {
        Future<Void> gate = loop.createFuture();
        Task<Void> waiting = loop.createTask(async(() -> {
            await(gate);
        }));
        Task<Void> quick = loop.createTask(async(() -> {}));
        assertEquals(Set.of(waiting, quick), Asyncio.allTasks(loop));
        Set<Task<?>> seen = loop.runUntilComplete(async(() -> {
            await(sleep(0));
            return Asyncio.allTasks();
        }));
        assertEquals(1, seen.stream().filter(t -> t == waiting).count());
        assertFalse(seen.contains(quick));
        assertTrue(seen.stream().anyMatch(t -> t.getName().startsWith("Task-")));
        gate.setResult(null);
        loop.runUntilComplete(waiting);
        assertEquals(Set.of(), Asyncio.allTasks(loop));
    }

    @Test
    void aPendingTaskThatNothingElseReachesIsNotCollected() throws Exception {
        // asyncio keeps its tasks in a WeakSet, so a task waiting on a future only it knows is
        // collected ("Task was destroyed but it is pending!"); asyncio4j's loop holds every
        // pending task strongly.
        WeakReference<Task<?>> task = startTaskWaitingOnItsOwnFuture();
        WeakReference<Object> control = new WeakReference<>(new Object());
        runOnce();
        for (int i = 0; i < 3 && control.get() != null; i++) {
            System.gc();
        }
        assertNull(control.get(), "a full collection ran");
        assertNotNull(task.get(), "the pending task is still there");
        assertEquals(Set.of(task.get()), Asyncio.allTasks(loop));
        task.get().cancel();
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(task.get()));
    }

    private WeakReference<Task<?>> startTaskWaitingOnItsOwnFuture() {
        return new WeakReference<>(loop.createTask(async(() -> {
            await(Asyncio.getRunningLoop().createFuture());
        })));
    }

    @Test
    void allTasksNeedsARunningLoop() {
        assertEquals("no running event loop", assertThrows(IllegalStateException.class, Asyncio::allTasks).getMessage());
    }

    // ------------------------------------------------------------ awaiting

    @Test
    void aTaskCannotAwaitItself() {
        // test_task_awaits_on_itself
        Task<?>[] self = new Task<?>[1];
        self[0] = loop.createTask(async(() -> await(self[0])));
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(self[0]));
        assertTrue(error.getMessage().startsWith("Task cannot await on itself: "), error.getMessage());
    }

    @Test
    void awaitingAFutureOfAnotherLoopFails() {
        // test_other_loop_future
        EventLoop other = new EventLoop();
        try {
            Future<Object> foreign = other.createFuture();
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> loop.runUntilComplete(async(() -> await(foreign))));
            assertTrue(error.getMessage().matches("Task .* got Future .* attached to a different loop"),
                    error.getMessage());
        } finally {
            other.close();
        }
    }

    @Test
    void awaitErrorsAreThrownAtTheNextStepAsAsyncioDoes() throws Exception {
        // asyncio's __step sends these errors back through call_soon: the task yields once first.
        EventLoop other = new EventLoop();
        try {
            Future<Object> foreign = other.createFuture();
            List<String> calls = new ArrayList<>();
            Task<?>[] self = new Task<?>[1];
            self[0] = loop.createTask(async(() -> {
                loop.callSoon(() -> calls.add("callback"));
                try {
                    await(foreign);
                } catch (IllegalStateException e) {
                    calls.add("other loop");
                }
                loop.callSoon(() -> calls.add("callback 2"));
                try {
                    await(self[0]);
                } catch (IllegalStateException e) {
                    calls.add("itself");
                }
                return null;
            }));
            loop.runUntilComplete(self[0]);
            assertEquals(List.of("callback", "other loop", "callback 2", "itself"), calls);
        } finally {
            other.close();
        }
    }

    @Test
    void aDoneFutureOfAnotherLoopCanBeAwaited() throws Exception {
        EventLoop other = new EventLoop();
        try {
            Future<String> foreign = other.createFuture();
            foreign.setResult("fine");
            assertEquals("fine", loop.runUntilComplete(async(() -> await(foreign))));
        } finally {
            other.close();
        }
    }

    @Test
    void setResultAndSetExceptionAreRefused() throws Exception {
        // test_task_set_methods
        Task<String> task = loop.createTask(async(() -> "ko"));
        IllegalStateException setResult = assertThrows(IllegalStateException.class, () -> task.setResult("ok"));
        assertTrue(setResult.getMessage().contains("not support set_result"), setResult.getMessage());
        IllegalStateException setException = assertThrows(IllegalStateException.class,
                () -> task.setException(new IllegalArgumentException()));
        assertTrue(setException.getMessage().contains("not support set_exception"), setException.getMessage());
        assertEquals("ko", loop.runUntilComplete(task));
    }

    @Test
    void aStartedCoroutineCannotBecomeATask() throws Exception {
        Coroutine<Integer> coro = async(() -> 1);
        loop.runUntilComplete(async(() -> await(coro)));
        assertThrows(IllegalStateException.class, () -> loop.createTask(coro));
    }

    @Test
    void aCoroutineAwaitedBeforeItsTaskStartsLeavesTheTaskNothingToRun() throws Exception {
        // As in asyncio: awaiting a coroutine a task was made of runs it inline, and the task's
        // first step then finds it used.
        List<String> runs = new ArrayList<>();
        Coroutine<String> coro = async(() -> {
            runs.add("ran");
            return "x";
        });
        Task<String> awaiting = loop.createTask(async(() -> await(coro)));
        Task<String> task = loop.createTask(coro);
        assertEquals("x", loop.runUntilComplete(awaiting));
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(task));
        assertTrue(error.getMessage().startsWith("cannot reuse already awaited coroutine"), error.getMessage());
        assertEquals(List.of("ran"), runs);
    }

    @Test
    void getCoroReturnsTheCoroutine() {
        Coroutine<Void> coro = async(() -> {});
        Task<Void> task = loop.createTask(coro);
        assertSame(coro, task.getCoro());
        runOnce();
    }

    // ------------------------------------------------------------ interrupts, fatal errors

    @Test
    void interruptingASuspendedTaskThreadCancelsTheTask() {
        Future<Void> never = loop.createFuture();
        CompletableFuture<Thread> taskThread = new CompletableFuture<>();
        Task<Void> task = loop.createTask(async(() -> {
            taskThread.complete(Thread.currentThread());
            await(never);
        }));
        loop.callSoon(() -> Thread.ofPlatform().start(() -> taskThread.join().interrupt()));
        CancelledException error = assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        assertEquals("interrupted", error.getMessage());
        assertTrue(never.isCancelled());
    }

    @Test
    void interruptingATaskSuspendedInsideAnAsyncGeneratorCancelsTheTask() {
        // The generator's body runs on a thread of its own, as part of the task that drives it.
        Future<Void> never = loop.createFuture();
        CompletableFuture<Thread> bodyThread = new CompletableFuture<>();
        AsyncGenerator<Integer> gen = Asyncio.asyncGenerator(emit -> {
            bodyThread.complete(Thread.currentThread());
            await(never);
            emit.yield(1);
        });
        Task<Integer> task = loop.createTask(gen.anext());
        loop.callSoon(() -> Thread.ofPlatform().start(() -> bodyThread.join().interrupt()));
        CancelledException error = assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        assertEquals("interrupted", error.getMessage());
        assertTrue(never.isCancelled());
    }

    @Test
    void aKeyboardInterruptInATaskStopsTheLoopAndFailsTheTask() {
        Task<Void> task = loop.createTask(async(() -> {
            throw new KeyboardInterruptException();
        }));
        assertThrows(KeyboardInterruptException.class, () -> loop.runUntilComplete(task));
        assertTrue(task.isDone());
        assertTrue(task.exception() instanceof KeyboardInterruptException);
    }

    // ------------------------------------------------------------ never retrieved

    @Test
    void anUnretrievedTaskExceptionIsReported() throws Exception {
        RuntimeException error = new RuntimeException("task failed, nobody looked");
        CompletableFuture<ExceptionContext> reported = new CompletableFuture<>();
        loop.setExceptionHandler((l, context) -> {
            if (context.exception() == error) {
                reported.complete(context);
            }
        });
        loop.createTask(async(() -> {
            throw error;
        }));
        runOnce();
        loop.close();
        ExceptionContext context = LogCapture.collectUntil(reported);
        assertEquals("Task exception was never retrieved", context.message());
        assertTrue(String.valueOf(context.get("task")).startsWith("Task[finished"), context.toString());
    }

    // ------------------------------------------------------------ stacks

    private static Coroutine<Void> foo(Task<?>[] self, List<StackTraceElement[]> stacks, Future<Void> gate) {
        return async(() -> await(bar(self, stacks, gate)));
    }

    private static Coroutine<Void> bar(Task<?>[] self, List<StackTraceElement[]> stacks, Future<Void> gate) {
        return async(() -> {
            stacks.add(self[0].getStack(0));
            stacks.add(self[0].getStack(1));
            await(gate);
        });
    }

    @Test
    void getStackShowsTheTasksFramesOldestFirst() throws Exception {
        // test_get_stack
        List<StackTraceElement[]> stacks = new ArrayList<>();
        Future<Void> gate = loop.createFuture();
        Task<?>[] self = new Task<?>[1];
        self[0] = loop.createTask(foo(self, stacks, gate));
        runOnce();
        // While suspended, from outside.
        StackTraceElement[] suspended = self[0].getStack(0);
        gate.setResult(null);
        loop.runUntilComplete(self[0]);

        List<String> running = methods(stacks.get(0));
        assertTrue(indexOf(running, "lambda$foo$") >= 0, running.toString());
        assertTrue(indexOf(running, "lambda$foo$") < indexOf(running, "lambda$bar$"), running.toString());
        assertEquals(-1, indexOf(running, "getStackShowsTheTasksFramesOldestFirst"), "only the task's frames");
        List<String> newest = methods(stacks.get(1));
        assertEquals(1, newest.size());
        assertTrue(newest.get(0).startsWith("lambda$bar$"), newest.toString());
        List<String> parked = methods(suspended);
        assertTrue(indexOf(parked, "lambda$foo$") >= 0, parked.toString());
        assertTrue(indexOf(parked, "lambda$foo$") < indexOf(parked, "lambda$bar$"), parked.toString());
    }

    @Test
    void getStackKeepsFramesOfCodeThatIsNotTheCoresWhateverItsPackage() throws Exception {
        Future<Void> gate = loop.createFuture();
        Task<Void> waiting = loop.createTask(PlainCode.waitFor(gate));
        runOnce();
        StackTraceElement[] stack = waiting.getStack(0);
        assertEquals(List.of(PlainCode.class.getName()),
                Arrays.stream(stack).map(StackTraceElement::getClassName).distinct().toList());
        gate.setResult(null);
        loop.runUntilComplete(waiting);
    }

    @Test
    void getStackOfAFailedTaskIsItsTracebackAndOfOthersEmpty() throws Exception {
        Task<Void> failed = loop.createTask(async(() -> {
            throw new IllegalStateException("boom");
        }));
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(failed));
        StackTraceElement[] traceback = failed.getStack(0);
        assertTrue(traceback.length > 0);
        assertTrue(indexOf(methods(traceback), "lambda$getStackOfAFailedTaskIsItsTracebackAndOfOthersEmpty$") >= 0,
                methods(traceback).toString());
        assertEquals(1, failed.getStack(1).length);
        assertEquals(traceback[0], failed.getStack(1)[0], "the oldest frame of a traceback");

        Task<String> succeeded = loop.createTask(async(() -> "x"));
        loop.runUntilComplete(succeeded);
        assertEquals(0, succeeded.getStack(0).length);
    }

    @Test
    void printStackFormatsLikeATraceback() throws Exception {
        Future<Void> gate = loop.createFuture();
        Task<Void> waiting = loop.createTask(async(() -> {
            await(gate);
        }));
        runOnce();
        String stack = print(waiting);
        assertTrue(stack.startsWith("Stack for Task[pending, name=" + waiting.getName()), stack);
        assertTrue(stack.contains("(most recent call last):\n  at "), stack);

        Task<Void> failed = loop.createTask(async(() -> {
            throw new IllegalStateException("boom");
        }));
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(failed));
        String traceback = print(failed);
        assertTrue(traceback.startsWith("Traceback for Task[finished"), traceback);
        assertTrue(traceback.endsWith("java.lang.IllegalStateException: boom\n"), traceback);

        Task<String> succeeded = loop.createTask(async(() -> "x"));
        loop.runUntilComplete(succeeded);
        assertEquals("No stack for " + succeeded + "\n", print(succeeded));
        gate.setResult(null);
        loop.runUntilComplete(waiting);
    }

    private static String print(Task<?> task) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        task.printStack(0, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private static int indexOf(List<String> methods, String prefix) {
        for (int i = 0; i < methods.size(); i++) {
            if (methods.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> methods(StackTraceElement[] frames) {
        return Arrays.stream(frames).map(StackTraceElement::getMethodName).toList();
    }

    // ------------------------------------------------------------ repr

    @Test
    void toStringShowsStateNameCoroutineAndWhatItWaitsFor() throws Exception {
        // test_task_repr, test_task_repr_wait_for
        Future<Void> fut = loop.createFuture();
        Task<Void> task = loop.createTask(async("waiter", () -> {
            await(fut);
        }), "T");
        assertEquals("Task[pending, name=T, coro=waiter]", task.toString());
        runOnce();
        assertEquals("Task[pending, name=T, coro=waiter, waitFor=Future[pending]]", task.toString());
        task.cancel();
        assertEquals("Task[cancelling, name=T, coro=waiter, waitFor=Future[cancelled]]", task.toString());
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        assertEquals("Task[cancelled, name=T, coro=waiter]", task.toString());

        Task<String> finished = loop.createTask(async("notmuch", () -> "abc"), "U");
        loop.runUntilComplete(finished);
        assertEquals("Task[finished, name=U, coro=notmuch, result=abc]", finished.toString());
        Task<String> failed = loop.createTask(async("failing", () -> {
            throw new IllegalStateException("bad");
        }), "V");
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(failed));
        assertEquals("Task[finished, name=V, coro=failing, exception=java.lang.IllegalStateException: bad]",
                failed.toString());
    }
}
