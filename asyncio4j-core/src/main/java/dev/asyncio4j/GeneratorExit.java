package dev.asyncio4j;

/**
 * Thrown into an async generator's body at its pending {@code yield} when the generator is closed:
 * Python's {@code GeneratorExit}. The body's {@code finally} blocks run; the body should let it
 * propagate (or return). Yielding another value instead is an error ("async generator ignored
 * GeneratorExit").
 *
 * <p>An {@link Error}, as Python's is a {@code BaseException}, so a body's {@code catch (Exception
 * e)} does not swallow it by mistake. Immutable once thrown.
 */
public class GeneratorExit extends Error {

    /** A generator exit. */
    public GeneratorExit() {
        super(null, null, false, false);
    }
}
