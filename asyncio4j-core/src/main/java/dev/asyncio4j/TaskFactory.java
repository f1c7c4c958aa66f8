package dev.asyncio4j;

/**
 * Makes the task for {@link EventLoop#createTask}: asyncio's task factory.
 *
 * <p>Called on the loop thread. {@link Asyncio#EAGER_TASK_FACTORY} is the built-in alternative to
 * the default, which starts each task's coroutine at once, inside {@code createTask}.
 */
@FunctionalInterface
public interface TaskFactory {

    /**
     * Wraps {@code coro} in a new task of {@code loop}; {@code name} may be null. The task's result
     * type must be the coroutine's.
     */
    Task<?> create(EventLoop loop, Coroutine<?> coro, String name);
}
