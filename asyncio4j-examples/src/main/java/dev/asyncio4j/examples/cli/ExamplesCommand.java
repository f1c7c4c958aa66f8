package dev.asyncio4j.examples.cli;

import dev.asyncio4j.examples.TutorialExamples;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code asyncio4j examples [name]}: lists the tutorial's programs, or runs one. */
@Command(name = "examples", mixinStandardHelpOptions = true,
        description = "List the tutorial's programs, or run one by name.")
final class ExamplesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The example to run; omit to list them.")
    private String name;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (name == null) {
            for (TutorialExamples.Example example : TutorialExamples.all()) {
                out.printf("%-24s %s%n", example.name(), example.description());
            }
            out.flush();
            return 0;
        }
        TutorialExamples.Example example = TutorialExamples.find(name);
        if (example == null) {
            spec.commandLine().getErr().println("No example named '" + name
                    + "'. Run 'asyncio4j examples' to list them.");
            return 2;
        }
        example.run(System.out);
        return 0;
    }
}
