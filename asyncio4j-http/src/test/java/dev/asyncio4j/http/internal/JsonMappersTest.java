package dev.asyncio4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncio4j.http.client.SessionOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonMappersTest {

    @Test
    void buffersComeFromOnePoolSharedByAllThreads() {
        ObjectMapper mapper = JsonMappers.create();
        assertSame(JsonRecyclerPools.sharedConcurrentDequePool(), mapper.getFactory()._getRecyclerPool(),
                "a thread-local pool would give every task (a new thread) new buffers");
        assertSame(JsonRecyclerPools.sharedConcurrentDequePool(),
                SessionOptions.DEFAULT.jsonMapper().getFactory()._getRecyclerPool(), "the client's default mapper");
    }

    @Test
    void writesAndReadsAsJacksonsDefaults() throws Exception {
        ObjectMapper mapper = JsonMappers.create();
        byte[] json = mapper.writeValueAsBytes(Map.of("message", "Hello, World!"));
        assertEquals("{\"message\":\"Hello, World!\"}", new String(json, StandardCharsets.UTF_8));
        assertEquals("Hello, World!", mapper.readTree(json).get("message").asText());
    }
}
