package dev.asyncio4j.http;

/**
 * An HTTP version, {@code HTTP/major.minor}: aiohttp's {@code HttpVersion} named tuple. The codec
 * speaks HTTP/1.0 and HTTP/1.1; parsed messages reuse the constants below.
 *
 * <p>Immutable.
 *
 * @param major the major version, 0 to 9
 * @param minor the minor version, 0 to 9
 */
public record HttpVersion(int major, int minor) implements Comparable<HttpVersion> {
    /** HTTP/1.0: connections close after each message unless kept alive. */
    public static final HttpVersion HTTP_1_0 = new HttpVersion(1, 0);
    /** HTTP/1.1: persistent connections, chunked transfer coding. */
    public static final HttpVersion HTTP_1_1 = new HttpVersion(1, 1);

    /** Checks each part is a single digit, as the HTTP-version grammar requires. */
    public HttpVersion {
        if (major < 0 || major > 9 || minor < 0 || minor > 9) {
            throw new IllegalArgumentException("HTTP version parts are single digits: " + major + "." + minor);
        }
    }

    /**
     * The version for the two digits, a shared constant for 1.0 and 1.1.
     *
     * @return the version for the two digits, a shared constant for 1.0 and 1.1
     */
    public static HttpVersion of(int major, int minor) {
        if (major == 1) {
            if (minor == 1) {
                return HTTP_1_1;
            }
            if (minor == 0) {
                return HTTP_1_0;
            }
        }
        return new HttpVersion(major, minor);
    }

    /**
     * True for 1.1 and later (persistent connections by default).
     *
     * @return true for 1.1 and later (persistent connections by default)
     */
    public boolean atLeast11() {
        return major > 1 || (major == 1 && minor >= 1);
    }

    @Override
    public int compareTo(HttpVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    /** {@code HTTP/1.1}. */
    @Override
    public String toString() {
        return "HTTP/" + major + "." + minor;
    }
}
