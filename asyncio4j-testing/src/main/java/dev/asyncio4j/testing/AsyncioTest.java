package dev.asyncio4j.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test whose body runs as a coroutine in a task on a fresh {@link TestLoop}, so it can
 * {@code await} directly and its sleeps take no wall time.
 *
 * <pre>{@code
 * @AsyncioTest
 * void timesOut() throws Exception {
 *     assertThrows(TimeoutException.class, () -> await(waitFor(sleep(Duration.ofHours(1)), Duration.ofSeconds(1))));
 * }
 * }</pre>
 *
 * <p>A test method may declare a {@link TestLoop} or {@link dev.asyncio4j.EventLoop} parameter.
 * After the body, tasks it left pending are cancelled and awaited, and the loop is closed.
 * asyncio's counterpart is {@code unittest.IsolatedAsyncioTestCase}'s {@code async def test_...}.
 * The annotation is immutable; the body runs in a task, loop-confined to the test's loop.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(AsyncioExtension.class)
public @interface AsyncioTest {

    /**
     * Real idle time before virtual time jumps, in milliseconds (see {@link
     * TestLoop#TestLoop(java.time.Duration)}).
     *
     * @return the real idle time before virtual time jumps, in milliseconds
     */
    long autojumpThresholdMillis() default 0;
}
