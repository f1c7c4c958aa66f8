package dev.asyncio4j.http.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Jackson mappers the client and the server use by default.
 *
 * <p>Jackson recycles its parsing and writing buffers (several KiB each) through a pool that is,
 * by default, thread-local. On the loop every handler and every request runs in a task of its
 * own, so each has a new thread and a thread-local pool never finds a buffer to reuse: each JSON
 * body read or written allocated fresh buffers, and a profile of the HTTP server showed that
 * allocation at the top. These mappers take their buffers from one pool shared by all threads
 * (Jackson's concurrent-deque pool), so the buffers are reused from task to task. Thread-safe.
 */
public final class JsonMappers {

    private JsonMappers() {
    }

    /**
     * A new mapper with Jackson's defaults, except that it recycles its buffers through a pool
     * shared by all threads. Thread-safe once configured, as every {@link ObjectMapper}.
     *
     * @return the mapper
     */
    public static ObjectMapper create() {
        return new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());
    }
}
