package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AwaitOutsideCoroutineTest {

    @Test
    void printsTheErrorThatSaysWhatToDo() throws Exception {
        Output out = new Output();

        AwaitOutsideCoroutine.run(out.stream());

        assertEquals(List.of("IllegalStateException: await() outside a coroutine: it can only be called by code "
                + "running inside a task. Wrap the code in async(() -> ...) and run it with Asyncio.run(...), "
                + "loop.runUntilComplete(...) or createTask(...) (Python: SyntaxError: 'await' outside async "
                + "function)"), out.lines());
    }
}
