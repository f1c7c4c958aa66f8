package dev.asyncio4j;

import static dev.asyncio4j.Asyncio.async;
import static dev.asyncio4j.Asyncio.await;

import dev.asyncio4j.net.Server;
import dev.asyncio4j.stream.StreamConnection;
import dev.asyncio4j.stream.StreamWriter;
import dev.asyncio4j.stream.Streams;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The child JVM of {@link SignalHandlerIT}: handles one signal on an event loop, printing "ready"
 * once the handler is in place, "got SIG..." when it runs, then "exited cleanly".
 *
 * <p>With the argument {@code tutorial} it runs the tutorial's pattern: two tasks poll a server
 * through a client connection; a SIGINT handler stops the loop and closes the client.
 */
public final class SignalChild {

    private SignalChild() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("tutorial")) {
            tutorial();
            return;
        }
        Signal signal = Signal.valueOf(args[0]);
        EventLoop loop = new EventLoop();
        try {
            loop.addSignalHandler(signal, () -> {
                System.out.println("got " + signal + " on " + (Thread.currentThread().isVirtual() ? "a task" : "the loop thread"));
                loop.stop();
            });
        } catch (IllegalArgumentException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(3);
        }
        loop.callSoon(() -> System.out.println("ready"));
        loop.runForever();
        loop.removeSignalHandler(signal);
        loop.close();
        System.out.println("exited cleanly");
    }

    /**
     * The tutorial's closing pattern: {@code signal.signal(SIGINT, handler)} where the handler
     * calls {@code loop.stop()} and {@code client.close()}, then {@code loop.run_forever()}.
     */
    private static void tutorial() throws Exception {
        EventLoop loop = Asyncio.getEventLoop();
        Server server = loop.runUntilComplete(Streams.startServer((reader, writer) -> {
            for (byte[] line : reader) {
                writer.write(line);
                await(writer.drain());
            }
            writer.close();
        }, "127.0.0.1", 0));
        int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
        StreamConnection client = loop.runUntilComplete(Streams.openConnection("127.0.0.1", port));
        StreamWriter writer = client.writer();

        loop.addSignalHandler(Signal.SIGINT, () -> {       // signal.signal(signal.SIGINT, signal_handler)
            loop.stop();                                   // loop.stop()
            writer.close();                                // client.close()
            System.out.println("stopping");
        });
        Asyncio.ensureFuture(async(() -> {                 // asyncio.ensure_future(get_reddit_top('python', client))
            while (!writer.isClosing()) {
                writer.write("python\n".getBytes());
                if (await(client.reader().readline()).length > 0) {
                    System.out.println("tick python");
                }
                await(Asyncio.sleep(Duration.ofMillis(20)));
            }
        }), loop);
        Asyncio.ensureFuture(async(() -> {                 // asyncio.ensure_future(get_reddit_top('programming', client))
            while (!writer.isClosing()) {
                System.out.println("tick programming");
                await(Asyncio.sleep(Duration.ofMillis(20)));
            }
        }), loop);
        loop.callLater(Duration.ofMillis(100), () -> System.out.println("ready"));
        loop.runForever();                                 // loop.run_forever()
        System.out.println("client closing: " + writer.isClosing());
        server.close();
        loop.close();
        System.out.println("exited cleanly");
        System.exit(0);                                    // sys.exit(0)
    }
}
