/**
 * asyncio's synchronization primitives ({@code Lib/asyncio/locks.py}): {@link dev.asyncio4j.sync.Lock},
 * {@link dev.asyncio4j.sync.Event}, {@link dev.asyncio4j.sync.Condition},
 * {@link dev.asyncio4j.sync.Semaphore}, {@link dev.asyncio4j.sync.BoundedSemaphore} and
 * {@link dev.asyncio4j.sync.Barrier}.
 *
 * <p>They coordinate tasks of one event loop; they are not thread-safe (use
 * {@code java.util.concurrent} between threads). Each is bound to the running loop the first time
 * it has to make a task wait, as asyncio's {@code _LoopBoundMixin} does; making a task of another
 * loop wait on it afterwards is an {@link java.lang.IllegalStateException} ("... is bound to a
 * different event loop").
 *
 * <p>The methods that wait return a {@link dev.asyncio4j.Coroutine} to {@code await}. Python's
 * {@code async with lock:} is try-with-resources over {@link dev.asyncio4j.sync.Held}:
 *
 * <pre>{@code
 * try (var held = await(lock.hold())) {      // async with lock:
 *     ...                                    //     ...
 * }                                          // released here, also on an exception
 * }</pre>
 *
 * <p>Java's {@code Object} declares {@code wait()}, {@code notify()} and {@code notifyAll()} final,
 * so asyncio's {@code wait()} is {@code waitAsync()} here and {@code Condition.notify_all()} is
 * {@link dev.asyncio4j.sync.Condition#notifyAllWaiters()}; {@code notify(n)} keeps its name.
 *
 * <p>These classes use only the core's public API (futures, tasks, the running loop), as Trio's
 * locks use only its public core.
 */
package dev.asyncio4j.sync;
