package io.mlpservice.engine;

import java.util.Arrays;

/**
 * Per-feature standardisation {@code (x - mean) / deviation}, learned from training rows and
 * stored with the network so that every prediction sees inputs on the scale it was trained on.
 * A feature that is constant in the training rows keeps deviation 1, so it maps to 0 rather than
 * to infinity. Immutable.
 * <p>
 * What it applies is {@code (x - means[j]) * scales[j]}, the scale being the inverse deviation
 * rounded to float once when learned. {@link #means} and {@link #scales} give exactly those
 * floats and {@link #of} takes them back, so a stored standardisation transforms every input to
 * the same bits; {@link #deviations} is for display only ({@code 1 / scale} does not round-trip).
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
     * The standardisation whose {@link #means} and {@link #scales} were these: it transforms every
     * input to the same bits. Means of +0 and scales of 1 throughout give {@link #identity}.
     *
     * @param means  per feature; copied
     * @param scales per feature, the multiplier after the mean is subtracted; copied
     * @throws IllegalArgumentException when the lengths differ or are 0, a mean is not finite, or
     *                                  a scale is not positive and finite
     */
    public static Standardizer of(float[] means, float[] scales) {
        if (means.length != scales.length || means.length == 0) {
            throw new IllegalArgumentException("a standardizer needs as many means as scales, at least 1; got "
                    + means.length + " means and " + scales.length + " scales");
        }
        boolean identity = true;
        for (int j = 0; j < means.length; j++) {
            if (!Float.isFinite(means[j])) {
                throw new IllegalArgumentException("mean " + j + " must be finite, was " + means[j]);
            }
            if (!(scales[j] > 0f) || !Float.isFinite(scales[j])) {
                throw new IllegalArgumentException("scale " + j + " must be positive and finite, was " + scales[j]);
            }
            identity &= Float.floatToRawIntBits(means[j]) == 0 && scales[j] == 1f;
        }
        return new Standardizer(means.clone(), scales.clone(), identity);
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

    /**
     * Per-feature scales (a copy): the inverse deviations as applied, 1 for constant features and
     * for the identity. Store these, not {@link #deviations}, to rebuild the standardizer with
     * {@link #of}.
     */
    public float[] scales() {
        return inverseDeviations.clone();
    }

    /**
     * Per-feature deviations (a copy), {@code 1 / scale} rounded to float: for display, since the
     * round trip back to the scale may change its last bit. 1 for constant features and for the
     * identity.
     */
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

    /**
     * Undoes the standardisation in place, {@code y = y / scale + mean} per column: a regression's
     * outputs, learned on standardised targets, back in the targets' units.
     *
     * @param y (rows, columns) from {@code offset}; overwritten
     */
    public void invert(float[] y, int offset, int rows) {
        if (identity) {
            return;
        }
        int columns = means.length;
        for (int r = 0; r < rows; r++) {
            int row = offset + r * columns;
            for (int j = 0; j < columns; j++) {
                y[row + j] = y[row + j] / inverseDeviations[j] + means[j];
            }
        }
    }
}
