/**
 * asyncio4j core: Python's asyncio for Java. The event loop, coroutines, futures and tasks
 * ({@code dev.asyncio4j}); synchronization primitives ({@code dev.asyncio4j.sync}) and queues
 * ({@code dev.asyncio4j.queue}).
 */
module dev.asyncio4j {
    requires jdk.unsupported;

    exports dev.asyncio4j;
    exports dev.asyncio4j.queue;
    exports dev.asyncio4j.sync;
    exports dev.asyncio4j.internal to dev.asyncio4j.testing;
}
