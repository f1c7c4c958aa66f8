package dev.asyncio4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapper the client and the server share. */
class JsonTest {

    /**
     * Each asyncio4j task is a new virtual thread, so Jackson's default pool (one buffer recycler
     * per thread) would allocate fresh 16 KB buffers for every request handler; the shared pool
     * hands the same recycler from one task to the next.
     */
    @Test
    void buffersAreRecycledAcrossVirtualThreads() throws Exception {
        RecyclerPool<BufferRecycler> pool = Json.MAPPER.getFactory()._getRecyclerPool();
        BufferRecycler[] seen = new BufferRecycler[2];
        for (int i = 0; i < 2; i++) {
            int index = i;
            Thread.ofVirtual().start(() -> {
                BufferRecycler recycler = pool.acquireAndLinkPooled();
                seen[index] = recycler;
                recycler.releaseToPool();
            }).join();
        }
        assertSame(seen[0], seen[1]);
    }

    @Test
    void writesAndReadsAsTheDefaultMapperDoes() throws Exception {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(Map.of("message", "Hello, World!"));
        assertEquals("{\"message\":\"Hello, World!\"}", new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("World!", Json.MAPPER.readTree(bytes).get("message").asText().substring(7));
    }
}
