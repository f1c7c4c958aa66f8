package dev.asyncio4j.http.server;

import dev.asyncio4j.Coroutine;

/**
 * A middleware: aiohttp's {@code @web.middleware async def mw(request, handler)}. It wraps every
 * handler of the application; it may act before and after calling {@code handler}, answer
 * without it, or replace its response or its exception:
 *
 * <pre>{@code
 * Middleware timing = (request, handler) -> async(() -> {
 *     long start = System.nanoTime();
 *     StreamResponse response = await(handler.handle(request));
 *     response.headers().add("X-Elapsed-Micros", String.valueOf((System.nanoTime() - start) / 1000));
 *     return response;
 * });
 * app.middlewares().add(timing);
 * }</pre>
 *
 * <p>Middlewares run in the order they were added, the first outermost, as in aiohttp. They also
 * wrap the answers for unmatched routes (404 and 405, thrown as {@link HttpException}). Called on
 * the loop thread: loop-confined.
 */
@FunctionalInterface
public interface Middleware {

    /**
     * Handles {@code request}, normally by awaiting {@code handler.handle(request)}.
     *
     * @param request the request
     * @param handler the handler
     * @return a coroutine to await for the result
     * @throws Exception anything: as if the handler had thrown it
     */
    Coroutine<? extends StreamResponse> handle(Request request, Handler handler) throws Exception;
}
