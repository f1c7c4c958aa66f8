package dev.asyncio4j.bench.core;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.sleep;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap held by many tasks pending at once, each awaiting one future: the live heap after a full
 * GC with the tasks pending, minus the live heap before they existed. Not a JMH benchmark (JMH
 * measures time); prints one JSON object. Run twice in the same JVM, the second counts (warm code,
 * compiled frames on the tasks' stacks). Python peer: {@code python/core_bench.py pending_memory}.
 *
 * <p>Usage: {@code PendingTasksMemory [tasks]} (default 1,000,000).
 */
public final class PendingTasksMemory {

    private PendingTasksMemory() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        measure(count / 10);
        long bytes = measure(count);
        System.out.printf("{\"workload\": \"pending_memory\", \"tasks\": %d, \"heap_bytes\": %d, "
                + "\"bytes_per_task\": %.1f}%n", count, bytes, (double) bytes / count);
    }

    private static long measure(int count) throws Exception {
        EventLoop loop = new EventLoop();
        Future<Void> release = loop.createFuture();
        long before = liveHeap();
        List<Task<Void>> tasks = new ArrayList<>(count);
        loop.runUntilComplete(async(() -> {
            for (int i = 0; i < count; i++) {
                tasks.add(loop.createTask(async(() -> {
                    await(release);
                })));
            }
            await(sleep(0));
        }));
        long during = liveHeap();
        release.setResult(null);
        loop.runUntilComplete(async(() -> {
            for (Task<Void> task : tasks) {
                await(task);
            }
        }));
        loop.close();
        return during - before;
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
