package dev.asyncio4j.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The tutorial's programs by name, in the tutorial's order, for {@code asyncio4j examples}.
 * Immutable; thread-safe.
 */
public final class TutorialExamples {

    /**
     * One runnable program: its name on the command line, a one-line description, its entry point.
     * Immutable.
     *
     * @param name the name
     * @param description what the example shows, in one line
     * @param program runs the example
     */
    public record Example(String name, String description, Program program) {
        /**
         * Runs the program, printing to {@code out}.
         *
         * @param out where to print
         * @throws Exception whatever the example throws
         */
        public void run(PrintStream out) throws Exception {
            program.run(out);
        }
    }

    /**
     * A program's entry point, printing to the stream it is given. Each example's class says on
     * which thread it may run; all run on the JVM's main thread, as {@code asyncio4j examples} does.
     */
    @FunctionalInterface
    public interface Program {
        /**
         * Runs the program, printing to {@code out}.
         *
         * @param out where to print
         * @throws Exception whatever the example throws
         */
        void run(PrintStream out) throws Exception;
    }

    private static final List<Example> ALL = List.of(
            new Example("iscoroutine", "iscoroutinefunction() and iscoroutine() on both styles of coroutine",
                    IsCoroutine::run),
            new Example("get-json-yield-from", "get_json awaits load_file, older style (yield from: a CompletionStage)",
                    GetJsonYieldFrom::run),
            new Example("await-outside", "the error for await outside a coroutine (SyntaxError in Python)",
                    AwaitOutsideCoroutine::run),
            new Example("ping-local", "ping_local() returns await ping_server(ip): a TCP ping of a loopback port",
                    PingLocal::run),
            new Example("get-json-await", "get_json awaits load_file, async/await style",
                    GetJsonAwait::run),
            new Example("speak-async", "speak_async() with get_event_loop / run_until_complete / close",
                    SpeakAsync::run),
            new Example("concurrent", "two coroutines interleaving on one thread while they sleep",
                    ConcurrentCoroutines::run),
            new Example("loop-in-thread", "the event loop in its own thread while the main thread works",
                    LoopInThread::run),
            new Example("run-forever", "ensure_future + run_forever until Ctrl-C, whose handler closes the client",
                    RunForever::run));

    private TutorialExamples() {}

    /**
     * Every example, in the tutorial's order.
     *
     * @return every example, in the tutorial's order
     */
    public static List<Example> all() {
        return ALL;
    }

    /**
     * The example called {@code name}, if there is one.
     *
     * @param name the name
     * @return the example called {@code name}, if there is one
     */
    public static Optional<Example> find(String name) {
        return ALL.stream().filter(example -> example.name().equals(name)).findFirst();
    }
}
