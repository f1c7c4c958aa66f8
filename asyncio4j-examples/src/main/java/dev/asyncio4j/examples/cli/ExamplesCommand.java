package dev.asyncio4j.examples.cli;

import dev.asyncio4j.examples.TutorialExamples;
import dev.asyncio4j.examples.TutorialExamples.Example;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code asyncio4j examples [NAME]}: lists the tutorial's programs with a one-line description,
 * or runs the one called NAME. Confined to the command line's thread.
 */
@Command(name = "examples", mixinStandardHelpOptions = true,
        description = "List the tutorial's programs, or run one by name.")
final class ExamplesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Main main;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The example to run; omit to list them.")
    private String name;

    @Override
    public Integer call() throws Exception {
        if (name == null) {
            PrintWriter out = spec.commandLine().getOut();
            for (Example example : TutorialExamples.all()) {
                out.printf("%-20s %s%n", example.name(), example.description());
            }
            out.printf("%nRun one with: asyncio4j examples NAME%n");
            out.flush();
            return 0;
        }
        Optional<Example> example = TutorialExamples.find(name);
        if (example.isEmpty()) {
            spec.commandLine().getErr().println("No example named '" + name + "'. The examples are: "
                    + TutorialExamples.all().stream().map(Example::name).collect(Collectors.joining(", "))
                    + ".");
            return CommandLine.ExitCode.USAGE;
        }
        example.get().run(main.out());
        main.out().flush();
        return 0;
    }
}
