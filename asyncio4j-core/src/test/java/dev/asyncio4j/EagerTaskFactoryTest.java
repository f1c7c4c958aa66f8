package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.currentTask;
import static dev.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The eager task factory: CPython's test_eager_task_factory.py (EagerTaskFactoryLoopTests). A new
 * task runs its coroutine at once, inside createTask, until its first suspension.
 */
@Timeout(30)
class EagerTaskFactoryTest extends LoopTestCase {

    EagerTaskFactoryTest() {
        loop.setTaskFactory(Asyncio.EAGER_TASK_FACTORY);
    }

    @Test
    void theFactoryIsSetAndMakesTasks() throws Exception {
        // test_eager_task_factory_set
        assertSame(Asyncio.EAGER_TASK_FACTORY, loop.getTaskFactory());
        loop.runUntilComplete(async(() -> {
            Task<Void> t = createTask(async(() -> {}));
            await(t);
        }));
        loop.setTaskFactory(null);
        assertEquals(null, loop.getTaskFactory());
    }

    @Test
    void aCoroutineThatDoesNotSuspendMakesADoneTask() throws Exception {
        // test_eager_completion
        String result = loop.runUntilComplete(async(() -> {
            Task<String> t = createTask(async(() -> "hello"));
            assertTrue(t.isDone(), "the eager step completed the task");
            return await(t);
        }));
        assertEquals("hello", result);
    }

    @Test
    void aFutureCompletedDuringTheEagerStep() throws Exception {
        // test_await_future_during_eager_step
        String result = loop.runUntilComplete(async(() -> {
            Future<String> fut = loop.createFuture();
            Task<Void> t = createTask(async(() -> fut.setResult("my message")));
            assertTrue(t.isDone());
            return await(fut);
        }));
        assertEquals("my message", result);
    }

    @Test
    void aCoroutineThatSuspendsContinuesAsANormalTask() throws Exception {
        // test_block_after_eager_step
        String result = loop.runUntilComplete(async(() -> {
            Task<String> t = createTask(async(() -> {
                await(sleep(0.1));
                return "finished after blocking";
            }));
            assertFalse(t.isDone());
            String value = await(t);
            assertTrue(t.isDone());
            return value;
        }));
        assertEquals("finished after blocking", result);
        assertEquals(0.1, loop.time(), 1e-9);
    }

    @Test
    void cancellingATaskThatCompletedEagerlyDoesNothing() throws Exception {
        // test_cancellation_after_eager_completion
        String result = loop.runUntilComplete(async(() -> {
            Task<String> t = createTask(async(() -> "finished without blocking"));
            assertFalse(t.cancel());
            String value = await(t);
            assertFalse(t.isCancelled());
            return value;
        }));
        assertEquals("finished without blocking", result);
    }

    @Test
    void cancellingATaskSuspendedAfterItsEagerStep() {
        // test_cancellation_after_eager_step_blocks
        CancelledException error = assertThrows(CancelledException.class, () -> loop.runUntilComplete(async(() -> {
            Task<String> t = createTask(async(() -> {
                await(sleep(0.1));
                return "finished after blocking";
            }));
            t.cancel("cancellation message");
            assertTrue(t.cancelling() > 0);
            await(t);
        })));
        assertEquals("cancellation message", error.getMessage());
    }

    @Test
    void currentTaskDuringAndAfterTheEagerStep() throws Exception {
        // test_current_task
        List<Task<?>> seen = new ArrayList<>();
        loop.runUntilComplete(async(() -> {
            Task<?> creator = currentTask();
            Task<Void> t = createTask(async(() -> {
                seen.add(currentTask());
                await(sleep(0.1));
                seen.add(currentTask());
            }));
            assertSame(t, seen.get(0));
            assertSame(creator, currentTask());
            await(t);
            assertSame(t, seen.get(1));
        }));
    }

    @Test
    void allTasksDuringAndAfterAnEagerCompletion() throws Exception {
        // test_all_tasks_with_eager_completion
        List<Set<Task<?>>> seen = new ArrayList<>();
        loop.runUntilComplete(async(() -> {
            Task<Void> t = createTask(async(() -> {
                seen.add(Asyncio.allTasks());
            }));
            assertTrue(seen.get(0).contains(t));
            assertFalse(Asyncio.allTasks().contains(t));
        }));
    }

