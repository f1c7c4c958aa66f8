package dev.asyncio4j.examples.reddit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading Reddit's listing JSON, and each way a body can be something else. */
class ListingTest {

    private static Listing parse(String json) throws FetchException {
        return Listing.parse(json.getBytes(UTF_8));
    }

    private static String failure(String json) {
        return assertThrows(FetchException.class, () -> parse(json)).getMessage();
    }

    @Test
    void readsThePostsOfAListingInOrder() throws Exception {
        List<Post> posts = Listing.parse(DemoServer.listing("compsci").getBytes(UTF_8)).posts();

        assertEquals(3, posts.size());
        Post first = posts.getFirst();
        assertEquals(new Post("compsci", 71, "The Semantics of Version Control - Wouter Swierstra",
                "http://www.staff.science.uu.nl/~swier004/Talks/vc-semantics-15.pdf",
                "/r/compsci/comments/3xaw3e/the_semantics_of_version_control_wouter_swierstra/", "[deleted]", 12L,
                1450456087L), first);
        assertEquals(List.of(71L, 25L, 13L), posts.stream().map(Post::score).toList());
    }

    @Test
    void onlyScoreTitleAndUrlAreRequired() throws Exception {
        Post post = parse("{\"data\": {\"children\": [{\"data\": {\"score\": -3, \"title\": \"t\", \"url\": \"u\"}}]}}")
                .posts().getFirst();

        assertEquals("-3: t (u)", post.line());
        assertNull(post.subreddit());
        assertNull(post.permalink());
        assertNull(post.numComments());
        assertNull(post.createdUtc());
    }

    @Test
    void redditsHtmlEscapingOfTitlesAndUrlsIsUndone() throws Exception {
        Post post = parse("{\"data\": {\"children\": [{\"data\": {\"score\": 1, "
                + "\"title\": \"Q&amp;A: why &lt;T&gt; &amp;amp; not T\", \"url\": \"https://x.example/?a=1&amp;b=2\"}}]}}")
                .posts().getFirst();

        assertEquals("Q&A: why <T> &amp; not T", post.title());
        assertEquals("https://x.example/?a=1&b=2", post.url());
    }

    @Test
    void anEmptyListingHasNoPosts() throws Exception {
        assertEquals(List.of(), parse("{\"kind\": \"Listing\", \"data\": {\"children\": [], \"after\": null}}").posts());
    }

    @Test
    void utf16IsDetected() throws Exception {
        byte[] json = "{\"data\": {\"children\": [{\"data\": {\"score\": 1, \"title\": \"Ünïcödé ✓\", \"url\": \"u\"}}]}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_16BE);

        assertEquals("Ünïcödé ✓", Listing.parse(json).posts().getFirst().title());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                               | the answer is empty, not a listing",
        "'   '                                            | the answer is empty, not a listing",
        "<!doctype html><p>Blocked</p>                    | the answer is an HTML page, not JSON",
        "'  <html>'                                       | the answer is an HTML page, not JSON",
        "{\"data\": {\"children\": [                      | the answer is not JSON (Unexpected end-of-input: expected close marker for Array, at line 1 column 24)",
        "not json                                         | the answer is not JSON (Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'), at line 1 column 5)",
        "{\"data\": {\"children\": []}} {}                | the answer is not JSON (more data after the JSON value, at line 1 column 28)",
        "[1, 2]                                           | the answer is JSON but not a listing (it has no data.children array)",
        "{\"data\": {\"children\": {}}}                   | the answer is JSON but not a listing (it has no data.children array)",
        "{\"error\": 404}                                 | the answer is JSON but not a listing (it has no data.children array)",
        "{\"data\": {\"children\": [{\"kind\": \"t5\", \"data\": {}}]}}                         | the answer is a listing of t5 things, not of posts (t3)",
        "{\"data\": {\"children\": [{\"data\": {\"title\": \"t\", \"url\": \"u\"}}]}}           | post 1 of the listing has no score",
        "{\"data\": {\"children\": [{\"data\": {\"score\": \"9\", \"title\": \"t\", \"url\": \"u\"}}]}} | post 1 of the listing has no score",
        "{\"data\": {\"children\": [{\"data\": {\"score\": 1, \"title\": \"t\", \"url\": \"u\"}}, {\"data\": {\"score\": 1, \"url\": \"u\"}}]}} | post 2 of the listing has no title",
        "{\"data\": {\"children\": [{\"data\": {\"score\": 1, \"title\": \"t\", \"url\": null}}]}} | post 1 of the listing has no url",
    })
    void aBodyThatIsNotAListingSaysWhatItIs(String body, String reason) {
        assertEquals(reason, failure(body));
    }
}
