package dev.asyncio4j.http.server;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The server's shared Jackson mapper (thread-safe once configured, as Jackson documents). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
