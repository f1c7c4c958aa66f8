/**
 * The HTTP server: aiohttp's {@code aiohttp.web} on the asyncio4j loop.
 *
 * <pre>{@code
 * Application app = new Application();
 * app.router().get("/", request -> async(() -> Response.text("Hello, world")));
 * app.router().get("/users/{id:\\d+}", request -> async(() ->
 *         Response.json(Map.of("id", Integer.parseInt(request.matchInfo().get("id"))))));
 * app.router().post("/echo", request -> async(() -> Response.bytes(await(request.read()))));
 * app.router().addStatic("/static", Path.of("public"));
 * Web.runApp(app, "127.0.0.1", 8080);                 // until Ctrl-C
 * }</pre>
 *
 * <p>The pieces, by their aiohttp names: {@link dev.asyncio4j.http.server.Application} and its
 * {@link dev.asyncio4j.http.server.Router} ({@code app.router}), handlers
 * ({@link dev.asyncio4j.http.server.Handler}: a coroutine from {@code Request} to response),
 * {@link dev.asyncio4j.http.server.Middleware}, {@link dev.asyncio4j.http.server.Request},
 * {@link dev.asyncio4j.http.server.Response} ({@code web.Response}, {@code json_response}),
 * {@link dev.asyncio4j.http.server.StreamResponse}, {@link dev.asyncio4j.http.server.FileResponse},
 * {@link dev.asyncio4j.http.server.HttpException} ({@code web.HTTPNotFound} and friends),
 * {@link dev.asyncio4j.http.server.AppRunner} with {@link dev.asyncio4j.http.server.TcpSite} and
 * {@link dev.asyncio4j.http.server.UnixSite}, and {@link dev.asyncio4j.http.server.Web#runApp}.
 *
 * <p>HTTP/1.1 as RFC 9110/9112 have it: keep-alive and pipelining (responses in request order),
 * chunked bodies both ways, {@code Expect: 100-continue}, HEAD, a {@code Date} header, and strict
 * parsing that answers malformed or oversized requests with 400, 413, 414, 431, 501 or 505 and
 * closes the connection. Everything here is loop-confined unless it says otherwise.
 */
package dev.asyncio4j.http.server;
