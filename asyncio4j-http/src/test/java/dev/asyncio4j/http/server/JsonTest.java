package dev.asyncio4j.http.server;

import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void theServersMapperSharesItsBuffersAcrossTasks() {
        assertSame(JsonRecyclerPools.sharedConcurrentDequePool(), Json.MAPPER.getFactory()._getRecyclerPool(),
                "each handler runs in a task of its own: a thread-local pool would never reuse a buffer");
    }
}
