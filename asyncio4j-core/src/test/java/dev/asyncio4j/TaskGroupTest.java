package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.currentTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static dev.asyncio4j.Asyncio.taskGroup;
import static dev.asyncio4j.sync.AsyncTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ports test_taskgroups.py (3.13), with the default and the eager task factory. */
class TaskGroupTest {

    static final class MyExc extends Exception {}

    static final class MyBaseExc extends Error {}

    private static Set<Class<?>> errorTypes(ExceptionGroup group) {
        Set<Class<?>> types = new HashSet<>();
        for (Throwable error : group.exceptions()) {
            types.add(error.getClass());
        }
        return types;
    }

    private static void runWith(boolean eager, AsyncRunnable body) throws Exception {
        run(() -> {
            if (eager) {
                getRunningLoop().setTaskFactory(Asyncio.EAGER_TASK_FACTORY);
            }
            body.run();
        });
    }

    private static Coroutine<Integer> after(double seconds, int value) {
        return async(() -> {
            await(sleep(seconds));
            return value;
        });
    }

    private static Coroutine<Void> crashAfter(double seconds, RuntimeException error) {
        return async(() -> {
            await(sleep(seconds));
            throw error;
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void tasksCompleteBeforeTheGroupIsLeft(boolean eager) throws Exception {
        runWith(eager, () -> {
            Task<Integer> t1;
            Task<Integer> t2;
            try (TaskGroup g = taskGroup()) {
                t1 = g.createTask(after(0.1, 42));
                t2 = g.createTask(after(0.2, 11));
            }
            assertEquals(42, t1.result());
            assertEquals(11, t2.result());
            TaskGroup g = new TaskGroup();
            AtomicReference<Task<Integer>> t3 = new AtomicReference<>();
            g.run(() -> {
                t3.set(g.createTask(after(0.1, 42)));
                await(sleep(0.15));
                g.createTask(after(0.2, 11));
            });
            assertEquals(42, t3.get().result());
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void cancellingOneTaskExplicitlyLeavesTheOthersRunning(boolean eager) throws Exception {
        runWith(eager, () -> {
            Task<Integer> t1;
            Task<Integer> t2;
            try (TaskGroup g = taskGroup()) {
                t1 = g.createTask(after(1, 42));
                await(sleep(0.15));
                t1.cancel();
                t2 = g.createTask(after(0.2, 11));
            }
            assertTrue(t1.isCancelled());
            assertEquals(11, t2.result());
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFailingTaskCancelsTheOthersAndTheBody(boolean eager) throws Exception {
        runWith(eager, () -> {
            AtomicInteger num = new AtomicInteger();
            AtomicBoolean t2Cancel = new AtomicBoolean();
            AtomicBoolean runnerCancel = new AtomicBoolean();
            Coroutine<Void> runner = async(() -> {
                try (TaskGroup g = taskGroup()) {
                    for (int i = 0; i < 3; i++) {
                        g.createTask(crashAfter(0.1, new ArithmeticException()));
                    }
                    g.createTask(async(() -> {
                        try {
                            await(sleep(5));
                        } catch (CancelledException e) {
                            t2Cancel.set(true);
                            throw e;
                        }
                        num.incrementAndGet();
                    }));
                    try {
                        await(sleep(10));
                    } catch (CancelledException e) {
                        runnerCancel.set(true);
                        throw e;
                    }
                }
                num.addAndGet(10);
            });
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> await(createTask(runner)));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertEquals("unhandled errors in a TaskGroup", eg.message());
            assertEquals(0, num.get());
            assertTrue(t2Cancel.get());
            assertTrue(runnerCancel.get());
        });
    }

    @Test
    void tryFormRaisesTheGroupWhenTheBodyFinishedNormally() throws Exception {
        run(() -> {
            AtomicBoolean t2Cancel = new AtomicBoolean();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> {
                try (TaskGroup g = taskGroup()) {
                    g.createTask(crashAfter(0.1, new ArithmeticException()));
                    g.createTask(async(() -> {
                        try {
                            await(sleep(1));
                        } catch (CancelledException e) {
                            t2Cancel.set(true);
                            throw e;
                        }
                    }));
                }
            });
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertTrue(t2Cancel.get());
            assertEquals(0, currentTask().cancelling());
            for (Throwable error : eg.exceptions()) {
                assertTrue(List.of(eg.getSuppressed()).contains(error));
            }
        });
    }

    @Test
    void tryFormCancelledBodyLeavesWithTheCancellationCarryingTheGroup() throws Exception {
        run(() -> {
            AtomicReference<CancelledException> seen = new AtomicReference<>();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> await(async(() -> {
                try {
                    try (TaskGroup g = taskGroup()) {
                        g.createTask(crashAfter(0.1, new ArithmeticException()));
                        await(sleep(10));
                    }
                } catch (CancelledException e) {
                    seen.set(e);
                    throw e;
                }
            })));
            assertSame(eg, seen.get().replacementOrSelf());
            assertTrue(List.of(seen.get().getSuppressed()).contains(eg));
            assertEquals(0, currentTask().cancelling());
        });
    }

    @Test
    void tryFormCannotSeeAnExceptionOfTheBodyItself() throws Exception {
        run(() -> {
            // The documented limit of the try form: close() does not see the body's own exception,
            // so the tasks are waited for (not cancelled first) and the group is attached to the
            // body's exception as suppressed. run() is exact (see anErrorInTheBodyCancelsTheTasks).
            AtomicReference<Task<Integer>> t1 = new AtomicReference<>();
            AtomicReference<Task<Void>> t2 = new AtomicReference<>();
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> {
                try (TaskGroup g = taskGroup()) {
                    t1.set(g.createTask(after(1, 42)));
                    t2.set(g.createTask(crashAfter(2, new IllegalStateException())));
                    throw new ArithmeticException();
                }
            });
            assertEquals(42, t1.get().result());
            assertEquals(2, getRunningLoop().time(), 1e-9);
            ExceptionGroup suppressed = (ExceptionGroup) e.getSuppressed()[0];
            assertEquals(Set.of(IllegalStateException.class), errorTypes(suppressed));
            assertEquals(0, currentTask().cancelling());
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void cancellingTheParentCancelsTheTasks(boolean eager) throws Exception {
        runWith(eager, () -> {
            AtomicInteger num = new AtomicInteger();
            AsyncRunnable foo = () -> {
                try {
                    await(sleep(5));
                } catch (CancelledException e) {
                    num.incrementAndGet();
                    throw e;
                }
            };
            Task<Void> r = createTask(async(() -> {
                try (TaskGroup g = taskGroup()) {
                    for (int i = 0; i < 5; i++) {
                        g.createTask(async(foo));
                    }
                }
            }));
            await(sleep(0.1));
            assertFalse(r.isDone());
            r.cancel("test");
            CancelledException e = assertThrows(CancelledException.class, () -> await(r));
            // asyncio re-raises the very exception the task ended with; the core chains it as the cause.
            assertEquals("test", e.getMessage() != null ? e.getMessage() : e.getCause().getMessage());
            assertEquals(5, num.get());

            Task<Void> r2 = createTask(async(() -> {
                TaskGroup g = new TaskGroup();
                g.run(() -> {
                    for (int i = 0; i < 5; i++) {
                        g.createTask(async(foo));
                    }
                    try {
                        await(sleep(10));
                    } catch (CancelledException c) {
                        num.addAndGet(10);
                        throw c;
                    }
                });
            }));
            await(sleep(0.1));
            r2.cancel();
            assertThrows(CancelledException.class, () -> await(r2));
            assertEquals(20, num.get());
        });
    }

    @Test
    void errorsInCleanupWinOverTheParentsCancellation() throws Exception {
        run(() -> {
            AsyncRunnable foo = () -> {
                try {
                    await(sleep(10));
                } finally {
                    throw new ArithmeticException();
                }
            };
            Task<Void> r = createTask(async(() -> {
                try (TaskGroup g = taskGroup()) {
                    for (int i = 0; i < 5; i++) {
                        g.createTask(async(foo));
                    }
                    await(sleep(10));
                }
            }));
            await(sleep(0.1));
            r.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> await(r));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertEquals(5, eg.exceptions().size());
        });
    }

    @Test
    void anErrorInTheBodyCancelsTheTasks() throws Exception {
        run(() -> {
            for (boolean sleepFirst : new boolean[] {true, false}) {
                AtomicReference<Task<Integer>> t1 = new AtomicReference<>();
                AtomicReference<Task<Integer>> t2 = new AtomicReference<>();
                TaskGroup g = new TaskGroup();
                ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> g.run(() -> {
                    t1.set(g.createTask(after(1, 42)));
                    t2.set(g.createTask(after(2, 11)));
                    if (sleepFirst) {
                        await(sleep(0.1));
                    }
                    throw new ArithmeticException();
                }));
                assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
                assertTrue(t1.get().isCancelled());
                assertTrue(t2.get().isCancelled());
            }
        });
    }

    @Test
    void nestedGroupsCancelledFromOutside() throws Exception {
        run(() -> {
            AsyncRunnable foo = () -> {
                try {
                    await(sleep(10));
                } finally {
                    throw new ArithmeticException();
                }
            };
            for (boolean outerHasTask : new boolean[] {false, true}) {
                Task<Void> r = createTask(async(() -> {
                    try (TaskGroup g1 = taskGroup()) {
                        if (outerHasTask) {
                            g1.createTask(sleep(10));
                        }
                        try (TaskGroup g2 = taskGroup()) {
                            for (int i = 0; i < 5; i++) {
                                g2.createTask(async(foo));
                            }
                            await(sleep(10));
                        }
                    }
                }));
                await(sleep(0.1));
                r.cancel();
                ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> await(r));
                assertEquals(Set.of(ExceptionGroup.class), errorTypes(eg));
                assertEquals(Set.of(ArithmeticException.class), errorTypes((ExceptionGroup) eg.exceptions().get(0)));
            }
        });
    }

    @Test
    void nestedGroupsFailing() throws Exception {
        run(() -> {
            Task<Void> r13 = createTask(async(() -> {
                try (TaskGroup g1 = taskGroup()) {
                    g1.createTask(crashAfter(0.1, new IllegalArgumentException("0.1")));
                    try (TaskGroup g2 = taskGroup()) {
                        g2.createTask(crashAfter(10, new IllegalArgumentException("10")));
                    }
                }
            }));
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> await(r13));
            assertEquals(Set.of(IllegalArgumentException.class), errorTypes(eg));

            // The outer group must see the inner group's ExceptionGroup, which the inner body did
            // not raise as a cancellation: that takes the exact form (a try-form close() cannot see it).
            Task<Void> r14 = createTask(async(() -> {
                TaskGroup g1 = new TaskGroup();
                g1.run(() -> {
                    g1.createTask(crashAfter(10, new IllegalArgumentException("10")));
                    try (TaskGroup g2 = taskGroup()) {
                        g2.createTask(crashAfter(0.1, new IllegalArgumentException("0.1")));
                    }
                });
            }));
            eg = assertThrows(ExceptionGroup.class, () -> await(r14));
            assertEquals(Set.of(ExceptionGroup.class), errorTypes(eg));
            assertEquals(Set.of(IllegalArgumentException.class), errorTypes((ExceptionGroup) eg.exceptions().get(0)));
        });
    }

    @Test
    void aTaskCrashingWhileTheBodyHandlesAnOuterCancel() throws Exception {
        run(() -> {
            AsyncRunnable nestedRunner = () -> {
                try (TaskGroup g1 = taskGroup()) {
                    g1.createTask(crashAfter(0.3, new ArithmeticException()));
                    try {
                        await(sleep(10));
                    } catch (CancelledException e) {
                        await(sleep(0.5));
                        throw e;
                    }
                }
            };
            Task<Void> r = createTask(async(nestedRunner));
            await(sleep(0.1));
            r.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> await(r));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));

            Task<Void> r16 = createTask(async(() -> await(createTask(async(nestedRunner)))));
            await(sleep(0.1));
            r16.cancel();
            eg = assertThrows(ExceptionGroup.class, () -> await(r16));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
        });
    }

    @Test
    void bodyWithoutTasksCancelledOrRaisingInsteadOfTheCancellation() throws Exception {
        run(() -> {
            AtomicInteger num = new AtomicInteger();
            Task<Void> r = createTask(async(() -> {
                try (TaskGroup g = taskGroup()) {
                    try {
                        await(sleep(10));
                    } catch (CancelledException e) {
                        num.addAndGet(10);
                        throw e;
                    }
                }
            }));
            await(sleep(0.1));
            r.cancel();
            assertThrows(CancelledException.class, () -> await(r));
            assertEquals(10, num.get());

            Task<Void> r18 = createTask(async(() -> {
                TaskGroup g = new TaskGroup();
                g.run(() -> {
                    try {
                        await(sleep(10));
                    } catch (CancelledException e) {
                        num.addAndGet(10);
                        throw new MyExc(); // not a good idea, but supported
                    }
                });
            }));
            await(sleep(0.1));
            r18.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> await(r18));
            assertEquals(Set.of(MyExc.class), errorTypes(eg));
            assertEquals(20, num.get());
        });
    }

