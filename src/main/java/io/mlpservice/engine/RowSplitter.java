package io.mlpservice.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a task over row ranges on several cores at once: the calling thread takes the first
 * range, a small engine-owned pool of daemon threads the others. Used where requests arrive on
 * many threads at a time (predictions), so unlike {@link WorkerTeam} it is safe for concurrent
 * callers.
 */
final class RowSplitter {

    /** Below this many rows per range, handing work to another thread costs more than it saves. */
    static final int MIN_ROWS_PER_RANGE = 128;

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, CORES - 1),
            Thread.ofPlatform().daemon().name("mlp-predict-", 1).factory());

    /** A task over the rows {@code [from, to)}. */
    interface RangeTask {
        void run(int from, int to);
    }

    private RowSplitter() {
    }

    /** Runs {@code task} over {@code [0, rows)}, split into up to one range per core. */
    static void run(int rows, RangeTask task) {
        int ranges = Math.max(1, Math.min(CORES, rows / MIN_ROWS_PER_RANGE));
        if (ranges == 1) {
            task.run(0, rows);
            return;
        }
        CompletableFuture<?>[] others = new CompletableFuture<?>[ranges - 1];
        for (int r = 1; r < ranges; r++) {
            int from = (int) ((long) rows * r / ranges);
            int to = (int) ((long) rows * (r + 1) / ranges);
            others[r - 1] = CompletableFuture.runAsync(() -> task.run(from, to), POOL);
        }
        task.run(0, rows / ranges);
        CompletableFuture.allOf(others).join();
    }
}
