package dev.asyncio4j.examples.reddit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.HttpStatus;
import dev.asyncio4j.http.client.ClientConnectorException;
import dev.asyncio4j.http.client.ClientException;
import dev.asyncio4j.http.client.ClientPayloadException;
import dev.asyncio4j.http.client.ClientResponseException;
import dev.asyncio4j.http.client.ClientSslException;
import dev.asyncio4j.http.client.ClientTimeoutException;
import dev.asyncio4j.http.client.ServerDisconnectedException;
import dev.asyncio4j.http.client.TooManyRedirectsException;
import java.math.BigDecimal;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Why a subreddit's listing could not be printed, in one line a person can act on: "no such
 * subreddit (HTTP 404 Not Found)", "rate-limited (HTTP 429 Too Many Requests): retry in 42 s",
 * "timed out after 10 s". Thrown by {@link SubredditReader#getJson} for an answer that is not the
 * listing asked for and by {@link Listing#parse} for a body that is not a listing; {@link #reason}
 * says the same for the HTTP client's own exceptions. Immutable once thrown.
 */
public final class FetchException extends Exception {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A failure with its reason.
     *
     * @param reason one line: what went wrong, and what to do if there is something to do
     */
    public FetchException(String reason) {
        super(reason);
    }

    /**
     * The failure an answer stands for, when it is not the listing asked for: an error status, or
     * a redirect to another page (Reddit's search page is how it answers a subreddit that does
     * not exist).
     *
     * @param status the status code
     * @param reasonPhrase the status line's reason ("" for the standard one)
     * @param headers the response's headers (for {@code Retry-After} and {@code x-ratelimit-reset})
     * @param path the path of the URL that answered, after redirects
     * @param body the body (Reddit explains a 403 or 404 in JSON: {@code {"reason": "private"}})
     * @param now the current time, for a {@code Retry-After} given as a date
     * @return the failure
     */
    public static FetchException forAnswer(int status, String reasonPhrase, Headers headers, String path, byte[] body,
            Instant now) {
        String http = "HTTP " + status + " " + (reasonPhrase.isEmpty() ? HttpStatus.reason(status) : reasonPhrase);
        if (path.startsWith("/subreddits/search")) {
            return new FetchException("no such subreddit (the server redirected to its search page)");
        }
        if (path.equals("/over18")) {
            return new FetchException("an adult (NSFW) subreddit: the server wants a logged-in confirmation");
        }
        if (status == 200) {
            return new FetchException("the server redirected to " + path + ", not to a listing");
        }
        String explained = explanation(body);
        String retry = retryHint(headers, now);
        return new FetchException(switch (status) {
            case 404 -> "banned".equals(explained) ? "banned subreddit (" + http + ")" : "no such subreddit (" + http + ")";
            case 403 -> switch (String.valueOf(explained)) {
                case "private" -> "private subreddit (" + http + ")";
                case "quarantined" -> "quarantined subreddit: only logged-in users who opted in may read it (" + http + ")";
                case "gold_only" -> "subreddit for Reddit Premium members only (" + http + ")";
                case "banned" -> "banned subreddit (" + http + ")";
                default -> "access refused (" + http + "): a private subreddit, or a client the server blocks";
            };
            case 429 -> "rate-limited (" + http + "): " + (retry != null ? retry : "retry later");
            default -> (status >= 500 ? "server error (" : "unexpected answer (") + http + ")"
                    + (retry != null ? ": " + retry : "");
        });
    }

    /** Reddit's {@code reason} in an error's JSON body ({@code private}, {@code banned} ...), else null. */
    private static String explanation(byte[] body) {
        try {
            JsonNode reason = JSON.readTree(body).path("reason");
            return reason.isTextual() ? reason.asText() : null;
        } catch (java.io.IOException | RuntimeException notJson) {
            return null;
        }
    }

    /**
     * "retry in 42 s" from {@code Retry-After} (seconds, or an HTTP date) or else Reddit's
     * {@code x-ratelimit-reset} (seconds until the rate limit's window resets); null when neither
     * is given or readable.
     */
    static String retryHint(Headers headers, Instant now) {
        String retryAfter = headers.get("Retry-After");
        if (retryAfter != null) {
            String value = retryAfter.strip();
            if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
                return "retry in " + seconds(Duration.ofSeconds(Long.parseLong(value)));
            }
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return "retry in " + seconds(wait.isNegative() ? Duration.ZERO : wait) + " (at " + value + ")";
            } catch (DateTimeParseException notADate) {
                // fall through to Reddit's own header
            }
        }
        String reset = headers.get("x-ratelimit-reset");
        if (reset != null) {
            try {
                BigDecimal value = new BigDecimal(reset.strip());
                if (value.signum() >= 0) {
                    return "retry in " + seconds(Duration.ofMillis(value.movePointRight(3).longValue()));
                }
            } catch (NumberFormatException | ArithmeticException notANumber) {
                return null;
            }
        }
        return null;
    }

    /**
     * One line saying why fetching a listing failed: this exception's message, or what the HTTP
     * client's exception means in those words.
     *
     * @param error what the fetch raised (not a cancellation, which is no failure)
     * @param timeout the request's time limit, to say after how long it timed out; null if none
     * @return the reason, one line
     */
    public static String reason(Throwable error, Duration timeout) {
        return switch (error) {
            case FetchException e -> e.getMessage();
            case ClientTimeoutException e -> timeout == null ? "timed out" : "timed out after " + seconds(timeout);
            case ClientSslException e -> "TLS with " + e.host() + ":" + e.port() + " failed: " + detail(e.getCause());
            case ClientConnectorException e when e.getCause() instanceof UnknownHostException ->
                    "cannot resolve " + e.host() + (detail(e.getCause()).equals(e.host()) ? "" : " ("
                            + detail(e.getCause()) + ")") + ": no network, or no such host";
            case ClientConnectorException e -> "cannot connect to " + e.host() + ":" + e.port() + " (" + detail(e.getCause()) + ")";
            case ServerDisconnectedException e -> "the server closed the connection without answering";
            case ClientPayloadException e -> "the answer was cut short or garbled"
                    + e.getMessage().replaceFirst("^Response payload is not completed", "").replaceFirst("^(?!:|$)", ": ");
            case TooManyRedirectsException e -> "too many redirects (" + e.history().size() + ")";
            case ClientResponseException e -> "malformed answer (" + e.getMessage() + ")";
            case ClientException e -> e.getMessage();
            default -> error.toString();
        };
    }

    /** The last part of an exception's message: "Connection refused" of "Connect call failed host:80: Connection refused". */
    private static String detail(Throwable cause) {
        if (cause == null || cause.getMessage() == null || cause.getMessage().isBlank()) {
            return cause == null ? "unknown error" : cause.getClass().getSimpleName();
        }
        String message = cause.getMessage().strip();
        int colon = message.lastIndexOf(": ");
        return colon >= 0 ? message.substring(colon + 2) : message;
    }

    /** "10 s", "0.25 s", "90 s". */
    static String seconds(Duration duration) {
        BigDecimal seconds = BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros();
        return seconds.toPlainString() + " s";
    }
}
