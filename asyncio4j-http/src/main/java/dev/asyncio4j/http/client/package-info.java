/**
 * The HTTP client: aiohttp's {@code ClientSession} on the asyncio4j loop.
 *
 * <pre>{@code
 * try (var session = new ClientSession()) {                          // async with aiohttp.ClientSession() as session:
 *     try (var response = await(session.get("https://example.com/data.json"))) {
 *         response.raiseForStatus();                                 //     response.raise_for_status()
 *         JsonNode data = await(response.json());                    //     data = await response.json()
 *     }
 *     var created = await(session.post(url, RequestOptions.DEFAULT   // session.post(url, json=..., params=...,
 *             .withJson(Map.of("name", "x"))                         //              timeout=10)
 *             .withParams("dry_run", "1")
 *             .withTimeout(Duration.ofSeconds(10))));
 *     created.close();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.asyncio4j.http.client.ClientSession}: requests ({@code get}, {@code post},
 *       ... {@code request}), default headers, base URL, cookie jar; its keyword arguments are
 *       {@link dev.asyncio4j.http.client.SessionOptions}, a request's
 *       {@link dev.asyncio4j.http.client.RequestOptions} (bodies:
 *       {@link dev.asyncio4j.http.client.Payload}).
 *   <li>{@link dev.asyncio4j.http.client.ClientResponse}: status, headers, and the body by
 *       {@code read}, {@code text}, {@code json} or as a stream ({@code content}).
 *   <li>{@link dev.asyncio4j.http.client.Connector}: the keep-alive pool, with its limits and
 *       TLS default ({@link dev.asyncio4j.http.client.ConnectorOptions}).
 *   <li>{@link dev.asyncio4j.http.client.ClientTimeout}: total, connect, sock_connect and
 *       sock_read limits, each with its own {@link dev.asyncio4j.http.client.ClientTimeoutException}.
 *   <li>aiohttp's errors: {@link dev.asyncio4j.http.client.ClientException} and its kinds.
 * </ul>
 *
 * <p>Where it differs from aiohttp 3.8, and why: the stale-connection retry happens only when the
 * failed connection came from the pool and nothing of an answer had arrived (RFC 9112 9.3.1),
 * then on a new connection; {@code text()} decodes strictly and falls back to UTF-8, not to
 * charset detection (aiohttp 3.9+); cross-origin redirects drop {@code Authorization},
 * {@code Cookie} and {@code Proxy-Authorization} as aiohttp 3.10+ does; a streamed body is not
 * sent again on a 307 or 308 (the redirect is returned instead); {@code json()} of an empty body
 * is null (Python's None). All of it is loop-confined: a session serves the loop it was first
 * used on.
 */
package dev.asyncio4j.http.client;
