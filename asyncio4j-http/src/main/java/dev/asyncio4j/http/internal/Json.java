package dev.asyncio4j.http.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Jackson mapper the client and the server share: thread-safe once configured, as Jackson
 * documents.
 *
 * <p>Its buffers (16 KB per call) come from one shared pool. Jackson's default pool keeps one set
 * per thread, and every asyncio4j task is a new virtual thread: with it each request handler
 * allocated fresh buffers, nearly all of the server's garbage under load.
 */
public final class Json {
    /** Reads and writes JSON bodies unless the user gives a mapper of their own. */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build());

    private Json() {
    }
}
