package dev.asyncio4j.http.internal;

/**
 * How a message's body is delimited (RFC 9112 6.3), as the parser decided from its head. Immutable.
 */
public enum BodyFraming {
    /** No body: a request without Content-Length or Transfer-Encoding, HEAD/1xx/204/304 responses. */
    NONE,
    /** Exactly {@code contentLength} bytes. */
    LENGTH,
    /** Chunked transfer coding, ending with a zero-size chunk and optional trailers. */
    CHUNKED,
    /** A response body that ends when the server closes the connection. */
    UNTIL_CLOSE,
}
