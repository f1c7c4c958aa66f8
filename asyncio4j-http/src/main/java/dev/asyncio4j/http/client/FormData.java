package dev.asyncio4j.http.client;

import dev.asyncio4j.http.MultiDict;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A form to send as a request body: aiohttp's {@code FormData}. Text fields alone are sent
 * urlencoded ({@code application/x-www-form-urlencoded}); a file, a field with its own content
 * type, or {@link #multipart()} makes it {@code multipart/form-data}, encoded as browsers encode
 * it (RFC 7578, WHATWG): each part has its {@code Content-Disposition}, a file part its
 * {@code filename} and {@code Content-Type}, and {@code "}, CR and LF in names and file names are
 * sent as {@code %22}, {@code %0D} and {@code %0A}.
 *
 * <pre>{@code
 * FormData form = new FormData()
 *         .add("title", "holiday")
 *         .addFile("photo", "beach.jpg", jpegBytes, "image/jpeg");
 * session.post(url, RequestOptions.DEFAULT.withData(form));      // session.post(url, data=form)
 * }</pre>
 *
 * <p>Not thread-safe: a builder, filled on one thread; the {@link Payload} it makes is immutable.
 */
public final class FormData {

    private record Field(String name, byte[] value, String filename, String contentType) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = {'\r', '\n'};

    private final List<Field> fields = new ArrayList<>();
    private boolean multipart;

    /** An empty form: aiohttp's {@code FormData()}. */
    public FormData() {
    }

    /**
     * Adds a text field: aiohttp's {@code add_field(name, value)}.
     *
     * @param name the field's name
     * @param value its value (sent as UTF-8)
     * @return this form
     */
    public FormData add(String name, String value) {
        Objects.requireNonNull(value, "value");
        fields.add(new Field(Objects.requireNonNull(name, "name"), value.getBytes(StandardCharsets.UTF_8), null, null));
        return this;
    }

    /**
     * Adds a field with its own content type, which makes the form multipart: aiohttp's
     * {@code add_field(name, value, content_type=...)}.
     *
     * @param name the field's name
     * @param value its bytes
     * @param contentType the part's {@code Content-Type}
     * @return this form
     */
    public FormData add(String name, byte[] value, String contentType) {
        fields.add(new Field(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"), null,
                Objects.requireNonNull(contentType, "contentType")));
        multipart = true;
        return this;
    }

    /**
     * Adds a file, which makes the form multipart: aiohttp's {@code add_field(name, value,
     * filename=..., content_type=...)}. The bytes are not copied.
     *
     * @param name the field's name
     * @param filename the file's name, as the server will see it
     * @param content the file's bytes
     * @param contentType its media type (null: {@code application/octet-stream})
     * @return this form
     */
    public FormData addFile(String name, String filename, byte[] content, String contentType) {
        fields.add(new Field(Objects.requireNonNull(name, "name"), Objects.requireNonNull(content, "content"),
                Objects.requireNonNull(filename, "filename"),
                contentType == null ? "application/octet-stream" : contentType));
        multipart = true;
        return this;
    }

    /**
     * Sends the form as {@code multipart/form-data} even when it holds only text fields: aiohttp's
     * {@code FormData(default_to_multipart=True)}.
     *
     * @return this form
     */
    public FormData multipart() {
        multipart = true;
        return this;
    }

    /**
     * The request body as it stands now: urlencoded, or multipart with a random boundary that
     * occurs in no field. aiohttp's {@code FormData()} call.
     *
     * @return the payload
     */
    public Payload payload() {
        if (!multipart) {
            List<Map.Entry<String, String>> form = new ArrayList<>(fields.size());
            for (Field field : fields) {
                form.add(Map.entry(field.name(), new String(field.value(), StandardCharsets.UTF_8)));
            }
            return Payload.form(MultiDict.ofEntries(form));
        }
        String boundary;
        do {
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            boundary = HexFormat.of().formatHex(random);
        } while (occursInAField(boundary));
        return multipartPayload(boundary);
    }

    /** The multipart body with a given boundary (tests pin the bytes with it). */
    Payload multipartPayload(String boundary) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Field field : fields) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(escape(field.name())).append('"');
            if (field.filename() != null) {
                head.append("; filename=\"").append(escape(field.filename())).append('"');
            }
            head.append("\r\n");
            if (field.contentType() != null) {
                head.append("Content-Type: ").append(field.contentType()).append("\r\n");
            }
            head.append("\r\n");
            body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(field.value());
            body.writeBytes(CRLF);
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return Payload.bytes(body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    private boolean occursInAField(String boundary) {
        byte[] needle = boundary.getBytes(StandardCharsets.US_ASCII);
        for (Field field : fields) {
            if (indexOf(field.value(), needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A name or file name inside a quoted Content-Disposition parameter, as browsers escape it. */
    private static String escape(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
