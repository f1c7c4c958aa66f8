package dev.asyncio4j.examples;

import java.io.PrintStream;
import java.util.List;

/** The tutorial's programs, by name, for {@code asyncio4j examples}. Immutable. */
public final class TutorialExamples {

    /** One runnable program. */
    public record Example(String name, String description, Program program) {
        /** Runs the program, printing to {@code out}. */
        public void run(PrintStream out) throws Exception {
            program.run(out);
        }
    }

    /** A program's entry point. */
    @FunctionalInterface
    public interface Program {
        /** Runs, printing to {@code out}. */
        void run(PrintStream out) throws Exception;
    }

    private static final List<Example> ALL = List.of(
            new Example("speak-async", "speak_async() with get_event_loop / run_until_complete / close",
                    SpeakAsync::main),
            new Example("concurrent", "two coroutines interleaving on one thread while they sleep",
                    ConcurrentCoroutines::main));

    private TutorialExamples() {}

    /** Every example, in the tutorial's order. */
    public static List<Example> all() {
        return ALL;
    }

    /** The example called {@code name}, or null. */
    public static Example find(String name) {
        return ALL.stream().filter(example -> example.name().equals(name)).findFirst().orElse(null);
    }
}
