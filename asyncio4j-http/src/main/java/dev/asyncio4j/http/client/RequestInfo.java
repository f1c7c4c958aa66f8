package dev.asyncio4j.http.client;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.Url;

/**
 * What was asked: aiohttp's {@code RequestInfo}, found on a response and on the errors tied to
 * one.
 *
 * <p>Immutable.
 *
 * @param url the requested URL without its fragment
 * @param method the method
 * @param headers the header fields sent
 * @param realUrl the requested URL as given, fragment included
 */
public record RequestInfo(Url url, String method, Headers headers, Url realUrl) {
}
