package dev.asyncio4j.net;

/**
 * A transport that receives data: asyncio's {@code ReadTransport}. Loop-confined.
 */
public interface ReadTransport extends BaseTransport {

    /**
     * Whether the transport is receiving data: asyncio's {@code is_reading()}.
     *
     * @return whether the transport is receiving data
     */
    boolean isReading();

    /**
     * Stops handing received data to the protocol until {@link #resumeReading()}: asyncio's
     * {@code pause_reading()}. The peer's writes then back up in the kernel's buffers, which is
     * how a slow consumer pushes back. Does nothing if already paused or closing.
     */
    void pauseReading();

    /** Resumes receiving after {@link #pauseReading()}: asyncio's {@code resume_reading()}. */
    void resumeReading();
}
