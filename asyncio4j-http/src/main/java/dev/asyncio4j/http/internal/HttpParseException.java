package dev.asyncio4j.http.internal;

/**
 * A message the HTTP/1.1 parser rejects: aiohttp's {@code BadHttpMessage} family in one type.
 * It carries the status a server answers with before closing the connection (400, 413, 414,
 * 431, 501, 505) and the offset in the connection's byte stream of the offending byte.
 *
 * <p>Immutable.
 */
public final class HttpParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final long position;
    private final String detail;

    /**
     * @param status the status a server should answer with
     * @param detail what is wrong, without the position
     * @param position the offset of the offending byte since the stream began, or -1
     */
    public HttpParseException(int status, String detail, long position) {
        super(position >= 0 ? detail + " (at byte " + position + ")" : detail, null, false, false);
        this.status = status;
        this.detail = detail;
        this.position = position;
    }

    /** The HTTP status a server answers with: 400, 413, 414, 431, 501 or 505. */
    public int status() {
        return status;
    }

    /** The offset of the offending byte in the connection's stream, or -1 when not tied to one. */
    public long position() {
        return position;
    }

    /** The message without the position, fit for a response body. */
    public String detail() {
        return detail;
    }
}
