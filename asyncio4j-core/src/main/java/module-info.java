/**
 * asyncio4j core: Python's asyncio for Java. The event loop, coroutines, futures and tasks
 * ({@code dev.asyncio4j}); synchronization primitives ({@code dev.asyncio4j.sync}) and queues
 * ({@code dev.asyncio4j.queue}); transports and protocols ({@code dev.asyncio4j.net}), streams
 * ({@code dev.asyncio4j.stream}) and subprocesses ({@code dev.asyncio4j.subprocess}).
 */
module dev.asyncio4j {
    requires jdk.unsupported;

    exports dev.asyncio4j;
    exports dev.asyncio4j.net;
    exports dev.asyncio4j.queue;
    exports dev.asyncio4j.stream;
    exports dev.asyncio4j.subprocess;
    exports dev.asyncio4j.sync;
    exports dev.asyncio4j.internal to dev.asyncio4j.testing;
    exports dev.asyncio4j.internal.net to dev.asyncio4j.testing;
}
