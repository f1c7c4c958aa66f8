package dev.asyncio4j.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Fast mode: the body runs on a virtual thread whose scheduler is the event loop.
 *
 * <p>Parking the virtual thread unmounts it from the loop thread (its only carrier) and returns
 * control to the loop; unparking it hands its continuation to the loop's {@link LoopScheduler},
 * which appends it to the ready queue. So a task step is the continuation running on the loop
 * thread, and a blocking JDK call inside a task (a socket read, {@code Thread.sleep}) parks only
 * that task: the JDK unparks it later from its own poller or timer thread, which goes through the
 * loop's thread-safe inbound queue.
 */
final class VirtualThreadStrand extends Strand implements Runnable {

    private final Thread.Builder.OfVirtual builder;
    private final LoopScheduler loop;
    private final StrandBody body;
    // Created by the first step (run()), so a task queued to start holds no thread yet.
    private Thread thread;
    private Thread.UncaughtExceptionHandler handler;
    private boolean discarded;
    // Invariant: set only by resume() (loop side), cleared only by suspend() (strand side). Both
    // run on the loop's carrier thread, never at the same time, so no extra ordering is needed.
    private boolean resumeRequested;

    VirtualThreadStrand(Thread.Builder.OfVirtual builder, LoopScheduler loop, StrandBody body) {
        this.builder = builder;
        this.loop = loop;
        this.body = body;
    }

    @Override
    public void start() {
        loop.enqueue(this);
    }

    /** The first step: make the thread and run it until it first suspends. */
    @Override
    public void run() {
        if (thread != null || discarded) {
            return;  // a stale first step (the task was destroyed, or its step ran already)
        }
        Thread created = builder.unstarted(body);
        if (handler != null) {
            created.setUncaughtExceptionHandler(handler);
        }
        thread = created;
        loop.startInline(created);
    }

    @Override
    public void discard() {
        discarded = true;
    }

    @Override
    public void setUncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
        this.handler = handler;
        if (thread != null) {
            thread.setUncaughtExceptionHandler(handler);
        }
    }

    @Override
    public void resume() {
        resumeRequested = true;
        if (Thread.currentThread() != thread) {
            LockSupport.unpark(thread);
        }
        // Else the strand resumes itself before it suspends (a task whose pending cancel cancels
        // the very future it is about to wait on): suspend() sees the request and yields once, as
        // asyncio's task would be woken through call_soon, instead of not yielding at all.
    }

    @Override
    public void suspend() {
        if (resumeRequested) {
            resumeRequested = false;
            yieldOnce();
            return;
        }
        while (!resumeRequested) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                body.interrupted();
            }
        }
        resumeRequested = false;
    }

    @Override
    public void yieldOnce() {
        // Thread.yield() reschedules the continuation through the loop's scheduler: one trip
        // through the ready queue. It does not yield when the continuation is pinned (a native
        // frame such as a class initializer is on the stack); then fall back to an explicit
        // resume-and-park, which costs one more trip but keeps the ordering guarantee of "after
        // everything already ready".
        long before = loop.stepsRun();
        Thread.yield();
        if (loop.stepsRun() == before) {
            // Not yielded: the loop ran nothing in between.
            loop.enqueue(this::resume);
            suspend();
        }
    }

    @Override
    public Thread thread() {
        return thread;
    }
}
