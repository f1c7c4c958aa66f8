package dev.asyncio4j.examples.cli;

import dev.asyncio4j.examples.ConcurrentCoroutines;
import dev.asyncio4j.examples.SpeakAsync;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code asyncio4j demo}: the tutorial's first programs. (The subreddit reader against an
 * embedded server replaces this once the HTTP modules exist.)
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the tutorial's demo.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        System.out.println("# speak_async: a coroutine run until complete on the event loop");
        SpeakAsync.main(System.out);
        System.out.println();
        System.out.println("# two coroutines running concurrently on one thread");
        ConcurrentCoroutines.main(System.out);
        return 0;
    }
}
