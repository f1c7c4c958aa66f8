package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.http.HttpMethod;
import dev.asyncio4j.http.internal.DateCache;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * A file sent as the response body with the loop's {@code sendfile} (the kernel copies it to the
 * socket): aiohttp's {@code web.FileResponse}. The content type is guessed from the file name
 * unless set; {@code Last-Modified} is sent and a matching {@code If-Modified-Since} answered 304.
 * A file that is gone when the response is sent is a 404.
 *
 * <pre>{@code
 * return new FileResponse(Path.of("reports", name + ".pdf"));
 * }</pre>
 *
 * <p>Loop-confined.
 */
public final class FileResponse extends StreamResponse {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"),
            Map.entry("json", "application/json"), Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"),
            Map.entry("xml", "application/xml"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"), Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("wasm", "application/wasm"), Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("mp4", "video/mp4"));

    private final Path path;

    /**
     * A response sending the file at {@code path}. In aiohttp: {@code web.FileResponse(path)}.
     *
     * @param path the file to send
     */
    public FileResponse(Path path) {
        this.path = path;
    }

    /**
     * The file sent.
     *
     * @return the file sent
     */
    public Path path() {
        return path;
    }

    /** Sends the head and the file; runs in the request's task. */
    void send(Request request) throws Exception {
        FileChannel file;
        try {
            file = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw HttpException.notFound();
        } catch (IOException e) {
            throw HttpException.forbidden();
        }
        try (file) {
            long size = file.size();
            long modified = Files.getLastModifiedTime(path).toMillis() / 1000;
            if (contentType() == null) {
                setContentType(guessType(path.getFileName().toString()));
            }
            headers().set("Last-Modified", DateCache.format(modified));
            Long since = ifModifiedSince(request.header("If-Modified-Since"));
            if (since != null && modified <= since && (request.method() == HttpMethod.GET
                    || request.method() == HttpMethod.HEAD)) {
                setStatus(304);
                prepareNow(request);
                writeEofNow();
                return;
            }
            contentLength = size;
            prepareNow(request);
            if (framing == Framing.LENGTH && size > 0) {
                bodyLength = await(request.loop().sendfile(request.transport(), file, 0, size));
            }
            writeEofNow();
        }
    }

    private static Long ifModifiedSince(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String guessType(String name) {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        return type != null ? type : "application/octet-stream";
    }

    @Override
    public String toString() {
        return super.toString().replace("]", ", " + path + "]");
    }
}
