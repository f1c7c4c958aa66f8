package dev.asyncio4j.net;

/**
 * A stream protocol that receives each chunk of data as a new array: asyncio's {@code Protocol}.
 *
 * <pre>{@code
 * final class EchoProtocol implements Protocol {
 *     private Transport transport;
 *
 *     public void connectionMade(Transport transport) { this.transport = transport; }
 *
 *     public void dataReceived(byte[] data) { transport.write(data); }
 * }
 * Server server = await(loop.createServer(EchoProtocol::new, "127.0.0.1", 8888));
 * }</pre>
 *
 * <p>Implementations are loop-confined: the loop calls them on its thread.
 */
public interface Protocol extends BaseProtocol<Transport> {

    /**
     * Some data arrived: asyncio's {@code data_received()}. The array is the protocol's to keep.
     * Chunk boundaries mean nothing: a message may arrive in pieces or several in one chunk.
     *
     * @param data the bytes
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception
     *     handler and the transport is closed
     */
    default void dataReceived(byte[] data) throws Exception {}

    /**
     * The peer closed its writing end: asyncio's {@code eof_received()}.
     *
     * @return true to keep the connection open (half-closed: this side may still write, then
     *     close); false (the default) to close the transport
     * @throws Exception whatever the protocol throws: it is reported to the loop's exception
     *     handler and the transport is closed
     */
    default boolean eofReceived() throws Exception {
        return false;
    }
}
