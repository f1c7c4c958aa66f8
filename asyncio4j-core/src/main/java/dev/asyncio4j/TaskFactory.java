package dev.asyncio4j;

/**
 * Makes the task for {@link EventLoop#createTask}: asyncio's task factory.
 *
 * <p>Called on the loop thread (loop-confined). {@link Asyncio#EAGER_TASK_FACTORY} is the built-in
 * alternative to
 * the default, which starts each task's coroutine at once, inside {@code createTask}.
 */
@FunctionalInterface
public interface TaskFactory {

    /**
     * Wraps {@code coro} in a new task of {@code loop}; {@code name} may be null. The task's result
     * type must be the coroutine's.
     *
     * @param loop the event loop
     * @param coro the coroutine, not yet started
     * @param name the name
     * @return the new task
     */
    Task<?> create(EventLoop loop, Coroutine<?> coro, String name);
}
