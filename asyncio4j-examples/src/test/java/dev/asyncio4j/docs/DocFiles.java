package dev.asyncio4j.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The checkout's files, as the documentation tests read them. Stateless. */
final class DocFiles {

    private DocFiles() {}

    /** The checkout's root: the nearest directory upwards from the working directory that holds {@code file}. */
    static Path repositoryRoot(String file) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve(file))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + file + " in " + dir + " or above");
    }

    /** The lines of a UTF-8 text file. */
    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