    /**
     * A group whose task crashes at 0.1 while the body waits; the body's finally then throws
     * {@code error}. Returns what leaves the group.
     */
    private static Throwable bodyThrowsInFinallyAfterATaskCrashed(Throwable error) {
        TaskGroup g = new TaskGroup();
        return assertThrows(Throwable.class, () -> g.run(() -> {
            g.createTask(crashAfter(0.1, new ArithmeticException()));
            try {
                await(sleep(10));
            } finally {
                throw Asyncio.sneaky(error);
            }
        }));
    }

    @Test
    void anErrorRaisedWhileTheBodyIsCancelledJoinsTheGroup() throws Exception {
        run(() -> {
            ExceptionGroup eg = (ExceptionGroup) bodyThrowsInFinallyAfterATaskCrashed(new MyExc());
            assertEquals(Set.of(MyExc.class, ArithmeticException.class), errorTypes(eg));
        });
    }

    @Test
    void keyboardInterruptInTheBodyPropagatesAsItself() throws Exception {
        run(() -> {
            KeyboardInterruptException interrupt = new KeyboardInterruptException();
            assertSame(interrupt, bodyThrowsInFinallyAfterATaskCrashed(interrupt));
        });
    }

    @Test
    void aBaseErrorOfOurOwnInTheBodyJoinsTheGroup() throws Exception {
        run(() -> {
            ExceptionGroup eg = (ExceptionGroup) bodyThrowsInFinallyAfterATaskCrashed(new MyBaseExc());
            assertEquals(Set.of(MyBaseExc.class, ArithmeticException.class), errorTypes(eg));
        });
    }

