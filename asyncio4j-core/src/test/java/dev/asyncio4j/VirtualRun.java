package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;

import java.util.Set;

/**
 * Runs a test body as the main coroutine of a fresh event loop on virtual time ({@link VirtualTime}),
 * then cancels and awaits what it left pending and closes the loop, as {@code Asyncio.run} does.
 */
final class VirtualRun {

    private VirtualRun() {}

    static <T> T run(AsyncCallable<T> body) throws Exception {
        EventLoop loop = VirtualTime.newLoop();
        try {
            return loop.runUntilComplete(async("test", body));
        } finally {
            Set<Task<?>> pending = Asyncio.allTasks(loop);
            for (Task<?> task : pending) {
                task.cancel();
            }
            if (!pending.isEmpty()) {
                loop.runUntilComplete(async(() -> {
                    for (Task<?> task : pending) {
                        try {
                            Asyncio.await(task);
                        } catch (Exception ignored) {
                            // Left over by the test.
                        }
                    }
                }));
            }
            loop.runUntilComplete(loop.shutdownAsyncgens());
            loop.close();
        }
    }

    static void run(AsyncRunnable body) throws Exception {
        run(() -> {
            body.run();
            return null;
        });
    }
}
