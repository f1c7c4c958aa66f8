package dev.asyncio4j.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code asyncio4j} command: the tutorial's programs and small servers, from the launcher at
 * the repository root.
 */
@Command(name = "asyncio4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Python's asyncio, faithfully and fast, for Java 25.",
        subcommands = {DemoCommand.class, ExamplesCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    private Main() {}

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status. */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }
}
