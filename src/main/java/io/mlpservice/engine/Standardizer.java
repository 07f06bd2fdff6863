package io.mlpservice.engine;

import java.util.Arrays;

/**
 * Per-feature standardisation {@code (x - mean) / deviation}, learned from training rows and
 * stored with the network so that every prediction sees inputs on the scale it was trained on.
 * A feature that is constant in the training rows keeps deviation 1, so it maps to 0 rather than
 * to infinity. Immutable.
 */
public final class Standardizer {

    private final float[] means;
    private final float[] inverseDeviations;
    private final boolean identity;

    private Standardizer(float[] means, float[] inverseDeviations, boolean identity) {
        this.means = means;
        this.inverseDeviations = inverseDeviations;
        this.identity = identity;
    }

    /** The transform that leaves {@code columns} features unchanged. */
    public static Standardizer identity(int columns) {
        float[] ones = new float[columns];
        Arrays.fill(ones, 1f);
        return new Standardizer(new float[columns], ones, true);
    }

    /**
     * Learns means and population deviations of each column, accumulated in double.
     *
     * @param x (rows, columns) row-major
     */
    public static Standardizer fit(float[] x, int rows, int columns) {
        double[] mean = new double[columns];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < columns; j++) {
                mean[j] += x[r * columns + j];
            }
        }
        for (int j = 0; j < columns; j++) {
            mean[j] /= rows;
        }
        double[] variance = new double[columns];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < columns; j++) {
                double d = x[r * columns + j] - mean[j];
                variance[j] += d * d;
            }
        }
        float[] means = new float[columns];
        float[] inverse = new float[columns];
        for (int j = 0; j < columns; j++) {
            double deviation = Math.sqrt(variance[j] / rows);
            means[j] = (float) mean[j];
            // A deviation this small is a constant column (or rounding noise around one).
            inverse[j] = deviation > 1e-12 ? (float) (1.0 / deviation) : 1f;
        }
        return new Standardizer(means, inverse, false);
    }

    /**
     * The standardisation stored with a network: {@code (x - means[j]) * scales[j]}, with the
     * arrays exactly as {@link #means()} and {@link #scales()} gave them, so that a network rebuilt
     * from them computes the same bits.
     */
    public static Standardizer of(float[] means, float[] scales) {
        if (means.length != scales.length) {
            throw new IllegalArgumentException(means.length + " means for " + scales.length + " scales");
        }
        for (int j = 0; j < scales.length; j++) {
            if (!Float.isFinite(means[j]) || !Float.isFinite(scales[j]) || !(scales[j] > 0f)) {
                throw new IllegalArgumentException("feature " + j + " has mean " + means[j] + " and scale "
                        + scales[j] + "; both must be finite and the scale positive");
            }
        }
        return new Standardizer(means.clone(), scales.clone(), false);
    }

    /** Per-feature factors applied after the mean is subtracted, the inverse deviations (a copy). */
    public float[] scales() {
        return inverseDeviations.clone();
    }

    /** Whether this transform leaves inputs unchanged. */
    public boolean isIdentity() {
        return identity;
    }

    public int columns() {
        return means.length;
    }

    /** Per-feature means (a copy). */
    public float[] means() {
        return means.clone();
    }

    /** Per-feature deviations (a copy); 1 for constant features and for the identity. */
    public float[] deviations() {
        float[] d = new float[inverseDeviations.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = 1f / inverseDeviations[j];
        }
        return d;
    }

    /**
     * Writes the standardised rows of {@code x} to {@code out}; the two may be the same buffer.
     *
     * @param x   (rows, columns) read from {@code xOffset}
     * @param out (rows, columns) written from {@code outOffset}
     */
    public void apply(float[] x, int xOffset, int rows, float[] out, int outOffset) {
        int columns = means.length;
        for (int r = 0; r < rows; r++) {
            int src = xOffset + r * columns;
            int dst = outOffset + r * columns;
            for (int j = 0; j < columns; j++) {
                out[dst + j] = (x[src + j] - means[j]) * inverseDeviations[j];
            }
        }
    }
}