    @Test
    void allTasksWithAnEagerTaskThatBlocks() throws Exception {
        // test_all_tasks_with_blocking
        List<Set<Task<?>>> seen = new ArrayList<>();
        loop.runUntilComplete(async(() -> {
            Future<Void> fut1 = loop.createFuture();
            Future<Void> fut2 = loop.createFuture();
            Task<Void> t = createTask(async(() -> {
                seen.add(Asyncio.allTasks());
                await(fut1);
                fut2.setResult(null);
            }));
            assertTrue(seen.get(0).contains(t));
            assertTrue(Asyncio.allTasks().contains(t));
            fut1.setResult(null);
            await(fut2);
            assertFalse(Asyncio.allTasks().contains(t));
        }));
    }

    @Test
    void theNameIsSetBeforeTheEagerStep() throws Exception {
        // test_name
        List<String> names = new ArrayList<>();
        loop.runUntilComplete(async(() -> {
            Task<Void> t = createTask(async(() -> {
                names.add(currentTask().getName());
            }), "test name");
            assertEquals(List.of("test name"), names);
            await(t);
        }));
    }

    @Test
    void theCreatorContinuesRightAfterTheEagerStepBeforeAnythingElse() throws Exception {
        // In asyncio the eager step runs inside create_task, within the creator's own step: what
        // was already scheduled runs only after the creator's step ends.
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(async(() -> {
            loop.callSoon(() -> log.add("callback scheduled before"));
            log.add("creator before");
            Task<Void> t = createTask(async(() -> {
                log.add("eager step 1");
                await(sleep(0));
                log.add("eager step 2");
            }));
            log.add("creator after");
            await(sleep(0));
            log.add("creator resumed");
            await(t);
        }));
        assertEquals(List.of("creator before", "eager step 1", "creator after", "callback scheduled before",
                "eager step 2", "creator resumed"), log);
    }

    @Test
    void nestedEagerTasksRunDepthFirst() throws Exception {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(async(() -> {
            log.add("outer before");
            Task<Void> middle = createTask(async(() -> {
                log.add("middle before");
                Task<Void> inner = createTask(async(() -> {
                    log.add("inner");
                }));
                log.add("middle after, inner done=" + inner.isDone());
                await(sleep(0));
                log.add("middle resumed");
            }));
            log.add("outer after");
            await(middle);
        }));
        assertEquals(List.of("outer before", "middle before", "inner", "middle after, inner done=true",
                "outer after", "middle resumed"), log);
    }

    @Test
    void anEagerTaskMadeFromACallbackRunsInline() {
        List<String> log = new ArrayList<>();
        List<Task<Void>> made = new ArrayList<>();
        loop.callSoon(() -> {
            made.add(loop.createTask(async(() -> {
                log.add("eager");
            })));
            log.add("done=" + made.get(0).isDone());
        });
        runOnce();
        assertEquals(List.of("eager", "done=true"), log);
    }

    @Test
    void nestedEagerTasksMadeFromACallbackAllRunBeforeTheCallbackGoesOn() {
        // In asyncio every eager step runs inline, however deep: the callback sees both done.
        List<String> log = new ArrayList<>();
        loop.callSoon(() -> {
            Task<Void> outer = loop.createTask(async(() -> {
                log.add("outer start");
                Task<Void> inner = createTask(async(() -> {
                    log.add("inner");
                }));
                log.add("outer after inner, inner done=" + inner.isDone());
            }));
            log.add("callback after, outer done=" + outer.isDone());
        });
        loop.callSoon(() -> log.add("next callback"));
        runOnce();
        assertEquals(List.of("outer start", "inner", "outer after inner, inner done=true",
                "callback after, outer done=true", "next callback"), log);
    }

    @Test
    void beforeTheLoopRunsTasksAreScheduledAsUsual() throws Exception {
        List<String> log = new ArrayList<>();
        Task<Void> t = loop.createTask(async(() -> {
            log.add("ran");
        }));
        assertFalse(t.isDone());
        assertEquals(List.of(), log);
        loop.runUntilComplete(t);
        assertEquals(List.of("ran"), log);
    }

    @Test
    void anEagerTaskThatFailsAtOnceIsDoneWithItsException() throws Exception {
        IllegalStateException error = new IllegalStateException("at once");
        loop.runUntilComplete(async(() -> {
            Task<Void> t = createTask(async(() -> {
                throw error;
            }));
            assertTrue(t.isDone());
            assertSame(error, t.exception());
        }));
    }

    @Test
    void aCancelOfTheCreatorDuringTheEagerStepLandsAtTheCreatorsNextAwait() {
        List<String> log = new ArrayList<>();
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(async(() -> {
            Task<?> creator = currentTask();
            createTask(async(() -> {
                creator.cancel();
            }));
            log.add("creator goes on");
            try {
                await(sleep(0));
            } catch (CancelledException e) {
                log.add("cancelled at the await");
                throw e;
            }
        })));
        assertEquals(List.of("creator goes on", "cancelled at the await"), log);
    }
}
