package dev.asyncio4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The future {@link Asyncio#gather} returns: asyncio's {@code _GatheringFuture}. Its result is the
 * children's results in argument order. Loop-confined.
 *
 * <p>{@link #cancel(String)} cancels the children that are not done instead of this future, as
 * {@code Task.cancel()} does; once they are done, this future finishes with a
 * {@link CancelledException}, whatever {@code returnExceptions} says. A child that is cancelled
 * while the gather is not (and {@code returnExceptions} is false) finishes it with that child's
 * {@link CancelledException} as its exception: the gather is then not cancelled itself, so one
 * child's cancellation does not cancel its siblings.
 */
final class GatheringFuture<T> extends Future<List<T>> {

    /*
     * Overview for maintainers. children holds one future per argument (a repeated argument maps
     * to the same future, registered once), so results come out in argument order. One shared
     * callback object (onChildDone) is registered on every distinct child: no per-child closure.
     * Invariant: finished counts the callbacks that ran; when it reaches distinct, every child is
     * done.
     */

    private final Future<?>[] children;
    private final int distinct;
    private final boolean returnExceptions;
    private int finished;
    private boolean cancelRequested;
    private final Consumer<Future<?>> onChildDone = this::childDone;

    private GatheringFuture(EventLoop loop, Future<?>[] children, int distinct, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.distinct = distinct;
        this.returnExceptions = returnExceptions;
    }

    /** asyncio's {@code gather(*aws, return_exceptions=...)}; see {@link Asyncio#gather}. */
    @SuppressWarnings("unchecked")
    static <T> Future<List<T>> gather(List<? extends Awaitable<?>> awaitables, boolean returnExceptions) {
        Objects.requireNonNull(awaitables, "awaitables");
        int count = awaitables.size();
        if (count == 0) {
            Future<List<T>> empty = Asyncio.loopForNewFuture().createFuture();
            empty.setResult(new ArrayList<>());
            return empty;
        }
        Future<?>[] children = new Future<?>[count];
        Map<Awaitable<?>, Future<?>> seen = count > 1 ? new IdentityHashMap<>(count) : null;
        EventLoop loop = null;
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            Awaitable<Object> awaitable = (Awaitable<Object>) Objects.requireNonNull(awaitables.get(i), "awaitable");
            Future<?> child = seen == null ? null : seen.get(awaitable);
            if (child == null) {
                child = Asyncio.ensureFuture(awaitable, loop);
                if (loop == null) {
                    loop = child.getLoop();
                }
                if (seen != null) {
                    seen.put(awaitable, child);
                }
                distinct++;
            } else {
                children[i] = child;
                continue;
            }
            children[i] = child;
        }
        GatheringFuture<T> outer = new GatheringFuture<>(loop, children, distinct, returnExceptions);
        Map<Future<?>, Boolean> registered = distinct < count ? new IdentityHashMap<>() : null;
        for (Future<?> child : children) {
            if (registered == null || registered.put(child, Boolean.TRUE) == null) {
                ((Future<Object>) child).addDoneCallback(outer.onChildDone);
            }
        }
        return outer;
    }

    private void childDone(Future<?> child) {
        finished++;
        if (isDone()) {
            if (!child.isCancelled()) {
                child.exception(); // Marks it retrieved.
            }
            return;
        }
        if (!returnExceptions) {
            if (child.isCancelled()) {
                // The child was cancelled, not the gather: it fails with the child's cancellation.
                setException(child.makeCancelledException());
                return;
            }
            Throwable error = child.exception();
            if (error != null) {
                setException(error);
                return;
            }
        }
        if (finished == distinct) {
            complete();
        }
    }

    @SuppressWarnings("unchecked")
    private void complete() {
        Object[] results = new Object[children.length];
        for (int i = 0; i < children.length; i++) {
            Future<?> child = children[i];
            if (child.isCancelled()) {
                results[i] = new CancelledException(child.cancelMessage == null ? "" : child.cancelMessage);
            } else {
                Throwable error = child.exception();
                results[i] = error != null ? error : child.resultNow();
            }
        }
        if (cancelRequested) {
            // Cancelled while gathering: finish with a CancelledException even when errors are
            // returned as results (asyncio takes the last child's cancel message).
            setException(children[children.length - 1].makeCancelledException());
        } else {
            setResult((List<T>) new ArrayList<>(Arrays.asList(results)));
        }
    }

    /**
     * Cancels every child that is not done; this future finishes with a {@link CancelledException}
     * once they are all done. asyncio's {@code _GatheringFuture.cancel()}.
     *
     * @return true if any child was cancelled
     */
    @Override
    public boolean cancel(String message) {
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (Future<?> child : children) {
            if (child.cancel(message)) {
                any = true;
            }
        }
        if (any) {
            cancelRequested = true;
        }
        return any;
    }
}
