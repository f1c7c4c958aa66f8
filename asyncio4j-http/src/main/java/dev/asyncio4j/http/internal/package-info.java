/**
 * The HTTP/1.1 codec under the client and the server; not part of the API (the module does not
 * export it).
 *
 * <p>How a connection uses it (all loop-confined, one of each per connection):
 * <pre>{@code
 * // server: parse requests as the transport delivers bytes
 * RequestParser parser = new RequestParser(HttpLimits.SERVER, new HttpMessageListener<>() {
 *     public void onHead(RequestHead head) { ... parser.pause(); }      // answer in order
 *     public void onBody(byte[] b, int off, int len) { ... }            // copy: slice of the input
 *     public void onMessageComplete(Headers trailers) { ... }
 * });
 * int used = parser.feed(data, 0, data.length);   // < length when paused or upgraded: keep the rest
 * parser.feedEof();                               // peer closed: throws if a message was cut short
 * // on HttpParseException e: answer e.status() (400/413/414/431/501/505) with Connection: close
 *
 * // writing: one array per head (plus body), no per-header garbage
 * byte[] out = headWriter.startResponse(HttpVersion.HTTP_1_1, 200, null)
 *         .header("Content-Type", "application/json").date(dateCache)
 *         .contentLength(body.length).finish(body, 0, body.length);
 * // streaming: header("Transfer-Encoding", "chunked"), then ChunkedEncoder.chunk(...) per piece
 * // and ChunkedEncoder.lastChunk(Headers.EMPTY)
 *
 * // client: the response parser needs the request method (HEAD, CONNECT change the framing)
 * responseParser.setRequestMethod("HEAD");
 * // bodies: ContentDecoder.forEncoding(head.contentEncoding(), limit) decodes gzip/deflate
 * }</pre>
 *
 * <p>Also here: {@link dev.asyncio4j.http.internal.FormEncoding} (urlencoded forms and queries),
 * {@link dev.asyncio4j.http.internal.MultipartParser} (streaming multipart/form-data),
 * {@link dev.asyncio4j.http.internal.HeaderValue} (Content-Type and Content-Disposition
 * parameters) and {@link dev.asyncio4j.http.internal.CookieJar} (RFC 6265).
 */
package dev.asyncio4j.http.internal;
