package dev.asyncio4j.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Portable mode: the body runs on an ordinary virtual thread, and the loop hands control to it.
 *
 * <p>Used when the JVM does not grant the access fast mode needs. A step is a ready-queue item
 * that passes control to the strand's thread and waits until the strand gives it back (at its
 * next suspension point or when its body ends), so the loop and its strands still run one at a
 * time and every loop structure is touched by one thread at a time. The price is two thread
 * hand-offs per step, and a blocking JDK call inside a task holds the loop until it returns (as a
 * blocking call inside an asyncio coroutine does).
 */
final class HandoffStrand extends Strand {

    private static final int SPINS = 2_000;

    private final LoopScheduler loop;
    private final StrandBody body;
    private final Runnable step = this::step;
    // Created by the first step, so a task queued to start holds no thread yet.
    private volatile Thread thread;
    private Thread.UncaughtExceptionHandler handler;
    // Invariant: true exactly while the strand holds control. Written by whichever side hands
    // control over; the volatile write/read pair orders everything each side did before it.
    private volatile boolean strandTurn;
    private volatile Thread waitingLoopThread;
    private boolean started;
    private boolean discarded;
    // Set when the body has ended; a step queued after that (a stale duplicate) does nothing.
    private volatile boolean finished;

    HandoffStrand(LoopScheduler loop, StrandBody body) {
        this.loop = loop;
        this.body = body;
    }

    @Override
    public void discard() {
        discarded = true;
    }

    @Override
    public void setUncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
        this.handler = handler;
        Thread current = thread;
        if (current != null) {
            current.setUncaughtExceptionHandler(handler);
        }
    }

    @Override
    public void start() {
        loop.enqueue(step);
    }

    @Override
    public void resume() {
        loop.enqueue(step);
    }

    /** Loop thread: runs the strand until it gives control back. */
    private void step() {
        if (finished || (discarded && !started)) {
            return;  // a stale step: the body has ended, or will never start
        }
        waitingLoopThread = Thread.currentThread();
        strandTurn = true;
        if (!started) {
            started = true;
            Thread created = Thread.ofVirtual().unstarted(() -> {
                try {
                    body.run();
                } finally {
                    finished = true;
                    giveBack();
                }
            });
            if (handler != null) {
                created.setUncaughtExceptionHandler(handler);
            }
            thread = created;
            created.start();
        } else {
            LockSupport.unpark(thread);
        }
        for (int i = 0; i < SPINS && strandTurn; i++) {
            Thread.onSpinWait();
        }
        while (strandTurn) {
            LockSupport.park(this);
        }
    }

    private void giveBack() {
        strandTurn = false;
        LockSupport.unpark(waitingLoopThread);
    }

    @Override
    public void suspend() {
        giveBack();
        awaitTurn();
    }

    @Override
    public void yieldOnce() {
        loop.enqueue(step);
        giveBack();
        awaitTurn();
    }

    private void awaitTurn() {
        while (!strandTurn) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                body.interrupted();
            }
        }
    }

    @Override
    public Thread thread() {
        return thread;
    }
}
