package dev.asyncio4j.examples.reddit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.asyncio4j.http.Headers;
import dev.asyncio4j.http.client.ClientConnectorException;
import dev.asyncio4j.http.client.ClientPayloadException;
import dev.asyncio4j.http.client.ClientSslException;
import dev.asyncio4j.http.client.ConnectionTimeoutException;
import dev.asyncio4j.http.client.ServerDisconnectedException;
import dev.asyncio4j.http.client.TotalTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The one-line reasons: for each answer that is not a listing, and for each error of the client. */
class FetchExceptionTest {

    private static final Instant NOW = Instant.parse("2015-12-19T10:00:00Z");
    private static final String TOP = "/r/x/top.json";

    private static String answer(int status, String body, String... headers) {
        return FetchException.forAnswer(status, "", Headers.of(headers), TOP, body.getBytes(UTF_8), NOW).getMessage();
    }

    @Test
    void notFoundIsAnUnknownSubredditUnlessRedditSaysBanned() {
        assertEquals("no such subreddit (HTTP 404 Not Found)", answer(404, "{\"message\": \"Not Found\", \"error\": 404}"));
        assertEquals("no such subreddit (HTTP 404 Not Found)", answer(404, "<html>not found</html>"));
        assertEquals("banned subreddit (HTTP 404 Not Found)", answer(404, "{\"reason\": \"banned\", \"error\": 404}"));
    }

    @Test
    void forbiddenSaysWhyWhenRedditDoes() {
        assertEquals("private subreddit (HTTP 403 Forbidden)", answer(403, "{\"reason\": \"private\"}"));
        assertEquals("quarantined subreddit: only logged-in users who opted in may read it (HTTP 403 Forbidden)",
                answer(403, "{\"reason\": \"quarantined\"}"));
        assertEquals("subreddit for Reddit Premium members only (HTTP 403 Forbidden)", answer(403, "{\"reason\": \"gold_only\"}"));
        assertEquals("access refused (HTTP 403 Forbidden): a private subreddit, or a client the server blocks",
                answer(403, "<!doctype html><p>whoa there, pardner!"));
    }

    @Test
    void theServersOwnReasonPhraseIsKept() {
        assertEquals("no such subreddit (HTTP 404 Nope)", FetchException.forAnswer(404, "Nope", Headers.EMPTY, TOP,
                new byte[0], NOW).getMessage());
    }

    @Test
    void tooManyRequestsGivesTheRetryHint() {
        assertEquals("rate-limited (HTTP 429 Too Many Requests): retry in 42 s", answer(429, "", "Retry-After", "42"));
        assertEquals("rate-limited (HTTP 429 Too Many Requests): retry in 90 s (at Sat, 19 Dec 2015 10:01:30 GMT)",
                answer(429, "", "Retry-After", "Sat, 19 Dec 2015 10:01:30 GMT"));
        assertEquals("rate-limited (HTTP 429 Too Many Requests): retry in 0 s (at Sat, 19 Dec 2015 09:00:00 GMT)",
                answer(429, "", "Retry-After", "Sat, 19 Dec 2015 09:00:00 GMT"));
        assertEquals("rate-limited (HTTP 429 Too Many Requests): retry in 7.5 s",
                answer(429, "", "x-ratelimit-reset", "7.5", "x-ratelimit-remaining", "0"));
        assertEquals("rate-limited (HTTP 429 Too Many Requests): retry in 5 s",
                answer(429, "", "Retry-After", "5", "x-ratelimit-reset", "300"), "Retry-After first");
        assertEquals("rate-limited (HTTP 429 Too Many Requests): retry in 300 s",
                answer(429, "", "Retry-After", "soon", "x-ratelimit-reset", "300"), "an unreadable Retry-After");
        assertEquals("rate-limited (HTTP 429 Too Many Requests): retry later", answer(429, ""));
        assertEquals("rate-limited (HTTP 429 Too Many Requests): retry later", answer(429, "", "x-ratelimit-reset", "-1"));
    }

