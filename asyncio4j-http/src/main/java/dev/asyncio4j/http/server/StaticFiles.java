package dev.asyncio4j.http.server;

import static dev.asyncio4j.Asyncio.async;

import dev.asyncio4j.Coroutine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The handler of {@link Router#addStatic}: aiohttp's {@code StaticResource._handle}. Resolves the
 * {@code filename} parameter inside the directory, refusing to leave it (also through symbolic
 * links), and answers with a {@link FileResponse}. Immutable.
 */
final class StaticFiles implements Handler {
    private final Path directory;

    StaticFiles(Path directory) {
        try {
            this.directory = directory.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve static directory " + directory, e);
        }
    }

    @Override
    public Coroutine<? extends StreamResponse> handle(Request request) {
        return async(() -> {
            String filename = request.matchInfo().get("filename");
            if (filename == null || filename.indexOf('\0') >= 0) {
                throw HttpException.notFound();
            }
            Path file;
            try {
                Path candidate = directory.resolve(filename.startsWith("/") ? filename.substring(1) : filename)
                        .normalize();
                if (!candidate.startsWith(directory)) {
                    throw HttpException.notFound();
                }
                file = candidate.toRealPath();
            } catch (InvalidPathException | IOException e) {
                throw HttpException.notFound();
            }
            if (!file.startsWith(directory)) {
                throw HttpException.notFound();
            }
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw HttpException.forbidden();
            }
            return new FileResponse(file);
        });
    }

    @Override
    public String toString() {
        return "StaticFiles[" + directory + "]";
    }
}
