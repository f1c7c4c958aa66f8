package dev.asyncio4j.stream;

import java.io.EOFException;
import java.util.OptionalInt;

/**
 * End-of-file came before the requested bytes: asyncio's {@code IncompleteReadError}, raised by
 * {@link StreamReader#readexactly} and {@link StreamReader#readuntil}. It carries what was read.
 * Immutable.
 */
public final class IncompleteReadException extends EOFException {

    /** The bytes read before end-of-file. */
    private final byte[] partial;
    /** How many bytes were expected, or -1 when not known. */
    private final int expected;

    /**
     * An end-of-file after {@code partial}, {@code expected} bytes having been asked for: asyncio's
     * {@code IncompleteReadError(partial, expected)}.
     *
     * @param partial the bytes read before end-of-file
     * @param expected how many bytes were expected, or empty when not known (readuntil)
     */
    public IncompleteReadException(byte[] partial, OptionalInt expected) {
        super(partial.length + " bytes read on a total of "
                + (expected.isPresent() ? String.valueOf(expected.getAsInt()) : "undefined") + " expected bytes");
        this.partial = partial.clone();
        this.expected = expected.orElse(-1);
    }

    /**
     * The bytes read before end-of-file (a copy): asyncio's {@code partial}.
     *
     * @return the bytes read before end-of-file (a copy)
     */
    public byte[] partial() {
        return partial.clone();
    }

    /**
     * How many bytes were expected, empty for readuntil: asyncio's {@code expected}.
     *
     * @return how many bytes were expected, empty for readuntil
     */
    public OptionalInt expected() {
        return expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected);
    }
}
