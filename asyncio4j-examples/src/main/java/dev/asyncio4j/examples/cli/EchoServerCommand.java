package dev.asyncio4j.examples.cli;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.startServer;

import dev.asyncio4j.Coroutine;
import dev.asyncio4j.net.Server;
import dev.asyncio4j.stream.StreamReader;
import dev.asyncio4j.stream.StreamWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * {@code asyncio4j echo-server}: asyncio's streams echo server. Every byte a client sends comes
 * back to it; each connection is its own task on one loop. Prints where it listens, a line per
 * connection opened and closed, and stops on Ctrl-C (or SIGTERM), closing its clients. Confined
 * to the command line's thread.
 *
 * <pre>{@code
 * async def handle_echo(reader, writer):
 *     while data := await reader.read(65536):
 *         writer.write(data)
 *         await writer.drain()
 *     writer.close()
 *
 * server = await asyncio.start_server(handle_echo, '127.0.0.1', 8888)
 * }</pre>
 */
@Command(name = "echo-server", mixinStandardHelpOptions = true,
        description = {
            "An asyncio streams echo server (asyncio.start_server): sends back every byte a client sends, "
                    + "until Ctrl-C. Try it with: nc 127.0.0.1 8888",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {ServerCommand.STOPPED, ServerCommand.CANNOT_LISTEN, ServerCommand.USAGE})
final class EchoServerCommand extends ServerCommand {

    EchoServerCommand() {
        super(8888);
    }

    /** Listens until SIGINT or SIGTERM, then stops listening, closes the clients and waits for them. */
    @Override
    Coroutine<Void> serve(String host, int port, PrintStream out) {
        return async("echo-server", () -> {
            Server server = await(startServer((reader, writer) -> echo(reader, writer, out), host, port));
            out.println("echo server listening on " + server.addresses().stream().map(EchoServerCommand::address)
                    .collect(Collectors.joining(", ")) + "; stop it with Ctrl-C");
            try {
                await(StopSignals.sigintOrSigterm());
            } finally {
                server.close();
                server.closeClients();
                await(server.waitClosed());
            }
            out.println("echo server stopped");
        });
    }

    /** {@code async def handle_echo(reader, writer)}: one client's connection. */
    private static void echo(StreamReader reader, StreamWriter writer, PrintStream out) throws Exception {
        String peer = address((SocketAddress) writer.getExtraInfo("peername"));
        out.println(peer + " connected");
        long echoed = 0;
        try {
            for (byte[] data = await(reader.read(64 * 1024)); data.length > 0; data = await(reader.read(64 * 1024))) {
                writer.write(data);
                await(writer.drain());
                echoed += data.length;
            }
        } catch (IOException e) {
            out.println(peer + ": " + e.getMessage());   // reset by the peer: the connection is over either way
        } finally {
            writer.close();
            out.println(peer + " closed, " + echoed + " bytes echoed");
        }
    }

    /** {@code 127.0.0.1:8888}, {@code [::1]:8888}. */
    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String ip = inet.getAddress().getHostAddress();
            return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
