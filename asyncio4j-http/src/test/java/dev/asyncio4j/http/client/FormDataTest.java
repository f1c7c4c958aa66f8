package dev.asyncio4j.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bodies {@link FormData} makes: urlencoded for text alone, multipart as browsers send it. */
class FormDataTest {

    private static String body(Payload payload) {
        return new String(payload.bytesOrNull(), StandardCharsets.UTF_8);
    }

    @Test
    void textFieldsAloneAreUrlencoded() {
        Payload payload = new FormData().add("q", "a b").add("q", "c&d").add("name", "café").payload();
        assertEquals("application/x-www-form-urlencoded", payload.contentType());
        assertEquals("q=a+b&q=c%26d&name=caf%C3%A9", body(payload));
    }

    @Test
    void aFileMakesTheFormMultipartWithEachPartsHeaders() {
        FormData form = new FormData()
                .add("title", "holiday")
                .addFile("photo", "beach.jpg", new byte[] {1, 2, 3}, "image/jpeg")
                .addFile("notes", "n.bin", "x".getBytes(StandardCharsets.UTF_8), null)
                .add("meta", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json");
        Payload payload = form.multipartPayload("B0UNDARY");
        assertEquals("multipart/form-data; boundary=B0UNDARY", payload.contentType());
        assertEquals("--B0UNDARY\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
                + "holiday\r\n"
                + "--B0UNDARY\r\n"
                + "Content-Disposition: form-data; name=\"photo\"; filename=\"beach.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n"
                + "\u0001\u0002\u0003\r\n"
                + "--B0UNDARY\r\n"
                + "Content-Disposition: form-data; name=\"notes\"; filename=\"n.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "x\r\n"
                + "--B0UNDARY\r\n"
                + "Content-Disposition: form-data; name=\"meta\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + "{\"a\":1}\r\n"
                + "--B0UNDARY--\r\n", body(payload));
        assertEquals(payload.bytesOrNull().length, payload.length());
    }

    @Test
    void quotesAndLineBreaksInNamesCannotBreakOutOfTheirHeader() {
        String body = body(new FormData().addFile("a\"b", "evil\r\nX-Injected: 1.txt", new byte[0], "text/plain")
                .multipartPayload("B"));
        assertTrue(body.contains("name=\"a%22b\"; filename=\"evil%0D%0AX-Injected: 1.txt\"\r\n"), body);
        assertFalse(body.contains("\r\nX-Injected"), body);
    }

    @Test
    void eachPayloadHasItsOwnRandomBoundary() {
        FormData form = new FormData().multipart().add("a", "1");
        Payload first = form.payload();
        String boundary = first.contentType().substring(first.contentType().indexOf('=') + 1);
        assertTrue(boundary.matches("[0-9a-f]{32}"), first.contentType());
        assertEquals("--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" + boundary
                + "--\r\n", body(first));
        assertNotEquals(first.contentType(), form.payload().contentType());
    }

    @Test
    void requestOptionsTakeAFormAsData() {
        RequestOptions options = RequestOptions.DEFAULT.withData(new FormData().addFile("f", "f.txt", new byte[] {65}, "text/plain"));
        assertTrue(options.data().contentType().startsWith("multipart/form-data; boundary="));
    }
}
