package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.asyncGenerator;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.createTask;
import static dev.asyncio4j.Asyncio.currentTask;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.sleep;
import static dev.asyncio4j.sync.AsyncTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Ports the behaviour test_asyncgen.py pins for async generators and async for. */
class AsyncGeneratorTest {

    private static AsyncGenerator<Integer> countTo(int n, List<String> log) {
        return asyncGenerator(emit -> {
            try {
                for (int i = 0; i < n; i++) {
                    log.add("yield " + i);
                    emit.yield(i);
                    await(sleep(0.01));
                }
            } finally {
                log.add("finally");
            }
        });
    }

    @Test
    void asyncForIsAForEachThatAwaits() throws Exception {
        run(() -> {
            List<String> log = new ArrayList<>();
            List<Integer> seen = new ArrayList<>();
            for (int value : countTo(3, log)) {
                seen.add(value);
            }
            assertEquals(List.of(0, 1, 2), seen);
            assertEquals(List.of("yield 0", "yield 1", "yield 2", "finally"), log);
            assertEquals(0.03, getRunningLoop().time(), 1e-9);
        });
    }

    @Test
    void nothingRunsUntilTheFirstValueIsAskedFor() throws Exception {
        run(() -> {
            List<String> log = new ArrayList<>();
            AsyncGenerator<Integer> gen = countTo(3, log);
            await(sleep(0));
            assertEquals(List.of(), log);
            assertEquals(0, await(gen.anext()));
            assertEquals(List.of("yield 0"), log);
            assertEquals(1, await(gen.anext()));
            assertEquals(2, await(gen.anext()));
            assertThrows(StopAsyncIterationException.class, () -> await(gen.anext()));
            assertThrows(StopAsyncIterationException.class, () -> await(gen.anext()));
            assertFalse(gen.hasNext());
        });
    }

    @Test
    void acloseRunsTheBodysFinally() throws Exception {
        run(() -> {
            List<String> log = new ArrayList<>();
            AsyncGenerator<Integer> gen = countTo(10, log);
            for (int value : gen) {
                if (value == 1) {
                    break;
                }
            }
            assertFalse(log.contains("finally"));
            await(gen.aclose());
            assertEquals(List.of("yield 0", "yield 1", "finally"), log);
            await(gen.aclose()); // closing twice does nothing
            assertThrows(StopAsyncIterationException.class, () -> await(gen.anext()));
        });
    }

    @Test
    void acloseOfAGeneratorNotStartedDoesNotRunIt() throws Exception {
        run(() -> {
            List<String> log = new ArrayList<>();
            AsyncGenerator<Integer> gen = countTo(3, log);
            await(gen.aclose());
            assertEquals(List.of(), log);
            assertThrows(StopAsyncIterationException.class, () -> await(gen.anext()));
        });
    }

