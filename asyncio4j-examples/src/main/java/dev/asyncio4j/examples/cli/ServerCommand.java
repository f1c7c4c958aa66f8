package dev.asyncio4j.examples.cli;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What {@code echo-server} and {@code http-server} share: {@code --host}, a run on a new loop
 * ({@code asyncio.run}) until the server stops, and a socket that cannot listen (a port in use)
 * reported in one line with exit status 1. Confined to the command line's thread.
 */
abstract sealed class ServerCommand implements Callable<Integer> permits EchoServerCommand, HttpServerCommand {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    /** The exit statuses, for each server's {@code exitCodeList}. */
    static final String STOPPED = "0:stopped by Ctrl-C or SIGTERM";
    static final String CANNOT_LISTEN = "1:could not listen (the port is in use)";
    static final String USAGE = "2:usage error";

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    private String host;

    // No defaultValue: the initial value, which each server sets, is the default.
    @Option(names = "--port", paramLabel = "PORT",
            description = "The port; 0 lets the system choose one (default: ${DEFAULT-VALUE}).")
    private int port;

    /** A server whose {@code --port} is {@code defaultPort} unless given. */
    ServerCommand(int defaultPort) {
        this.port = defaultPort;
    }

    /**
     * Serves on {@code host:port} until SIGINT or SIGTERM ({@link StopSignals}), printing to
     * {@code out} where it listens.
     */
    abstract Coroutine<Void> serve(String host, int port, PrintStream out);

    @Override
    public final Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--port': " + port
                    + " is not a port (0 to 65535)");
        }
        try {
            Asyncio.run(serve(host, port, main.out()));
            return 0;
        } catch (IOException e) {
            main.err().println("asyncio4j " + spec.name() + ": cannot listen: " + e.getMessage());
            return 1;
        }
    }
}
