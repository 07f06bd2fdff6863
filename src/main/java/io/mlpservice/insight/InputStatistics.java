package io.mlpservice.insight;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Running count, mean and variance of each feature of the rows one model version was asked to
 * predict: O(features) memory, no row kept. Updates go to one of a few stripes chosen by the
 * calling thread, each with its own lock, so that concurrent predictions rarely meet and never
 * wait on a lock shared by all; a read merges the stripes. Each stripe runs Welford's update in
 * double (B. P. Welford 1962), and stripes merge by the pairwise formula of Chan, Golub and
 * LeVeque (1979), both stable where sums of squares are not.
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

        Stripe(int width) {
            mean = new double[width];
            m2 = new double[width];
        }
    }

    private static final int STRIPES = stripes(Runtime.getRuntime().availableProcessors());

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
     * Adds rows: O(width) a row, no allocation.
     *
     * @param x (rows, width) row-major; rows beyond {@code rows} are not read
     */
    void add(float[] x, int rows, int width) {
        if (width != this.width) {
            throw new IllegalArgumentException("rows of " + width + " features for statistics of " + this.width);
        }
        Stripe stripe = stripe();
        synchronized (stripe) {
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
