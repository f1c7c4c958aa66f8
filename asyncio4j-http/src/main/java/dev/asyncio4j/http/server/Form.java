package dev.asyncio4j.http.server;

import dev.asyncio4j.http.MultiDict;
import java.util.List;

/**
 * A submitted form, as {@link Request#post()} returns it: aiohttp's {@code MultiDictProxy} of
 * {@code str | FileField}, split in two. Text fields, urlencoded or multipart, are in
 * {@link #fields()}; uploaded files in {@link #files()}. Immutable.
 *
 * @param fields the text fields in order, repeated names kept
 * @param files the uploaded files in order
 */
public record Form(MultiDict fields, List<FileField> files) {
    /** No fields, no files. */
    public static final Form EMPTY = new Form(MultiDict.EMPTY, List.of());

    /** Copies the file list. */
    public Form {
        files = List.copyOf(files);
    }

    /**
     * The first value of text field {@code name}, or null. In aiohttp: {@code (await request.post())[name]}.
     *
     * @param name the name
     * @return the first value of text field {@code name}, or null
     */
    public String get(String name) {
        return fields.get(name);
    }

    /**
     * The first file uploaded as field {@code name}, or null.
     * In aiohttp: {@code (await request.post())[name]}, a {@code FileField}.
     *
     * @param name the name
     * @return the first file uploaded as field {@code name}, or null
     */
    public FileField file(String name) {
        for (FileField f : files) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
