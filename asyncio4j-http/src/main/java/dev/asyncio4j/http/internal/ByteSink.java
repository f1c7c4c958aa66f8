package dev.asyncio4j.http.internal;

/**
 * Receives bytes: a slice valid during the call only (copy what you keep). Called synchronously
 * on the thread of the caller that produces the bytes (the loop's, for the codec's users).
 */
@FunctionalInterface
public interface ByteSink {
    /** Takes {@code data[offset..offset+length)}. */
    void accept(byte[] data, int offset, int length);
}
