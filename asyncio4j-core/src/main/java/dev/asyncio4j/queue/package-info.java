/**
 * asyncio's queues ({@code Lib/asyncio/queues.py}): {@link dev.asyncio4j.queue.Queue} (FIFO),
 * {@link dev.asyncio4j.queue.LifoQueue} and {@link dev.asyncio4j.queue.PriorityQueue}, for
 * producer and consumer tasks of one event loop, with Python 3.13's
 * {@link dev.asyncio4j.queue.Queue#shutdown(boolean) shutdown}.
 *
 * <p>asyncio's {@code QueueEmpty}, {@code QueueFull} and {@code QueueShutDown} are
 * {@link dev.asyncio4j.queue.QueueEmptyException}, {@link dev.asyncio4j.queue.QueueFullException}
 * and {@link dev.asyncio4j.queue.QueueShutDownException}.
 *
 * <p>The queues are not thread-safe (use {@code java.util.concurrent} queues between threads, or
 * {@code loop.callSoonThreadsafe(() -> queue.putNowait(item))}). They use only the core's public
 * API and {@link dev.asyncio4j.sync.Event}.
 */
package dev.asyncio4j.queue;
