/**
 * Values the HTTP client and server share: {@link dev.asyncio4j.http.Headers} and
 * {@link dev.asyncio4j.http.MutableHeaders} (multidict's {@code CIMultiDictProxy} and
 * {@code CIMultiDict}), {@link dev.asyncio4j.http.MultiDict} for queries and forms,
 * {@link dev.asyncio4j.http.Url} (yarl's {@code URL}), {@link dev.asyncio4j.http.HttpVersion},
 * {@link dev.asyncio4j.http.HttpStatus} reason phrases and {@link dev.asyncio4j.http.HttpMethod}
 * names. Methods are plain strings, as in aiohttp.
 */
package dev.asyncio4j.http;
