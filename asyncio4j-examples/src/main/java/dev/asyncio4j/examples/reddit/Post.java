package dev.asyncio4j.examples.reddit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One post of a subreddit's listing: the fields of Reddit's {@code data.children[].data} that the
 * reader prints. Immutable.
 *
 * @param subreddit the subreddit's name as Reddit spells it ({@code data.subreddit}), or null
 *     when the listing does not say
 * @param score the post's score ({@code data.score})
 * @param title its title ({@code data.title})
 * @param url what it links to ({@code data.url}; for a text post, the post itself)
 * @param permalink the path of its comments page ({@code data.permalink}, e.g.
 *     {@code /r/compsci/comments/3xag9e/favorite_nontextbook_cs_books/}), or null
 * @param author its author's user name ({@code data.author}), or null
 * @param numComments how many comments it has ({@code data.num_comments}), or null
 * @param createdUtc when it was posted, in seconds since 1970 UTC ({@code data.created_utc}), or null
 */
public record Post(String subreddit, long score, String title, String url, String permalink, String author,
        Long numComments, Long createdUtc) {

    /**
     * Checks the fields every post has.
     *
     * @throws NullPointerException if {@code title} or {@code url} is null
     */
    public Post {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
    }

    /**
     * The tutorial's line for this post: {@code str(score) + ': ' + title + ' (' + link + ')'}.
     *
     * @return {@code score: title (url)}
     */
    public String line() {
        return score + ": " + title + " (" + url + ")";
    }

    /**
     * The post as one JSON object for {@code --json}, with Reddit's field names; the permalink is
     * made absolute against {@code baseUrl} so that it can be opened as it is.
     *
     * @param requested the subreddit as it was asked for ({@code "requested"}), which may differ
     *     from Reddit's spelling in {@code "subreddit"}
     * @param rank the post's place in its listing, from 1
     * @param baseUrl the server the listing came from, without a trailing slash
     * @return {@code {"requested", "rank", "subreddit", "score", "title", "url", "permalink",
     *     "author", "num_comments", "created_utc"}}; absent fields are null
     */
    public ObjectNode toJson(String requested, int rank, String baseUrl) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("requested", requested);
        json.put("rank", rank);
        json.put("subreddit", subreddit);
        json.put("score", score);
        json.put("title", title);
        json.put("url", url);
        json.put("permalink", permalink == null ? null : permalink.startsWith("/") ? baseUrl + permalink : permalink);
        json.put("author", author);
        json.put("num_comments", numComments);
        json.put("created_utc", createdUtc);
        return json;
    }
}
