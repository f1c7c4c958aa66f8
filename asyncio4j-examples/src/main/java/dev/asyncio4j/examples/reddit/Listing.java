package dev.asyncio4j.examples.reddit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A subreddit's top posts, read from the JSON Reddit answers {@code /r/<name>/top.json} with:
 * {@code {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"score": 46, "title":
 * ..., "url": ...}}, ...]}}}. The tutorial's {@code j = json.loads(data1.decode('utf-8'))} and
 * {@code j['data']['children']}, with each way the answer can be something else reported as a
 * {@link FetchException} that says what was found. Immutable.
 *
 * @param posts the posts, in the listing's order
 */
public record Listing(List<Post> posts) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)   // "{...} garbage" is not a listing
            .build();

    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[Source:.*?\\]\\)");

    /**
     * Copies the list.
     *
     * @throws NullPointerException if {@code posts} or one of them is null
     */
    public Listing {
        posts = List.copyOf(posts);
    }

    /**
     * Parses a listing.
     *
     * @param body the answer's body, JSON in UTF-8 (or UTF-16/32, which Jackson detects)
     * @return the listing
     * @throws FetchException if the body is empty, is not JSON (cut short, HTML, garbage), or is
     *     JSON of another shape than a listing of posts; its message says which
     */
    public static Listing parse(byte[] body) throws FetchException {
        JsonNode j;
        try {
            j = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new FetchException(notJson(body, e));
        } catch (IOException e) {
            throw new FetchException("the answer could not be read: " + e.getMessage());
        }
        if (j == null || j.isMissingNode()) {
            throw new FetchException("the answer is empty, not a listing");
        }
        JsonNode children = j.path("data").path("children");
        if (!children.isArray()) {
            throw new FetchException("the answer is JSON but not a listing (it has no data.children array)");
        }
        List<Post> posts = new ArrayList<>(children.size());
        for (JsonNode child : children) {
            posts.add(post(child, posts.size() + 1));
        }
        return new Listing(posts);
    }

    private static Post post(JsonNode child, int rank) throws FetchException {
        String kind = child.path("kind").asText("t3");
        if (!kind.equals("t3")) {
            throw new FetchException("the answer is a listing of " + kind + " things, not of posts (t3)");
        }
        JsonNode data = child.path("data");
        JsonNode score = data.path("score");
        JsonNode title = data.path("title");
        JsonNode url = data.path("url");
        if (!score.isNumber() || !title.isTextual() || !url.isTextual()) {
            String missing = !score.isNumber() ? "score" : !title.isTextual() ? "title" : "url";
            throw new FetchException("post " + rank + " of the listing has no " + missing);
        }
        return new Post(text(data, "subreddit"), score.longValue(), unescape(title.asText()), unescape(url.asText()),
                text(data, "permalink"), text(data, "author"), number(data, "num_comments"), number(data, "created_utc"));
    }

    /**
     * Undoes the HTML escaping Reddit's JSON applies to its text fields unless asked for
     * {@code raw_json=1} (which the tutorial's URL does not ask for): {@code &lt;}, {@code &gt;}
     * and {@code &amp;}, the only three it escapes, with {@code &amp;} last so that an escaped
     * {@code "&amp;lt;"} becomes {@code "&lt;"} and not {@code "<"}.
     */
    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Long number(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.isNumber() ? value.longValue() : null;
    }

    /** "the answer is not JSON: ..." with Jackson's reason and where, or "HTML" for a web page. */
    private static String notJson(byte[] body, JsonProcessingException e) {
        String start = new String(body, 0, Math.min(body.length, 64), StandardCharsets.ISO_8859_1)
                .stripLeading();
        if (start.startsWith("<")) {
            return "the answer is an HTML page, not JSON";
        }
        String reason = e.getOriginalMessage();
        int newline = reason.indexOf('\n');
        if (newline >= 0) {
            reason = reason.substring(0, newline);
        }
        reason = START_MARKER.matcher(reason).replaceAll("");   // where the array began: noise on one line
        if (reason.startsWith("Trailing token")) {
            reason = "more data after the JSON value";              // rather than Jackson's setting's name
        }
        var where = e.getLocation();
        return "the answer is not JSON (" + reason.strip()
                + (where == null ? "" : ", at line " + where.getLineNr() + " column " + where.getColumnNr()) + ")";
    }
}
