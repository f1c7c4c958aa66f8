package dev.asyncio4j.http;

/**
 * HTTP status codes and their reason phrases (RFC 9110 section 15, and the common extensions):
 * Python's {@code http.HTTPStatus} phrases, which aiohttp sends.
 *
 * <p>Stateless; thread-safe.
 */
public final class HttpStatus {
    private static final String[] REASONS = new String[600];

    static {
        String[] table = {
            "100", "Continue", "101", "Switching Protocols", "102", "Processing", "103", "Early Hints",
            "200", "OK", "201", "Created", "202", "Accepted", "203", "Non-Authoritative Information",
            "204", "No Content", "205", "Reset Content", "206", "Partial Content",
            "207", "Multi-Status", "208", "Already Reported", "226", "IM Used",
            "300", "Multiple Choices", "301", "Moved Permanently", "302", "Found", "303", "See Other",
            "304", "Not Modified", "305", "Use Proxy", "307", "Temporary Redirect",
            "308", "Permanent Redirect",
            "400", "Bad Request", "401", "Unauthorized", "402", "Payment Required", "403", "Forbidden",
            "404", "Not Found", "405", "Method Not Allowed", "406", "Not Acceptable",
            "407", "Proxy Authentication Required", "408", "Request Timeout", "409", "Conflict",
            "410", "Gone", "411", "Length Required", "412", "Precondition Failed",
            "413", "Request Entity Too Large", "414", "Request-URI Too Long",
            "415", "Unsupported Media Type", "416", "Requested Range Not Satisfiable",
            "417", "Expectation Failed", "418", "I'm a Teapot", "421", "Misdirected Request",
            "422", "Unprocessable Entity", "423", "Locked", "424", "Failed Dependency",
            "425", "Too Early", "426", "Upgrade Required", "428", "Precondition Required",
            "429", "Too Many Requests", "431", "Request Header Fields Too Large",
            "451", "Unavailable For Legal Reasons",
            "500", "Internal Server Error", "501", "Not Implemented", "502", "Bad Gateway",
            "503", "Service Unavailable", "504", "Gateway Timeout",
            "505", "HTTP Version Not Supported", "506", "Variant Also Negotiates",
            "507", "Insufficient Storage", "508", "Loop Detected", "510", "Not Extended",
            "511", "Network Authentication Required",
        };
        for (int i = 0; i < table.length; i += 2) {
            REASONS[Integer.parseInt(table[i])] = table[i + 1];
        }
    }

    private HttpStatus() {
    }

    /**
     * The reason phrase for {@code status} ({@code 404} → {@code "Not Found"}), or "" if unknown.
     *
     * @param status the status code
     * @return the reason phrase for {@code status} ({@code 404} → {@code "Not Found"}), or "" if
     *     unknown
     */
    public static String reason(int status) {
        String r = status >= 0 && status < REASONS.length ? REASONS[status] : null;
        return r == null ? "" : r;
    }

    /**
     * True for 1xx.
     *
     * @param status the status code
     * @return true for 1xx
     */
    public static boolean isInformational(int status) {
        return status >= 100 && status < 200;
    }

    /**
     * True for 3xx.
     *
     * @param status the status code
     * @return true for 3xx
     */
    public static boolean isRedirect(int status) {
        return status >= 300 && status < 400;
    }

    /**
     * True for 4xx and 5xx: aiohttp's {@code raise_for_status} raises for these.
     *
     * @param status the status code
     * @return true for 4xx and 5xx
     */
    public static boolean isError(int status) {
        return status >= 400;
    }

    /**
     * True when a response with this status never has a body (RFC 9110 6.4.1): 1xx, 204, 304.
     * aiohttp's {@code status_code_must_be_empty_body}.
     *
     * @param status the status code
     * @return true when a response with this status never has a body (RFC 9110 6.4.1): 1xx, 204,
     *     304
     */
    public static boolean mustBeEmpty(int status) {
        return (status >= 100 && status < 200) || status == 204 || status == 304;
    }
}
