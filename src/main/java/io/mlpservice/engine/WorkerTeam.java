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
 * Waiting members spin for up to {@link #SPIN_NANOS} before parking: phases follow each other
 * within microseconds while training, and a parked thread takes 50 to 200 microseconds to wake on
 * a virtual machine, whose idle virtual CPU the hypervisor must schedule again. Not for concurrent
 * use: one caller at a time.
 */
public final class WorkerTeam implements AutoCloseable {

    /**
     * How long a waiting member spins before it parks. A W2 epoch (784-256-128-10, batches of
     * 128 on two cores) hands off twice a batch; spinning 12 µs (1,000 pauses of 12 ns), the
     * helper had parked before most hand-offs and started each phase 90 to 180 µs late, and
     * epochs after the first took 500 ms; spinning 100 µs, 420 ms. Short enough that a
     * member that waits longer, for an oversubscribed core or between jobs, soon yields it.
     */
    private static final long SPIN_NANOS = 100_000;

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
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (pending.get() > 0) {
            if (System.nanoTime() < spinUntil) {
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
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (generation == seen && !closed) {
                if (System.nanoTime() < spinUntil) {
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
