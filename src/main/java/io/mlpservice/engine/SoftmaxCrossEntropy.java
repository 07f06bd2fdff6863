package io.mlpservice.engine;

/**
 * The output layer's softmax fused with the mean cross-entropy loss. Fusing them makes the
 * gradient with respect to the logits simply {@code (p - y) / rows}, with no division by a
 * probability anywhere.
 */
public final class SoftmaxCrossEntropy {

    /**
     * Floor under a probability before its log. Below the smallest normal float a probability has
     * lost its precision, and log(0) would make the loss infinite; the loss of one row is thus at
     * most {@code -log(MIN_NORMAL)}, about 87.3.
     */
    static final float PROBABILITY_FLOOR = Float.MIN_NORMAL;

    private SoftmaxCrossEntropy() {
    }

    /**
     * Row-wise softmax in place. Each row subtracts its own maximum before exponentiating, so the
     * largest term is exp(0) = 1 and no logit, however large, overflows.
     *
     * @param z (rows, cols) logits from {@code offset}; overwritten by probabilities
     */
    public static void softmax(float[] z, int offset, int rows, int cols) {
        shiftByRowMax(z, offset, rows, cols, null, 0, null, null);
        exp(z, offset, rows * cols);
        for (int r = 0; r < rows; r++) {
            int row = offset + r * cols;
            scaleRow(z, row, cols, 1f / rowSum(z, row, cols));
        }
    }

    /**
     * Subtracts each row's maximum from the row. With {@code labels}, also counts the rows whose
     * largest logit (the first on ties) is their label into {@code totals[1]}, and subtracts each
     * label's shifted logit from {@code totals[0]}: the first term of the row's loss
     * {@code log Σ exp(z - max) - (z[label] - max)}.
     */
    private static void shiftByRowMax(float[] z, int offset, int rows, int cols,
                                      int[] labels, int labelOffset, float[] weights, double[] totals) {
        int correct = 0;
        double labelLogits = 0;
        for (int r = 0; r < rows; r++) {
            int row = offset + r * cols;
            int best = 0;
            for (int j = 1; j < cols; j++) {
                if (z[row + j] > z[row + best]) {
                    best = j;
                }
            }
            float max = z[row + best];
            if (labels != null) {
                int label = labels[labelOffset + r];
                double shifted = (double) z[row + label] - max;   // in double: a gap of 2·MAX_VALUE stays finite
                labelLogits += weights == null ? shifted : weights[label] * shifted;
                if (best == label) {
                    correct++;
                }
            }
            for (int j = 0; j < cols; j++) {
                z[row + j] -= max;
            }
        }
        if (totals != null) {
            totals[0] -= labelLogits;
            totals[1] += correct;
        }
    }

    // z[from, from + length) = exp(z) over the flat buffer, on the engine's element-wise kernel
    private static void exp(float[] z, int from, int length) {
        Kernels.ELEMENTS.exp(z, from, length);
    }

    private static float rowSum(float[] z, int row, int cols) {
        float sum = 0f;
        for (int j = 0; j < cols; j++) {
            sum += z[row + j];
        }
        return sum;
    }

    private static void scaleRow(float[] z, int row, int cols, float factor) {
        for (int j = 0; j < cols; j++) {
            z[row + j] *= factor;
        }
    }

    /**
     * Cross-entropy of one row from its logits, {@code max + log Σ exp(z - max) - z[label]}, in
     * double. Exact where {@code -log p[label]} would need a probability below what a float holds:
     * a row wrong by a logit gap of 1e30 costs 1e30, not the 87.3 of a floored probability, so
     * that a diverging run shows in its loss.
     *
     * @param z (cols) logits of the row from {@code rowOffset}; not modified
     */
    public static double rowLossFromLogits(float[] z, int rowOffset, int cols, int label) {
        double max = z[rowOffset];
        for (int j = 1; j < cols; j++) {
            max = Math.max(max, z[rowOffset + j]);
        }
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            sum += Math.exp(z[rowOffset + j] - max);
        }
        return max + Math.log(sum) - z[rowOffset + label];
    }

    /** Cross-entropy of one row, {@code -log p[label]}, with the probability floored. */
    public static double rowLoss(float[] p, int rowOffset, int label) {
        return -Math.log(Math.max(p[rowOffset + label], PROBABILITY_FLOOR));
    }

    /** Index of the largest probability in a row; the first one on ties. */
    public static int argmax(float[] p, int rowOffset, int cols) {
        int best = 0;
        for (int j = 1; j < cols; j++) {
            if (p[rowOffset + j] > p[rowOffset + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Softmax, loss and gradient in one pass over the batch: the logits become
     * {@code (p - onehot(label)) / rows}, the gradient of the mean loss. The loss is taken from
     * the logits, {@code log Σ exp(z - max) - (z[label] - max)} per row, so it is exact (no
     * probability is floored) and a diverging run shows in it.
     *
     * @param z        (rows, cols) logits; overwritten by the gradient
     * @param labels   class of row r at {@code labels[labelOffset + r]}
     * @param totals   {@code totals[0] += } summed loss, {@code totals[1] += } correctly classified rows
     */
    public static void lossAndGradient(float[] z, int offset, int rows, int cols,
                                       int[] labels, int labelOffset, double[] totals) {
        lossAndGradient(z, offset, rows, cols, labels, labelOffset, rows, totals);
    }

    /**
     * As {@link #lossAndGradient(float[], int, int, int, int[], int, double[])} for a slice of a
     * larger batch: the gradient is that of the mean over all {@code batchRows} rows, so that the
     * slices' gradients add up to the batch's.
     */
    public static void lossAndGradient(float[] z, int offset, int rows, int cols,
                                       int[] labels, int labelOffset, int batchRows, double[] totals) {
        lossAndGradient(z, offset, rows, cols, labels, labelOffset, batchRows, null, totals);
    }

    /**
     * As {@link #lossAndGradient(float[], int, int, int, int[], int, int, double[])} with each row's
     * loss and gradient times the weight of its class: the gradient of
     * {@code Σ w[label] · CE / batchRows}, the loss summed weighted into {@code totals[0]}.
     *
     * @param weights (cols) weight of each class; null for all 1, which gives the unweighted bits
     */
    public static void lossAndGradient(float[] z, int offset, int rows, int cols, int[] labels, int labelOffset,
                                       int batchRows, float[] weights, double[] totals) {
        shiftByRowMax(z, offset, rows, cols, labels, labelOffset, weights, totals);
        exp(z, offset, rows * cols);
        double loss = 0;
        float scale = 1f / batchRows;
        for (int r = 0; r < rows; r++) {
            int row = offset + r * cols;
            int label = labels[labelOffset + r];
            float sum = rowSum(z, row, cols);
            float rowScale = weights == null ? scale : scale * weights[label];
            loss += weights == null ? Math.log(sum) : weights[label] * Math.log(sum);
            scaleRow(z, row, cols, rowScale / sum);
            z[row + label] -= rowScale;
        }
        totals[0] += loss;
    }
}