    @Test
    void aTaskRaisingABaseErrorJoinsTheGroup() throws Exception {
        run(() -> {
            TaskGroup g = new TaskGroup();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> g.run(() -> {
                g.createTask(async(() -> {
                    await(sleep(0.1));
                    throw new MyBaseExc();
                }));
                try {
                    await(sleep(10));
                } finally {
                    throw new IllegalArgumentException("type");
                }
            }));
            assertEquals(Set.of(MyBaseExc.class, IllegalArgumentException.class), errorTypes(eg));
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void tasksMadeByTasksAreWaitedFor(boolean eager) throws Exception {
        runWith(eager, () -> {
            AtomicInteger hydras = new AtomicInteger();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> {
                TaskGroup g = new TaskGroup();
                g.run(() -> {
                    class Hydra {
                        Coroutine<Void> make() {
                            return async(() -> {
                                hydras.incrementAndGet();
                                await(sleep(0.01));
                                g.createTask(make());
                                g.createTask(make());
                            });
                        }
                    }
                    g.createTask(new Hydra().make());
                    g.createTask(async(() -> {
                        while (hydras.get() < 10) {
                            await(sleep(0.015));
                        }
                        throw new ArithmeticException();
                    }));
                });
            });
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertTrue(hydras.get() >= 10);
        });
    }

    @Test
    void taskNameAndToString() throws Exception {
        run(() -> {
            try (TaskGroup g = taskGroup()) {
                Task<Void> t = g.createTask(sleep(0), "yolo");
                assertEquals("yolo", t.getName());
                assertEquals("TaskGroup[tasks=1 entered]", g.toString());
            }
            assertEquals("TaskGroup[]", new TaskGroup().toString());
        });
    }

    @Test
    void noCreateTaskAfterFailure() throws Exception {
        run(() -> {
            AtomicReference<IllegalStateException> refused = new AtomicReference<>();
            TaskGroup g = new TaskGroup();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> g.run(() -> {
                g.createTask(crashAfter(0.001, new ArithmeticException()));
                g.createTask(async(() -> {
                    try {
                        await(sleep(1));
                    } catch (CancelledException e) {
                        refused.set(assertThrows(IllegalStateException.class, () -> g.createTask(sleep(0))));
                    }
                }));
            }));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertTrue(refused.get().getMessage().endsWith("is shutting down"), refused.get().getMessage());
        });
    }

