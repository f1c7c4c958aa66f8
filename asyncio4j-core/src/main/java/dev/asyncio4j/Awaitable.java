package dev.asyncio4j;

/**
 * Something {@link Asyncio#await} accepts: a {@link Future} (and so a {@link Task}) or a
 * {@link Coroutine}. Python's awaitable objects. Its implementations are loop-confined.
 *
 * <p>{@code await} also accepts a {@link java.util.concurrent.CompletionStage}, the Java stand-in
 * for the older generator-based style, through an overload.
 *
 * @param <T> the result type
 */
public sealed interface Awaitable<T> permits Future, Coroutine {}
