package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * get_running_loop, get_event_loop, set_event_loop and new_event_loop: CPython's test_events.py
 * (GetEventLoopTestsMixin, TestServer-free parts of PolicyTests).
 */
@Timeout(20)
class LoopAccessTest {

    /** Runs {@code body} on a new platform thread (not the JVM's main thread) and returns its outcome. */
    private static <T> T onAnotherThread(Callable<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().name("other-thread").start(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Test
    void getRunningLoopOutsideALoopFails() {
        assertEquals("no running event loop",
                assertThrows(IllegalStateException.class, Asyncio::getRunningLoop).getMessage());
    }

    @Test
    void getRunningLoopInATaskAndInACallback() throws Exception {
        EventLoop loop = new EventLoop();
        try {
            List<EventLoop> seen = new ArrayList<>();
            loop.callSoon(() -> seen.add(Asyncio.getRunningLoop()));
            loop.runUntilComplete(async(() -> seen.add(Asyncio.getRunningLoop())));
            assertEquals(List.of(loop, loop), seen);
        } finally {
            loop.close();
        }
    }

    @Test
    void getEventLoopOnAThreadWithoutOneFails() throws Exception {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> onAnotherThread(Asyncio::getEventLoop));
        assertEquals("There is no current event loop in thread 'other-thread'.", error.getMessage());
    }

    @Test
    void setEventLoopMakesTheThreadsCurrentLoop() throws Exception {
        EventLoop loop = new EventLoop();
        try {
            List<Object> seen = onAnotherThread(() -> {
                List<Object> result = new ArrayList<>();
                Asyncio.setEventLoop(loop);
                result.add(Asyncio.getEventLoop());
                result.add(Asyncio.getEventLoop());
                Asyncio.setEventLoop(null);
                try {
                    Asyncio.getEventLoop();
                } catch (IllegalStateException e) {
                    result.add("none");
                }
                return result;
            });
            assertEquals(List.of(loop, loop, "none"), seen);
        } finally {
            loop.close();
        }
    }

    @Test
    void getEventLoopPrefersTheRunningLoop() throws Exception {
        EventLoop current = new EventLoop();
        EventLoop running = new EventLoop();
        try {
            EventLoop seen = onAnotherThread(() -> {
                Asyncio.setEventLoop(current);
                try {
                    return running.runUntilComplete(async(Asyncio::getEventLoop));
                } finally {
                    Asyncio.setEventLoop(null);
                }
            });
            assertSame(running, seen);
        } finally {
            current.close();
            running.close();
        }
    }

    @Test
    void newEventLoopMakesAFreshLoopThatIsNotCurrent() throws Exception {
        List<Object> seen = onAnotherThread(() -> {
            EventLoop a = Asyncio.newEventLoop();
            EventLoop b = Asyncio.newEventLoop();
            List<Object> result = new ArrayList<>(List.of(a, b, a.isClosed(), a.isRunning()));
            try {
                Asyncio.getEventLoop();
            } catch (IllegalStateException e) {
                result.add("not current");
            }
            a.close();
            b.close();
            return result;
        });
        assertNotSame(seen.get(0), seen.get(1));
        assertEquals(List.of(false, false, "not current"), seen.subList(2, 5));
    }

    @Test
    void aLoopRunsOnTheThreadThatRunsIt() throws Exception {
        EventLoop loop = new EventLoop();
        try {
            Thread runner = onAnotherThread(() -> loop.runUntilComplete(async(() -> {
                List<Thread> threads = new ArrayList<>();
                loop.callSoon(() -> threads.add(Thread.currentThread()));
                await(Asyncio.sleep(0));
                return threads.get(0);
            })));
            assertEquals("other-thread", runner.getName());
            assertFalse(loop.isRunning());
            // Later, another thread may run it.
            assertTrue(loop.runUntilComplete(async(() -> true)));
        } finally {
            loop.close();
        }
    }
}
