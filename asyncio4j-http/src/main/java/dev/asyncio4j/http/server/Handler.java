package dev.asyncio4j.http.server;

import dev.asyncio4j.Coroutine;

/**
 * A web handler: aiohttp's {@code async def handler(request) -> StreamResponse}. It takes the
 * {@link Request} and returns a coroutine whose result is the response, usually a
 * {@link Response}:
 *
 * <pre>{@code
 * Handler hello = request -> async(() -> Response.text("Hello, " + request.matchInfo().get("name")));
 * app.router().get("/hello/{name}", hello);
 * }</pre>
 *
 * <p>The server runs each request's coroutine in its own task, started eagerly: a handler that
 * returns without suspending is answered within the read that brought its request, with no
 * scheduling in between. A handler may also throw an {@link HttpException} (its response is
 * sent) or anything else (a 500 is sent and the error logged). Called on the loop thread:
 * loop-confined.
 */
@FunctionalInterface
public interface Handler {

    /**
     * Answers {@code request}; the coroutine's result is the response.
     *
     * @param request the request
     * @return a coroutine to await for the result
     * @throws Exception anything: an {@link HttpException} is sent as its response, anything else
     *     as a 500 and logged
     */
    Coroutine<? extends StreamResponse> handle(Request request) throws Exception;
}
