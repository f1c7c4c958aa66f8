package dev.asyncio4j.http.internal;

/**
 * The bounds the HTTP/1.1 parser enforces, and the status a server answers with when one is
 * exceeded. Defaults follow aiohttp (8190-byte lines and fields, 1 MiB request bodies on the
 * server) and nginx (a 32 KiB header section with at most 100 fields).
 *
 * <p>Immutable.
 *
 * @param maxStartLine request or status line, without CRLF (over it: 414 for a request)
 * @param maxHeaderLine one header or trailer field line, name and value, without CRLF (431)
 * @param maxHeaderSection all header lines of one message, or all its trailer lines (431)
 * @param maxHeaderCount fields in the header section, or in the trailer section (431)
 * @param maxChunkLine a chunk-size line with its extensions, without CRLF (400)
 * @param maxBodySize the body's length after transfer decoding; also bounds what a content
 *     decoder may inflate it to (413)
 */
public record HttpLimits(int maxStartLine, int maxHeaderLine, int maxHeaderSection,
                         int maxHeaderCount, int maxChunkLine, long maxBodySize) {
    /** The server's defaults: aiohttp's {@code client_max_size} of 1 MiB for bodies. */
    public static final HttpLimits SERVER = new HttpLimits(8190, 8190, 32 * 1024, 100, 4096, 1024 * 1024);
    /** The client's defaults: the same head limits, bodies unbounded. */
    public static final HttpLimits CLIENT = new HttpLimits(8190, 8190, 64 * 1024, 200, 4096, Long.MAX_VALUE);

    /** Checks every bound is positive. */
    public HttpLimits {
        if (maxStartLine <= 0 || maxHeaderLine <= 0 || maxHeaderSection <= 0 || maxHeaderCount <= 0
                || maxChunkLine <= 0 || maxBodySize < 0) {
            throw new IllegalArgumentException("limits must be positive: " + this);
        }
    }

    /** These limits with another body bound. */
    public HttpLimits withMaxBodySize(long max) {
        return new HttpLimits(maxStartLine, maxHeaderLine, maxHeaderSection, maxHeaderCount, maxChunkLine, max);
    }
}
