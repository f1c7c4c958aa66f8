package dev.asyncio4j.net;

/**
 * What every protocol receives: asyncio's {@code BaseProtocol}.
 *
 * <p>A protocol gives meaning to the bytes its transport moves. The loop calls these methods on
 * its own thread, one at a time: {@code connectionMade} first, {@code connectionLost} last, and
 * {@code pauseWriting}/{@code resumeWriting} in between, alternately, when the transport's write
 * buffer crosses its water marks. An exception a callback throws is reported to the loop's
 * exception handler and, for {@code connectionMade} and the data callbacks, closes the
 * transport. Implementations are loop-confined.
 *
 * @param <T> the kind of transport this protocol works with
 */
public interface BaseProtocol<T extends BaseTransport> {

    /**
     * The connection is up and {@code transport} is ready: asyncio's {@code connection_made()}.
     *
     * @param transport the transport
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception
     *     handler and the transport is closed
     */
    default void connectionMade(T transport) throws Exception {}

    /**
     * The connection is closed: asyncio's {@code connection_lost()}. Called exactly once.
     *
     * @param exc null for a regular close (or end-of-file), else what ended the connection
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception
     *     handler
     */
    default void connectionLost(Exception exc) throws Exception {}

    /**
     * The transport's write buffer went above its high-water mark: stop writing until
     * {@link #resumeWriting()}. asyncio's {@code pause_writing()}.
     *
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception
     *     handler
     */
    default void pauseWriting() throws Exception {}

    /**
     * The write buffer drained to its low-water mark: asyncio's {@code resume_writing()}.
     *
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception
     *     handler
     */
    default void resumeWriting() throws Exception {}
}
