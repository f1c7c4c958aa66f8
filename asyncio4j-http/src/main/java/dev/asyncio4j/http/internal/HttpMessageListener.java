package dev.asyncio4j.http.internal;

import dev.asyncio4j.http.Headers;

/**
 * Receives what an {@link HttpParser} finds, in stream order: for each message one
 * {@link #onHead}, zero or more {@link #onBody} and one {@link #onMessageComplete}. Called on the
 * thread that feeds the parser, synchronously from {@code feed}.
 *
 * @param <H> {@link RequestHead} or {@link ResponseHead}
 */
public interface HttpMessageListener<H> {
    /** The start line and header section of a new message. */
    void onHead(H head);

    /**
     * A piece of the body, transfer coding removed. The bytes are a slice of the array given to
     * {@code feed}: valid during this call only, copy what you keep.
     */
    void onBody(byte[] data, int offset, int length);

    /** The message is complete; {@code trailers} is {@link Headers#EMPTY} unless chunked with trailers. */
    void onMessageComplete(Headers trailers);
}
