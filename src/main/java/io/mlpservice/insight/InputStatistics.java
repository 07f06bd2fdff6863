package io.mlpservice.insight;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Running count, mean and variance of each feature of the rows one model version was asked to
 * predict: O(features) memory, no row kept. Updates go to one of a few stripes chosen by the
 * calling thread, each with its own lock, so that concurrent predictions rarely meet and never
 * wait on a lock shared by all; a read merges the stripes. Each stripe keeps count, mean and
 * squared deviations in
 * double; a request's rows are summed as deviations from the stripe's running mean and merged
 * into it, and the stripes merge with each other, by the pairwise formula of Chan, Golub and
 * LeVeque (1979), which stays stable where plain sums of squares lose their digits.
 */
final class InputStatistics {

    /** The figures at one moment: means and population variances per feature, over {@code rows}. */
    record Snapshot(long rows, double[] means, double[] variances) {
    }

    /** One stripe's accumulators; guarded by its own monitor. */
    private static final class Stripe {
        long count;
        final double[] mean;
        /** Sum of squared deviations from the running mean, per feature. */
        final double[] m2;
        /** Scratch of one request: its deviations from {@code mean}, summed, and their squares summed. */
        final double[] sum;
        final double[] squares;

        Stripe(int width) {
            mean = new double[width];
            m2 = new double[width];
            sum = new double[width];
            squares = new double[width];
        }
    }

    private static final int STRIPES = stripes(Runtime.getRuntime().availableProcessors());
    /** From this many rows a request is summed as a block (measured: 1 row costs 4x by block, 64 rows half). */
    static final int BLOCK_ROWS = 4;

    private final int version;
    private final int width;
    /** Made on first use, so that a version asked from one thread holds one stripe's memory. */
    private final AtomicReferenceArray<Stripe> stripes = new AtomicReferenceArray<>(STRIPES);

    InputStatistics(int version, int width) {
        this.version = version;
        this.width = width;
    }

    /** A power of two, twice the cores: two threads on different cores rarely pick the same stripe. */
    static int stripes(int cores) {
        return Integer.highestOneBit(Math.max(1, 2 * cores - 1)) << 1;
    }

    int version() {
        return version;
    }

    int width() {
        return width;
    }

    /**
     * Adds rows: O(width) a row, no allocation. A few rows go in one at a time by Welford's update
     * (1962). More are summed first, as deviations from the stripe's running mean (from their first
     * row while the stripe is empty), two multiply-adds a value with no division, and the block's
     * mean and squared deviations then merge into the stripe's by Chan's formula.
     *
     * @param x (rows, width) row-major; rows beyond {@code rows} are not read
     */
    void add(float[] x, int rows, int width) {
        if (width != this.width) {
            throw new IllegalArgumentException("rows of " + width + " features for statistics of " + this.width);
        }
        if (rows <= 0) {
            return;
        }
        Stripe stripe = stripe();
        synchronized (stripe) {
            if (rows < BLOCK_ROWS) {
                addEach(stripe, x, rows, width);
            } else {
                addBlock(stripe, x, rows, width);
            }
        }
    }

    /** Welford's update, row by row: for a few rows, cheaper than a block's extra passes. */
    private static void addEach(Stripe stripe, float[] x, int rows, int width) {
        double[] mean = stripe.mean;
        double[] m2 = stripe.m2;
        for (int r = 0; r < rows; r++) {
            double inverse = 1.0 / ++stripe.count;
            int offset = r * width;
            for (int j = 0; j < width; j++) {
                double value = x[offset + j];
                double delta = value - mean[j];
                mean[j] += delta * inverse;
                m2[j] += delta * (value - mean[j]);
            }
        }
    }

    private static void addBlock(Stripe stripe, float[] x, int rows, int width) {
        double[] mean = stripe.mean;
        double[] m2 = stripe.m2;
        double[] sum = stripe.sum;
        double[] squares = stripe.squares;
        if (stripe.count == 0) {
            for (int j = 0; j < width; j++) {
                mean[j] = x[j];
            }
        }
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(squares, 0);
        for (int r = 0; r < rows; r++) {
            int offset = r * width;
            for (int j = 0; j < width; j++) {
                double d = x[offset + j] - mean[j];
                sum[j] += d;
                squares[j] += d * d;
            }
        }
        long count = stripe.count;
        long total = count + rows;
        double blockShare = (double) rows / total;
        double cross = (double) count * rows / total;
        for (int j = 0; j < width; j++) {
            // the block's mean is mean + delta, its squared deviations squares - sum·delta
            double delta = sum[j] / rows;
            double blockM2 = Math.max(0, squares[j] - sum[j] * delta);
            mean[j] += delta * blockShare;
            m2[j] += blockM2 + delta * delta * cross;
        }
        stripe.count = total;
    }

    /**
     * Adds made-up rows to statistics of its own, one at a time and in blocks, often enough for the
     * JIT to compile both ways ({@link DriftMonitor#warmUp()}); touches no model's statistics.
     *
     * @return the made-up statistics, whose feature {@code j} has mean {@code j % 7 + 0.5}
     */
    static Snapshot warmUp() {
        int width = 64;
        float[] rows = new float[2 * BLOCK_ROWS * width];
        for (int i = 0; i < rows.length; i++) {
            // features alternate between j % 7 and j % 7 + 1 from one row to the next
            rows[i] = (i % width) % 7 + (i / width) % 2;
        }
        InputStatistics statistics = new InputStatistics(0, width);
        for (int i = 0; i < 20_000; i++) {
            statistics.add(rows, i % 2 == 0 ? 2 : 2 * BLOCK_ROWS, width);
        }
        return statistics.snapshot();
    }

    private Stripe stripe() {
        // thread ids are handed out in sequence: a multiplicative hash spreads neighbours apart
        int index = (int) ((Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L) >>> 40) & (STRIPES - 1);
        Stripe stripe = stripes.get(index);
        if (stripe == null) {
            stripes.compareAndSet(index, null, new Stripe(width));
            stripe = stripes.get(index);
        }
        return stripe;
    }

    /** The stripes merged: each is read under its own lock, one at a time. */
    Snapshot snapshot() {
        long count = 0;
        double[] mean = new double[width];
        double[] m2 = new double[width];
        for (int s = 0; s < STRIPES; s++) {
            Stripe stripe = stripes.get(s);
            if (stripe == null) {
                continue;
            }
            synchronized (stripe) {
                long n = stripe.count;
                if (n == 0) {
                    continue;
                }
                long total = count + n;
                for (int j = 0; j < width; j++) {
                    double delta = stripe.mean[j] - mean[j];
                    mean[j] += delta * n / total;
                    m2[j] += stripe.m2[j] + delta * delta * ((double) count * n / total);
                }
                count = total;
            }
        }
        double[] variance = new double[width];
        for (int j = 0; j < width && count > 0; j++) {
            variance[j] = Math.max(0, m2[j] / count);
        }
        return new Snapshot(count, mean, variance);
    }
}
