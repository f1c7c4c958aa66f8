package dev.asyncio4j.examples.cli;

import dev.asyncio4j.examples.ConcurrentCoroutines;
import dev.asyncio4j.examples.SpeakAsync;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code asyncio4j demo}: the tutorial's first programs. (The subreddit reader against an
 * embedded server replaces this once the HTTP modules exist.) Confined to the command line's
 * thread.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the tutorial's demo.")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Override
    public Integer call() throws Exception {
        PrintStream out = main.out();
        out.println("# speak_async: a coroutine run until complete on the event loop");
        SpeakAsync.run(out);
        out.println();
        out.println("# two coroutines running concurrently on one thread");
        ConcurrentCoroutines.run(out);
        return 0;
    }
}