    @Test
    void aBodyThatYieldsWhenClosedIsAnError() throws Exception {
        run(() -> {
            AsyncGenerator<Integer> gen = asyncGenerator(emit -> {
                try {
                    emit.yield(1);
                } finally {
                    emit.yield(2);
                }
            });
            assertEquals(1, await(gen.anext()));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(gen.aclose()));
            assertEquals("async generator ignored GeneratorExit", e.getMessage());
        });
    }

    @Test
    void acloseAwaitsInTheFinallyBlock() throws Exception {
        run(() -> {
            AtomicBoolean cleaned = new AtomicBoolean();
            AsyncGenerator<Integer> gen = asyncGenerator(emit -> {
                try {
                    emit.yield(1);
                } finally {
                    await(sleep(1));
                    cleaned.set(true);
                }
            });
            assertEquals(1, await(gen.anext()));
            await(gen.aclose());
            assertTrue(cleaned.get());
            assertEquals(1, getRunningLoop().time(), 1e-9);
        });
    }

    @Test
    void asendPassesValuesIntoTheBody() throws Exception {
        run(() -> {
            List<Object> received = new ArrayList<>();
            AsyncGenerator<String> gen = asyncGenerator(emit -> {
                Object got = emit.yield("first");
                received.add(got);
                got = emit.yield("second");
                received.add(got);
            });
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> await(gen.asend("x")));
            assertEquals("can't send non-None value to a just-started async generator", e.getMessage());
            assertEquals("first", await(gen.asend(null)));
            assertEquals("second", await(gen.asend("a")));
            assertThrows(StopAsyncIterationException.class, () -> await(gen.asend("b")));
            assertEquals(List.of("a", "b"), received);
        });
    }

    @Test
    void athrowRaisesAtThePendingYield() throws Exception {
        run(() -> {
            AsyncGenerator<String> gen = asyncGenerator(emit -> {
                try {
                    emit.yield("first");
                } catch (IllegalStateException e) {
                    emit.yield("caught " + e.getMessage());
                }
            });
            assertEquals("first", await(gen.anext()));
            assertEquals("caught boom", await(gen.athrow(new IllegalStateException("boom"))));
            assertThrows(StopAsyncIterationException.class, () -> await(gen.anext()));
            assertThrows(StopAsyncIterationException.class, () -> await(gen.athrow(new IllegalStateException())));

            AsyncGenerator<String> fresh = asyncGenerator(emit -> emit.yield("never"));
            IllegalStateException thrown = new IllegalStateException("early");
            assertSame(thrown, assertThrows(IllegalStateException.class, () -> await(fresh.athrow(thrown))));
            assertThrows(StopAsyncIterationException.class, () -> await(fresh.anext()));

            AsyncGenerator<String> uncaught = asyncGenerator(emit -> emit.yield("one"));
            assertEquals("one", await(uncaught.anext()));
            assertThrows(ArithmeticException.class, () -> await(uncaught.athrow(new ArithmeticException())));
            assertThrows(StopAsyncIterationException.class, () -> await(uncaught.anext()));
        });
    }

    @Test
    void anExceptionOfTheBodyReachesTheConsumer() throws Exception {
        run(() -> {
            AsyncGenerator<Integer> gen = asyncGenerator(emit -> {
                emit.yield(1);
                await(sleep(0.1));
                throw new ArithmeticException("bad");
            });
            List<Integer> seen = new ArrayList<>();
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> {
                for (int value : gen) {
                    seen.add(value);
                }
            });
            assertEquals("bad", e.getMessage());
            assertEquals(List.of(1), seen);
            assertThrows(StopAsyncIterationException.class, () -> await(gen.anext()));
        });
    }

    @Test
    void aCheckedExceptionOfTheBodyPassesThroughTheForEach() throws Exception {
        run(() -> {
            class Checked extends Exception {}
            AsyncGenerator<Integer> gen = asyncGenerator(emit -> {
                throw new Checked();
            });
            assertThrows(Checked.class, () -> {
                for (int ignored : gen) {
                    // never
                }
            });
        });
    }

    @Test
    void theBodyRaisingStopAsyncIterationIsAnError() throws Exception {
        run(() -> {
            AsyncGenerator<Integer> gen = asyncGenerator(emit -> {
                throw new StopAsyncIterationException();
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(gen.anext()));
            assertEquals("async generator raised StopAsyncIteration", e.getMessage());
        });
    }

    @Test
    void aSecondConsumerWhileOneWaitsIsAnError() throws Exception {
        run(() -> {
            AsyncGenerator<Integer> gen = asyncGenerator(emit -> {
                await(sleep(1));
                emit.yield(1);
            });
            Task<Integer> first = createTask(gen.anext());
            await(sleep(0));
            assertTrue(gen.isRunning());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(gen.anext()));
            assertEquals("anext(): asynchronous generator is already running", e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> await(gen.athrow(new IllegalStateException())));
            assertEquals("athrow(): asynchronous generator is already running", e.getMessage());
            assertEquals(1, await(first));
        });
    }

    @Test
    void theBodyRunsAsTheConsumingTaskAndIsCancelledWithIt() throws Exception {
        run(() -> {
            AtomicReference<Task<?>> bodyTask = new AtomicReference<>();
            AtomicBoolean cancelledInBody = new AtomicBoolean();
            AsyncGenerator<Integer> gen = asyncGenerator(emit -> {
                bodyTask.set(currentTask());
                try {
                    await(sleep(10));
                } catch (CancelledException e) {
                    cancelledInBody.set(true);
                    throw e;
                }
                emit.yield(1);
            });
            Task<Integer> consumer = createTask(gen.anext());
            await(sleep(1));
            consumer.cancel();
            assertThrows(CancelledException.class, () -> await(consumer));
            assertSame(consumer, bodyTask.get());
            assertTrue(cancelledInBody.get());
        });
    }

    @Test
    void aGeneratorIteratedFromTwoTasksInTurn() throws Exception {
        run(() -> {
            List<Task<?>> drivers = new ArrayList<>();
            AsyncGenerator<Integer> gen = asyncGenerator(emit -> {
                for (int i = 0; i < 2; i++) {
                    drivers.add(currentTask());
                    await(sleep(0.1));
                    emit.yield(i);
                }
            });
            Task<Integer> a = createTask(gen.anext());
            assertEquals(0, await(a));
            Task<Integer> b = createTask(gen.anext());
            assertEquals(1, await(b));
            assertEquals(List.of(a, b), drivers);
            await(gen.aclose());
        });
    }

    @Test
    void nestedGeneratorsAndTimeoutsInsideTheBody() throws Exception {
        run(() -> {
            AsyncGenerator<Integer> inner = asyncGenerator(emit -> {
                for (int i = 0; i < 3; i++) {
                    emit.yield(i);
                    await(sleep(0.1));
                }
            });
            AsyncGenerator<Integer> doubled = asyncGenerator(emit -> {
                for (int value : inner) {
                    emit.yield(value * 2);
                }
            });
            List<Integer> seen = new ArrayList<>();
            for (int value : doubled) {
                seen.add(value);
            }
            assertEquals(List.of(0, 2, 4), seen);

            AsyncGenerator<Integer> slow = asyncGenerator(emit -> {
                try (Timeout t = Asyncio.timeout(java.time.Duration.ofMillis(50))) {
                    await(sleep(1));
                }
                emit.yield(1);
            });
            assertThrows(java.util.concurrent.TimeoutException.class, () -> await(slow.anext()));
            assertEquals(0, currentTask().cancelling());
        });
    }

    @Test
    void aYieldWithoutAwaitDoesNotLetOtherTasksRun() throws Exception {
        run(() -> {
            List<String> log = new ArrayList<>();
            AsyncGenerator<Integer> gen = asyncGenerator(emit -> {
                for (int i = 0; i < 3; i++) {
                    emit.yield(i);
                }
            });
            createTask(async(() -> log.add("other task")));
            for (int value : gen) {
                log.add("value " + value);
            }
            // As in Python: an anext() that does not suspend runs inline.
            assertEquals(List.of("value 0", "value 1", "value 2"), log);
            await(sleep(0));
            assertEquals("other task", log.get(3));
        });
    }

    @Test
    void anOpenGeneratorIsClosedByShutdownAsyncgens() throws Exception {
        List<String> log = new ArrayList<>();
        try (Runner runner = new Runner(null, dev.asyncio4j.sync.AsyncTesting::newLoop)) {
            runner.run(async(() -> {
                AsyncGenerator<Integer> gen = countTo(10, log);
                assertEquals(0, await(gen.anext()));
            }));
            assertFalse(log.contains("finally"));
        }
        assertEquals(List.of("yield 0", "finally"), log);
    }

    @Test
    void aGeneratorDroppedWhileOpenIsClosedByTheLoopWhenCollected() throws Exception {
        // asyncio's finalizer hook (test_async_gen_asyncio_gc_aclose_09): a generator collected
        // while suspended at a yield is closed by its loop, in a new task, so its finally runs
        // and its thread ends; nothing waits for the end of the run.
        List<String> log = new ArrayList<>();
        Asyncio.run(async(() -> {
            Future<String> closedBy = getRunningLoop().createFuture();
            takeOneAndDrop(log, closedBy);
            for (int i = 0; i < 200 && !closedBy.isDone(); i++) {
                System.gc();
                await(sleep(0.01));
            }
            assertTrue(closedBy.isDone(), "closed while the run goes on");
            assertFalse(closedBy.result().equals(currentTask().getName()), "in a task of its own");
        }));
        assertEquals(List.of("yield 0", "finally"), log);
    }

    /** Takes one value of a new generator and keeps no reference to it. */
    private static void takeOneAndDrop(List<String> log, Future<String> closedBy) throws Exception {
        AsyncGenerator<Integer> gen = asyncGenerator(emit -> {
            try {
                log.add("yield 0");
                emit.yield(0);
                log.add("yield 1");
                emit.yield(1);
            } finally {
                log.add("finally");
                closedBy.setResult(currentTask().getName());
            }
        });
        assertEquals(0, await(gen.anext()));
    }

    @Test
    void yieldOutsideTheBodyIsAnError() throws Exception {
        run(() -> {
            AtomicReference<Emitter<Integer>> leaked = new AtomicReference<>();
            AsyncGenerator<Integer> gen = asyncGenerator(emit -> {
                leaked.set(emit);
                emit.yield(1);
            });
            assertEquals(1, await(gen.anext()));
            assertThrows(IllegalStateException.class, () -> leaked.get().yield(2));
            assertNull(assertThrows(StopAsyncIterationException.class, () -> await(gen.anext())).getCause());
        });
    }

    @Test
    void outsideATaskIsAClearError() {
        AsyncGenerator<Integer> gen = asyncGenerator(emit -> emit.yield(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, gen::hasNext);
        assertTrue(e.getMessage().contains("inside a task"), e.getMessage());
        assertTrue(gen.toString().startsWith("AsyncGenerator[created"), gen.toString());
    }

    @Test
    void aDefaultAnextOverHasNextAndNext() throws Exception {
        run(() -> {
            AsyncIterator<String> iterator = new AsyncIterator<>() {
                private int left = 2;

                @Override
                public boolean hasNext() {
                    try {
                        await(sleep(0.1));
                    } catch (Exception e) {
                        throw Asyncio.sneaky(e);
                    }
                    return left > 0;
                }

                @Override
                public String next() {
                    return "item" + left--;
                }
            };
            assertEquals("item2", await(iterator.anext()));
            assertEquals("item1", await(iterator.anext()));
            assertInstanceOf(StopAsyncIterationException.class,
                    assertThrows(StopAsyncIterationException.class, () -> await(iterator.anext())));
        });
    }
}
