package io.mlpservice.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads that runs one task on every member at once: member 0 is the calling
 * thread, members 1 .. size-1 are helper threads owned by the team. A training run splits each
 * mini-batch's rows among the members, so that both cores work with one hand-off per phase and
 * no thread pool in between.
 * <p>
 * Waiting members spin briefly before parking: phases follow each other within microseconds
 * while training, and a parked thread costs tens of microseconds to wake. Not for concurrent use:
 * one caller at a time.
 */
public final class WorkerTeam implements AutoCloseable {

    /**
     * Spins before parking: 1,000 pauses are some 10-50 µs (a pause is 40-140 cycles), longer
     * than the usual gap between phases, and short enough not to starve other threads when the
     * cores are oversubscribed.
     */
    private static final int SPINS = 1_000;

    private final Thread[] helpers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile IntConsumer task;
    private volatile int generation;
    private volatile Thread caller;
    private volatile Throwable failure;
    private volatile boolean closed;

    /**
     * @param size members, the caller included; 1 gives a team that runs everything on the caller
     * @param name prefix of the helper threads' names
     */
    public WorkerTeam(int size, String name) {
        if (size < 1) {
            throw new IllegalArgumentException("a team needs at least 1 member, was " + size);
        }
        helpers = new Thread[size - 1];
        for (int i = 0; i < helpers.length; i++) {
            int member = i + 1;
            helpers[i] = Thread.ofPlatform().daemon().name(name + "-" + member).unstarted(() -> serve(member));
            helpers[i].start();
        }
    }

    /**
     * Runs {@code task.accept(member)} for every member at once and returns when all have
     * finished. An exception thrown by any member is rethrown here, after all have finished.
     */
    public void run(IntConsumer task) {
        if (helpers.length == 0) {
            task.accept(0);
            return;
        }
        this.failure = null;
        this.caller = Thread.currentThread();
        this.task = task;
        pending.set(helpers.length);
        generation++;                        // publishes the task to the helpers
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
        try {
            task.accept(0);
        } catch (Throwable t) {
            failure = t;
        }
        for (int spins = 0; pending.get() > 0; spins++) {
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        Throwable thrown = failure;
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        if (thrown != null) {
            throw new IllegalStateException(thrown);
        }
    }

    private void serve(int member) {
        int seen = 0;
        while (true) {
            for (int spins = 0; generation == seen && !closed; spins++) {
                if (spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                task.accept(member);
            } catch (Throwable t) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** Stops the helper threads. */
    @Override
    public void close() {
        closed = true;
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
    }
}
