package dev.asyncio4j.examples.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code asyncio4j} command: the tutorial's programs and small servers, from the launcher at
 * the repository root. Confined to the thread that runs it (the JVM's main thread, which some
 * examples need for {@code getEventLoop()}).
 */
@Command(name = "asyncio4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Python's asyncio, faithfully and fast, for Java 25.",
        subcommands = {DemoCommand.class, RedditCommand.class, ExamplesCommand.class, EchoServerCommand.class,
            HttpServerCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    private final PrintStream out;
    private final PrintStream err;

    private Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line on standard output and error.
     *
     * @param args the command line
     * @return the exit status
     */
    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    /**
     * Runs the command line: 0 on success, 1 when a program failed, 2 for a usage error (an
     * unknown option, subcommand or example, a value out of range), 130 when Ctrl-C stopped the
     * subreddit reader. Each subcommand's {@code --help} lists its own.
     *
     * @param out where the programs print
     * @param err where errors and progress go
     * @param args the command line
     * @return the exit status
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return new CommandLine(new Main(out, err))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    /** Where the subcommands' programs print. */
    PrintStream out() {
        return out;
    }

    /** Where the subcommands print errors and progress. */
    PrintStream err() {
        return err;
    }
}
