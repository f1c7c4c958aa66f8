package dev.asyncio4j.net;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;
import static dev.asyncio4j.Asyncio.getRunningLoop;
import static dev.asyncio4j.Asyncio.openConnection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.ChildProcess;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.stream.StreamConnection;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** asyncio4j against CPython's asyncio (and uvloop) over real sockets, in both directions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PythonPeerIT {

    private static final Duration STARTUP = Duration.ofSeconds(20);

    private static byte[] payload(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 13 + size);
        }
        return data;
    }

    /** Starts one of the Python peers of the test resources. */
    private static ChildProcess python(String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.python(), ChildProcess.resource(PythonPeerIT.class, script)));
        command.addAll(List.of(arguments));
        return ChildProcess.start(command);
    }

    /** The port a Python server peer prints first. */
    private static int portOf(ChildProcess peer) throws InterruptedException {
        return Integer.parseInt(peer.awaitLine(line -> line.matches("\\d+"), STARTUP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"asyncio", "uvloop"})
    void ourStreamsClientTalksToAPythonServer(String flavour) throws Exception {
        try (ChildProcess server = python("echo_server.py", flavour)) {
            int port = portOf(server);
            Asyncio.run(async(() -> {
                StreamConnection connection = await(openConnection("127.0.0.1", port));
                for (int size : new int[] {1, 10, 1024, 10 * 1024, 100 * 1024, 1024 * 1024}) {
                    byte[] data = payload(size);
                    connection.writer().write(data);
                    await(connection.writer().drain());
                    assertArrayEquals(data, await(connection.reader().readexactly(size)), size + " bytes");
                }
                List<byte[]> lines = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    lines.add(("line " + i + "\n").getBytes());
                }
                connection.writer().writelines(lines);
                for (byte[] line : lines) {
                    assertArrayEquals(line, await(connection.reader().readline()));
                }
                connection.writer().writeEof();
                assertEquals(0, await(connection.reader().read()).length, "the server closes after our EOF");
                connection.writer().close();
                await(connection.writer().waitClosed());
            }));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asyncio", "uvloop"})
    void ourProtocolClientTalksToAPythonServer(String flavour) throws Exception {
        try (ChildProcess server = python("echo_server.py", flavour)) {
            int port = portOf(server);
            Asyncio.run(async(() -> {
                var endpoint = await(getRunningLoop().createConnection(TestProtocol::new, "127.0.0.1", port));
                byte[] data = payload(3 * 1024 * 1024);
                endpoint.transport().write(data);
                endpoint.transport().writeEof();
                await(endpoint.protocol().lost);
                assertArrayEquals(data, endpoint.protocol().received.toByteArray());
                assertEquals(List.of("made", "data", "eof", "lost"), endpoint.protocol().events);
            }));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"protocol/asyncio", "streams/asyncio", "protocol/uvloop", "streams/uvloop"})
    void aPythonClientTalksToOurServer(String combination) throws Exception {
        String style = combination.split("/")[0];
        String flavour = combination.split("/")[1];
        IntFunction<Coroutine<Server>> start = style.equals("streams") ? EchoServers::streamStyle : EchoServers::protocolStyle;
        Asyncio.run(async(() -> {
            Server server = await(start.apply(0));
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            try (ChildProcess client = python("echo_client.py", String.valueOf(port), flavour)) {
                String output = await(client.outputDone());
                assertEquals(0, await(client.process().onExit()).exitValue(), output);
                assertTrue(output.contains("OK"), output);
            }
            await(server.aclose());
        }));
    }

    @org.junit.jupiter.api.Test
    void datagramsToAndFromAPythonEndpoint() throws Exception {
        try (ChildProcess peer = python("udp_echo.py")) {
            int port = portOf(peer);
            Asyncio.run(async(() -> {
                var endpoint = await(getRunningLoop().createDatagramEndpoint(DatagramTest.Recorder::new,
                        DatagramOptions.DEFAULT.withRemoteAddress(new InetSocketAddress("127.0.0.1", port))));
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                for (int i = 0; i < 20; i++) {
                    byte[] datagram = ("datagram " + i).getBytes();
                    expected.writeBytes(datagram);
                    endpoint.transport().sendto(datagram);
                }
                endpoint.protocol().awaitEvents(20);
                assertEquals(20, endpoint.protocol().received.size(), "loopback UDP loses nothing here");
                assertEquals(new String(expected.toByteArray()), String.join("", endpoint.protocol().received));
                endpoint.transport().close();
            }));
        }
    }
}
