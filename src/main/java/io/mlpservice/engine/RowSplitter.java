package io.mlpservice.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task over the rows of a large batch on several cores at once. The rows are cut into
 * fixed chunks that the calling thread and a small engine-owned pool of daemon threads claim one
 * at a time: the caller starts at once, a helper joins as soon as it wakes, and whoever is free
 * takes the next chunk, so a late helper costs nothing. The chunks depend only on the row count,
 * so the result does not depend on which thread computed what. Safe for concurrent callers
 * (predictions arrive on many request threads). Helpers come out of the {@link ComputeBudget}: a
 * prediction made while a training job holds every core runs on its calling thread alone.
 */
final class RowSplitter {

    /** Below this many rows a chunk's products get too thin to be worth handing over. */
    static final int MIN_CHUNK_ROWS = 128;

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, CORES - 1),
            Thread.ofPlatform().daemon().name("mlp-predict-", 1).factory());

    /** A task over the rows {@code [from, to)}. */
    interface RangeTask {
        void run(int from, int to);
    }

    private RowSplitter() {
    }

    /** Runs {@code task} over {@code [0, rows)}, in chunks shared among the cores. */
    static void run(int rows, RangeTask task) {
        // two chunks a core: enough to even out a helper's late start, few enough to keep the
        // products wide (measured: 4 chunks of 256 rows beat 8 of 128 on a 1024-row batch)
        int chunks = Math.min(2 * CORES, rows / MIN_CHUNK_ROWS);
        if (CORES == 1 || chunks < 2) {
            task.run(0, rows);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable claim = () -> {
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                task.run((int) ((long) rows * c / chunks), (int) ((long) rows * (c + 1) / chunks));
            }
        };
        int taken = ComputeBudget.tryAcquireUpTo(Math.min(CORES - 1, chunks - 1));
        try {
            CompletableFuture<?>[] helpers = new CompletableFuture<?>[taken];
            for (int h = 0; h < helpers.length; h++) {
                helpers[h] = CompletableFuture.runAsync(claim, POOL);
            }
            claim.run();
            CompletableFuture.allOf(helpers).join();
        } finally {
            ComputeBudget.releaseHelpers(taken);
        }
    }
}
