package dev.asyncio4j.examples;

import static dev.asyncio4j.Asyncio.await;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What happens when {@code await} is used outside a coroutine.
 *
 * <pre>{@code
 * file_content = yield from load_file('/Users/scott/data.txt')
 *
 *   File "main.py", line 1
 *     file_content = yield from load_file('/Users/scott/data.txt')
 *                   ^
 * SyntaxError: 'yield' outside function
 * }</pre>
 *
 * <p>Java has no syntax for this to break, so {@code await()} checks when it is called: outside a
 * task it throws an {@link IllegalStateException} that says what to do. (Python refuses the
 * program before it runs; here {@code load_file} has already been called when {@code await}
 * refuses, the way any Java method's arguments are evaluated first.) Inside a coroutine the same
 * line works: see {@link GetJsonYieldFrom}.
 *
 * <p>Thread confinement: call it on a thread that is not running a task (any ordinary thread).
 */
public final class AwaitOutsideCoroutine {

    private AwaitOutsideCoroutine() {}

    /**
     * Runs the program, printing the error to {@code out}.
     *
     * @param out where to print
     * @throws Exception whatever the example throws
     */
    public static void run(PrintStream out) throws Exception {
        // tutorial:begin await-outside
        try {
            String fileContent = await(GetJsonYieldFrom.loadFile(Path.of("/Users/scott/data.txt")));
            out.println(fileContent);
        } catch (IllegalStateException e) {
            out.println("IllegalStateException: " + e.getMessage());
        }
        // tutorial:end
    }

    /**
     * Runs the program on standard output.
     *
     * @param args the command line
     * @throws Exception whatever the example throws
     */
    public static void main(String[] args) throws Exception {
        run(System.out);
    }
}