    @Test
    void lifecycleErrorsCarryAsyncioMessages() throws Exception {
        run(() -> {
            TaskGroup tg = new TaskGroup();
            try (TaskGroup entered = tg.enter()) {
                IllegalStateException e = assertThrows(IllegalStateException.class, tg::enter);
                assertTrue(e.getMessage().endsWith("has already been entered"), e.getMessage());
            }
            assertTrue(assertThrows(IllegalStateException.class, tg::enter).getMessage()
                    .endsWith("has already been entered"));
            Coroutine<Void> coro = sleep(0);
            assertTrue(assertThrows(IllegalStateException.class, () -> tg.createTask(coro)).getMessage()
                    .endsWith("is finished"));
            assertTrue(coro.isDone(), "the refused coroutine is closed");
            assertTrue(assertThrows(IllegalStateException.class, () -> new TaskGroup().createTask(sleep(0)))
                    .getMessage().endsWith("has not been entered"));
        });
    }

    @Test
    void withoutAParentTask() throws Exception {
        EventLoop loop = dev.asyncio4j.sync.AsyncTesting.newLoop();
        try {
            AtomicReference<Throwable> error = new AtomicReference<>();
            TaskGroup tg = new TaskGroup();
            loop.callSoon(() -> {
                try {
                    tg.enter();
                } catch (Throwable e) {
                    error.set(e);
                }
                loop.stop();
            });
            loop.runForever();
            assertTrue(error.get().getMessage().endsWith("cannot determine the parent task"), error.get().toString());
            assertTrue(assertThrows(IllegalStateException.class, () -> tg.createTask(sleep(0))).getMessage()
                    .endsWith("has not been entered"));
        } finally {
            loop.close();
        }
        assertEquals("no running event loop",
                assertThrows(IllegalStateException.class, () -> new TaskGroup().enter()).getMessage());
    }

