package dev.asyncio4j.http.server;

import dev.asyncio4j.http.Headers;

/**
 * An uploaded file of a {@code multipart/form-data} request: aiohttp's {@code FileField}.
 * Immutable (the content array is not copied: do not change it).
 *
 * @param name the form field's name
 * @param filename the file name the client sent
 * @param contentType the part's content type ({@code application/octet-stream} when absent)
 * @param headers the part's headers
 * @param content the file's bytes
 */
public record FileField(String name, String filename, String contentType, Headers headers, byte[] content) {
}
