package dev.asyncio4j.http.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncio4j.http.internal.JsonMappers;

/**
 * The server's shared Jackson mapper (thread-safe once configured, as Jackson documents), its
 * buffers recycled across the handlers' tasks (see {@link JsonMappers}).
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMappers.create();

    private Json() {
    }
}
