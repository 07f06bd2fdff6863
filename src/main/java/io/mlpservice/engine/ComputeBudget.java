package io.mlpservice.engine;

import java.util.concurrent.Semaphore;

/**
 * The process's compute threads, one permit a core, shared by training and prediction so that
 * together they never run more compute threads than cores: a training job holds a permit for each
 * of its threads while it runs; a large prediction takes helper threads only from the permits
 * left free, and runs on its calling thread alone when a job holds them all.
 */
public final class ComputeBudget {

    private static final Semaphore PERMITS = new Semaphore(Runtime.getRuntime().availableProcessors());

    private ComputeBudget() {
    }

    /** The cores the budget shares out. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Takes {@code threads} permits for a training job, waiting while predictions' helpers hold
     * some (for a few milliseconds at most); more than there are cores takes them all.
     */
    public static void acquire(int threads) throws InterruptedException {
        PERMITS.acquire(Math.min(threads, cores()));
    }

    public static void release(int threads) {
        PERMITS.release(Math.min(threads, cores()));
    }

    /** Takes up to {@code wanted} free permits without waiting; returns how many it took. */
    static int tryAcquireUpTo(int wanted) {
        for (int n = wanted; n > 0; n--) {
            if (PERMITS.tryAcquire(n)) {
                return n;
            }
        }
        return 0;
    }

    static void releaseHelpers(int taken) {
        if (taken > 0) {
            PERMITS.release(taken);
        }
    }
}
