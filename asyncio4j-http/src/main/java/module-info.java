/**
 * asyncio4j HTTP: aiohttp's client and server on the asyncio4j loop. {@code dev.asyncio4j.http}
 * holds the values both sides share (headers, URLs, versions, statuses); the HTTP/1.1 codec lives
 * in {@code dev.asyncio4j.http.internal}, which is not part of the API.
 */
module dev.asyncio4j.http {
    requires transitive dev.asyncio4j;
    requires transitive com.fasterxml.jackson.databind;

    exports dev.asyncio4j.http;
    exports dev.asyncio4j.http.client;
    exports dev.asyncio4j.http.server;
}