    @Test
    void cancellingLevelIsPreserved() throws Exception {
        run(() -> {
            assertThrows(ExceptionGroup.class, () -> {
                try (TaskGroup tg = taskGroup()) {
                    tg.createTask(crashAfter(0, new IllegalStateException()));
                }
            });
            assertEquals(0, currentTask().cancelling());
        });
    }

    @Test
    void nestedGroupsBothCancelled() throws Exception {
        run(() -> {
            TaskGroup outer = new TaskGroup();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> outer.run(() -> {
                TaskGroup inner = new TaskGroup();
                ExceptionGroup innerGroup = assertThrows(ExceptionGroup.class, () -> inner.run(() -> {
                    inner.createTask(crashAfter(0, new IllegalStateException()));
                    outer.createTask(crashAfter(0, new IllegalArgumentException()));
                }));
                assertEquals(Set.of(IllegalStateException.class), errorTypes(innerGroup));
                assertEquals(1, currentTask().cancelling());
            }));
            assertEquals(Set.of(IllegalArgumentException.class), errorTypes(eg));
            assertEquals(0, currentTask().cancelling());
        });
    }

    @Test
    void errorAndCancel() throws Exception {
        run(() -> {
            Future<Void> event = getRunningLoop().createFuture();
            AtomicBoolean sawGroup = new AtomicBoolean();
            Task<Void> t = createTask(async(() -> {
                TaskGroup tg = new TaskGroup();
                try {
                    tg.run(() -> {
                        tg.createTask(async(() -> {
                            event.setResult(null);
                            await(sleep(0));
                            throw new IllegalStateException();
                        }));
                        await(sleep(1));
                        throw new AssertionError("Sleep in group should have been cancelled");
                    });
                } catch (ExceptionGroup e) {
                    sawGroup.set(true);
                    assertEquals(1, currentTask().cancelling());
                }
                assertEquals(1, currentTask().cancelling());
                await(sleep(1));
                throw new AssertionError("Sleep after group should have been cancelled");
            }));
            await(event);
            assertEquals(0, t.cancelling());
            t.cancel();
            assertEquals(1, t.cancelling());
            assertThrows(CancelledException.class, () -> await(t));
            assertTrue(t.isCancelled());
            assertTrue(sawGroup.get());
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void cancelsATaskCreatedDuringCreation(boolean eager) throws Exception {
        runWith(eager, () -> {
            AtomicBoolean ran = new AtomicBoolean();
            TaskGroup tg = new TaskGroup();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> tg.run(() -> {
                tg.createTask(async(() -> {
                    tg.createTask(async(() -> {
                        throw new MyExc();
                    }));
                    assertThrows(CancelledException.class, () -> {
                        await(sleep(0)); // eager tasks are cancelled here
                        await(sleep(0)); // lazy ones here
                    });
                    ran.set(true);
                }));
            }));
            assertTrue(ran.get());
            assertInstanceOf(MyExc.class, eg.exceptions().get(0));
        });
    }

    @Test
    void cancellationDoesNotLeakOutOfTheGroup() throws Exception {
        run(() -> {
            assertThrows(ExceptionGroup.class, () -> {
                try (TaskGroup tg = taskGroup()) {
                    tg.createTask(async(() -> {
                        throw new MyExc();
                    }));
                }
            });
            await(sleep(0)); // would raise CancelledException if the group leaked its cancel
        });
    }

    @Test
    void exitingWithATimeoutErrorFromAnInnerScope() throws Exception {
        run(() -> {
            // asyncio: async with timeout(-1): async with tg: await sleep(0) -> TimeoutError
            TimeoutException e = assertThrows(TimeoutException.class, () -> Asyncio.timeout(
                    java.time.Duration.ofSeconds(-1), () -> {
                        TaskGroup tg = new TaskGroup();
                        tg.run(() -> await(sleep(0)));
                    }));
            assertInstanceOf(CancelledException.class, e.getCause());
        });
    }

    @Test
    void exceptionGroupSubgroupAndSplit() {
        IllegalArgumentException a = new IllegalArgumentException("a");
        IllegalStateException b = new IllegalStateException("b");
        ExceptionGroup nested = new ExceptionGroup("inner", List.of(b, a));
        ExceptionGroup group = new ExceptionGroup("outer", List.of(a, nested));
        assertEquals("outer (2 sub-exceptions)", group.getMessage());
        assertEquals("inner (2 sub-exceptions)", nested.getMessage());
        ExceptionGroup only = group.subgroup(IllegalArgumentException.class);
        assertEquals(List.of(a, List.of(a)), flatten(only));
        ExceptionGroup.Split split = group.split(IllegalStateException.class);
        assertEquals(List.of(List.of(b)), flatten(split.match()));
        assertEquals(List.of(a, List.of(a)), flatten(split.rest()));
        assertSame(group, group.subgroup(Throwable.class::isInstance));
        assertEquals(null, group.subgroup(NullPointerException.class));
        assertThrows(IllegalArgumentException.class, () -> new ExceptionGroup("empty", List.of()));
        assertEquals(new ArrayList<>(List.of(a, nested)), new ArrayList<>(List.of(group.getSuppressed())));
    }

    private static List<Object> flatten(ExceptionGroup group) {
        List<Object> out = new ArrayList<>();
        for (Throwable error : group.exceptions()) {
            out.add(error instanceof ExceptionGroup inner ? flatten(inner) : error);
        }
        return out;
    }
}
