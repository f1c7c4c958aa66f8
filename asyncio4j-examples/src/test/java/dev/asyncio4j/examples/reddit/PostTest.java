package dev.asyncio4j.examples.reddit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PostTest {

    private static final Post POST = new Post("compsci", 25, "Favorite non-textbook CS books",
            "https://www.reddit.com/r/compsci/comments/3xag9e/favorite_nontextbook_cs_books/",
            "/r/compsci/comments/3xag9e/favorite_nontextbook_cs_books/", "[deleted]", 31L, 1450445512L);

    @Test
    void theLineIsTheTutorials() {
        assertEquals("25: Favorite non-textbook CS books "
                + "(https://www.reddit.com/r/compsci/comments/3xag9e/favorite_nontextbook_cs_books/)", POST.line());
    }

    @Test
    void jsonHasRedditsNamesAndAnAbsolutePermalink() {
        assertEquals("{\"requested\":\"CompSci\",\"rank\":2,\"subreddit\":\"compsci\",\"score\":25,"
                + "\"title\":\"Favorite non-textbook CS books\","
                + "\"url\":\"https://www.reddit.com/r/compsci/comments/3xag9e/favorite_nontextbook_cs_books/\","
                + "\"permalink\":\"https://www.reddit.com/r/compsci/comments/3xag9e/favorite_nontextbook_cs_books/\","
                + "\"author\":\"[deleted]\",\"num_comments\":31,\"created_utc\":1450445512}",
                POST.toJson("CompSci", 2, "https://www.reddit.com").toString());
    }

    @Test
    void absentFieldsAreNullInJson() {
        Post bare = new Post(null, 1, "t", "u", null, null, null, null);

        assertEquals("{\"requested\":\"x\",\"rank\":1,\"subreddit\":null,\"score\":1,\"title\":\"t\",\"url\":\"u\","
                + "\"permalink\":null,\"author\":null,\"num_comments\":null,\"created_utc\":null}",
                bare.toJson("x", 1, "http://127.0.0.1:1").toString());
    }

    @Test
    void titleAndUrlAreRequired() {
        assertThrows(NullPointerException.class, () -> new Post("s", 1, null, "u", null, null, null, null));
        assertThrows(NullPointerException.class, () -> new Post("s", 1, "t", null, null, null, null, null));
    }
}