    @Test
    void otherStatusesAreNamed() {
        assertEquals("server error (HTTP 503 Service Unavailable): retry in 30 s", answer(503, "", "Retry-After", "30"));
        assertEquals("server error (HTTP 500 Internal Server Error)", answer(500, "oops"));
        assertEquals("unexpected answer (HTTP 204 No Content)", answer(204, ""));
        assertEquals("unexpected answer (HTTP 401 Unauthorized)", answer(401, ""));
    }

    @Test
    void aRedirectAwayFromTheListingIsNamed() {
        assertEquals("no such subreddit (the server redirected to its search page)", FetchException.forAnswer(200, "OK",
                Headers.EMPTY, "/subreddits/search.json", new byte[0], NOW).getMessage());
        assertEquals("an adult (NSFW) subreddit: the server wants a logged-in confirmation", FetchException.forAnswer(
                200, "OK", Headers.EMPTY, "/over18", new byte[0], NOW).getMessage());
        assertEquals("the server redirected to /login/, not to a listing", FetchException.forAnswer(200, "OK",
                Headers.EMPTY, "/login/", new byte[0], NOW).getMessage());
    }

    @Test
    void theClientsErrorsInAFewWords() {
        Duration tenSeconds = Duration.ofSeconds(10);
        assertEquals("timed out after 10 s", FetchException.reason(new TotalTimeoutException("x"), tenSeconds));
        assertEquals("timed out after 0.25 s", FetchException.reason(new ConnectionTimeoutException("x"), Duration.ofMillis(250)));
        assertEquals("timed out", FetchException.reason(new TotalTimeoutException("x"), null));
        assertEquals("cannot resolve www.reddit.com (Temporary failure in name resolution): no network, or no such host",
                FetchException.reason(new ClientConnectorException("www.reddit.com", 443, true,
                        new UnknownHostException("www.reddit.com: Temporary failure in name resolution")), tenSeconds));
        assertEquals("cannot resolve www.reddit.com: no network, or no such host",
                FetchException.reason(new ClientConnectorException("www.reddit.com", 443, true,
                        new UnknownHostException("www.reddit.com")), tenSeconds));
        assertEquals("cannot connect to 127.0.0.1:9 (Connection refused)", FetchException.reason(
                new ClientConnectorException("127.0.0.1", 9, false,
                        new ConnectException("Connect call failed 127.0.0.1:9: Connection refused")), tenSeconds));
        assertEquals("cannot connect to 10.0.0.1:443 (Network is unreachable)", FetchException.reason(
                new ClientConnectorException("10.0.0.1", 443, true, new ConnectException("Network is unreachable")),
                tenSeconds));
        assertEquals("TLS with www.reddit.com:443 failed: PKIX path building failed", FetchException.reason(
                new ClientSslException("www.reddit.com", 443, new SSLHandshakeException("PKIX path building failed")),
                tenSeconds));
        assertEquals("the server closed the connection without answering",
                FetchException.reason(new ServerDisconnectedException(), tenSeconds));
        assertEquals("the answer was cut short or garbled",
                FetchException.reason(new ClientPayloadException("Response payload is not completed"), tenSeconds));
        assertEquals("the answer was cut short or garbled: connection closed 10 of 20 body bytes missing",
                FetchException.reason(new ClientPayloadException("Response payload is not completed: connection closed "
                        + "10 of 20 body bytes missing"), tenSeconds));
        assertEquals("the answer was cut short or garbled: invalid chunk size",
                FetchException.reason(new ClientPayloadException("invalid chunk size"), tenSeconds));
        assertEquals("no such subreddit (HTTP 404 Not Found)",
                FetchException.reason(new FetchException("no such subreddit (HTTP 404 Not Found)"), tenSeconds));
        assertEquals("java.lang.IllegalStateException: a bug", FetchException.reason(new IllegalStateException("a bug"),
                tenSeconds));
    }

    @Test
    void secondsAreWrittenShort() {
        assertEquals("30 s", FetchException.seconds(Duration.ofSeconds(30)));
        assertEquals("0.5 s", FetchException.seconds(Duration.ofMillis(500)));
        assertEquals("1.25 s", FetchException.seconds(Duration.ofMillis(1250)));
        assertEquals("0 s", FetchException.seconds(Duration.ZERO));
        assertNull(FetchException.retryHint(Headers.EMPTY, NOW));
    }
}
