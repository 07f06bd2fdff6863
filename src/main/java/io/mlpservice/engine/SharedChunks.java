package io.mlpservice.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs the chunks of a small job on the caller and on helper threads that claim chunks as they
 * come free. The caller never waits for a helper to start: when the helpers are busy elsewhere or
 * descheduled, the caller simply claims every chunk itself, and the job takes as long as it would
 * have alone. For work too small to risk a hand-off, such as predicting one row.
 * <p>
 * Chunks must be independent (each writes its own part of the result), so which thread runs a
 * chunk never changes the result. One job at a time: callers use {@link #tryRun}.
 */
final class SharedChunks {

    private static final int SPINS = 2_000;

    private final Thread[] helpers;
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private volatile IntConsumer task;
    private volatile int chunks;
    private volatile int generation;
    /** The job's generation in the high 32 bits, its next unclaimed chunk in the low 32. */
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Throwable failure;

    SharedChunks(int helperCount, String name) {
        helpers = new Thread[helperCount];
        for (int i = 0; i < helperCount; i++) {
            helpers[i] = Thread.ofPlatform().daemon().name(name + "-" + (i + 1)).unstarted(this::serve);
            helpers[i].start();
        }
    }

    /**
     * Runs {@code task.accept(c)} for every chunk {@code c} in {@code [0, count)}, on this thread
     * and on whichever helpers join in, and returns when all have run.
     *
     * @return false, running nothing, when another job holds the helpers: the caller runs its job alone
     */
    boolean tryRun(int count, IntConsumer task) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            failure = null;
            this.task = task;
            this.chunks = count;
            done.set(0);
            int job = generation + 1;
            claims.set((long) job << 32);
            generation = job;                   // publishes the job to the helpers
            for (Thread helper : helpers) {
                LockSupport.unpark(helper);
            }
            claim(job, task, count);
            while (done.get() < count) {        // only chunks a helper has claimed are left
                Thread.onSpinWait();
            }
            Throwable thrown = failure;
            if (thrown instanceof RuntimeException e) {
                throw e;
            }
            if (thrown instanceof Error e) {
                throw e;
            }
            return true;
        } finally {
            this.task = null;
            lock.unlock();
        }
    }

    /**
     * Runs chunks of job {@code job} until none is left. A claim names its job, so a helper that
     * arrives late can never take a chunk of the next job for the task of the last one.
     */
    private void claim(int job, IntConsumer task, int count) {
        while (true) {
            long state = claims.get();
            int c = (int) state;
            if ((int) (state >>> 32) != job || c >= count) {
                return;
            }
            if (!claims.compareAndSet(state, state + 1)) {
                continue;
            }
            try {
                task.accept(c);
            } catch (Throwable t) {
                failure = t;
            } finally {
                done.incrementAndGet();
            }
        }
    }

    private void serve() {
        int seen = 0;
        while (true) {
            for (int spins = 0; generation == seen; spins++) {
                if (spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = generation;
            IntConsumer current = task;
            int count = chunks;
            if (current != null) {
                claim(seen, current, count);
            }
        }
    }
}
