package dev.asyncio4j.net;

/**
 * The {@code (transport, protocol)} pair that {@code createConnection},
 * {@code createUnixConnection} and {@code createDatagramEndpoint} return: the tuple asyncio's
 * {@code create_connection()} returns. Immutable.
 *
 * <pre>{@code
 * var endpoint = await(loop.createConnection(EchoClient::new, "127.0.0.1", 8888));
 * endpoint.transport().write(bytes);
 * }</pre>
 *
 * @param transport the new transport
 * @param protocol the protocol the factory made, already told {@code connectionMade}
 * @param <T> the transport type
 * @param <P> the protocol type
 */
public record Endpoint<T extends BaseTransport, P>(T transport, P protocol) {}
