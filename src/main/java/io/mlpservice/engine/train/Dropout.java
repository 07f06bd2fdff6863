package io.mlpservice.engine.train;

/**
 * Inverted dropout's masks, drawn without any stream state: whether a unit is kept is a hash of
 * (seed, optimizer step, row position in the mini-batch, layer, unit), so a run resumed from a
 * checkpoint (which holds the step) draws the masks the uninterrupted run drew, whatever the
 * number of workers the rows were split among. A kept unit's output is multiplied by
 * {@code 1 / (1 - p)}, so that its expectation is unchanged and prediction drops nothing.
 */
public final class Dropout {

    private Dropout() {
    }

    /** SplitMix64's finaliser: a bijection of 64-bit values whose output bits each depend on every input bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * The factor of a unit's output in a training step: 0 when dropped (with probability
     * {@code p}), else {@code 1 / (1 - p)}.
     *
     * @param position the row's position in its mini-batch, from 0
     * @param layer    the hidden layer, from 0
     */
    public static float factor(long seed, long step, int position, int layer, int unit, float p) {
        long h = mix(mix(mix(seed ^ 0x9e3779b97f4a7c15L) ^ step) ^ ((long) position << 20 ^ (long) layer << 52 ^ unit));
        double u = (h >>> 40) * 0x1.0p-24;      // 24 random bits, uniform in [0, 1)
        return u < p ? 0f : 1f / (1f - p);
    }

    /**
     * Multiplies (rows, units) values in place by their units' factors: the outputs of a hidden
     * layer in the forward pass, or the gradient with respect to them in the backward pass.
     *
     * @param firstPosition the position in the mini-batch of row 0
     */
    static void apply(float[] values, int rows, int units, long seed, long step, int firstPosition, int layer,
                      float p) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < units; j++) {
                values[r * units + j] *= factor(seed, step, firstPosition + r, layer, j, p);
            }
        }
    }
}
