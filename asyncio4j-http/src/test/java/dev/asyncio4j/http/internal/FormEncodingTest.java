package dev.asyncio4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncio4j.http.MultiDict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormEncodingTest {
    @Test
    void encodesLikeUrlencode() {
        MultiDict f = MultiDict.of("name", "J\u00fcrgen Smith", "tag", "a&b", "tag", "c=d", "path", "/x y~", "empty", "");
        assertEquals("name=J%C3%BCrgen+Smith&tag=a%26b&tag=c%3Dd&path=%2Fx+y~&empty=", FormEncoding.encodeForm(f));
    }

    @Test
    void decodesLikeParseQsl() {
        assertEquals(MultiDict.of("a", "1", "b", "x y", "c", "", "a", "2", "e", "caf\u00e9", "f", "100%", "g", "=h"),
                FormEncoding.decode("a=1&b=x+y&c&&a=2&e=caf%C3%A9&f=100%&g==h"));
        byte[] body = "k=v%20w".getBytes(StandardCharsets.US_ASCII);
        assertEquals(MultiDict.of("k", "v w"), FormEncoding.decode(body, 0, body.length));
        assertEquals(MultiDict.EMPTY, FormEncoding.decode(""));
    }

    @Test
    void roundTrip() {
        MultiDict f = MultiDict.of("\u2603 snow", "&=+%#?", "k", "\uD83D\uDE00");
        assertEquals(f, FormEncoding.decode(FormEncoding.encodeForm(f)));
        assertEquals(f, FormEncoding.decode(FormEncoding.encodeQuery(f)));
    }
}
