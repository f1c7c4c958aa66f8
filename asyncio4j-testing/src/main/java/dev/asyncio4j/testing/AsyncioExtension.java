package dev.asyncio4j.testing;

import static dev.asyncio4j.Asyncio.async;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs each test method of {@link AsyncioTest} as a coroutine on its own {@link TestLoop}.
 *
 * <p>Resolves {@link TestLoop} and {@link EventLoop} parameters to that loop. After the test,
 * pending tasks are cancelled and awaited and the loop is closed, as {@code Asyncio.run} does:
 * the counterpart of {@code unittest.IsolatedAsyncioTestCase}. JUnit calls it on the test's thread,
 * which runs the test's loop; it keeps no state between tests.
 */
public final class AsyncioExtension implements InvocationInterceptor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AsyncioExtension.class);

    /** Made by JUnit, through {@link AsyncioTest}. */
    public AsyncioExtension() {}

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        TestLoop test = testLoop(context);
        try {
            test.run(async("test " + invocationContext.getExecutable().getName(), () -> {
                try {
                    invocation.proceed();
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new java.lang.reflect.UndeclaredThrowableException(e);
                }
            }));
        } finally {
            cancelLeftovers(test);
            test.close();
        }
    }

    private static void cancelLeftovers(TestLoop test) throws Exception {
        EventLoop loop = test.loop();
        if (loop.isClosed()) {
            return;
        }
        Set<Task<?>> pending = Asyncio.allTasks(loop);
        if (pending.isEmpty()) {
            return;
        }
        for (Task<?> task : pending) {
            task.cancel();
        }
        test.run(async("cancel leftover tasks", () -> {
            for (Task<?> task : pending) {
                try {
                    Asyncio.await(task);
                } catch (Exception ignored) {
                    // Cancelled, or failed after the test: the test's own assertions decide.
                }
            }
        }));
    }

    private static TestLoop testLoop(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("loop", key -> {
            long threshold = context.getTestMethod()
                    .map(method -> method.getAnnotation(AsyncioTest.class))
                    .map(AsyncioTest::autojumpThresholdMillis).orElse(0L);
            return new TestLoop(Duration.ofMillis(threshold));
        }, TestLoop.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == TestLoop.class || type == EventLoop.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TestLoop test = testLoop(extensionContext);
        return parameterContext.getParameter().getType() == TestLoop.class ? test : test.loop();
    }
}
