package io.mlpservice.engine;

/**
 * The output layer's softmax fused with the mean cross-entropy loss. Fusing them makes the
 * gradient with respect to the logits simply {@code (p - y) / rows}, with no division by a
 * probability anywhere.
 */
public final class SoftmaxCrossEntropy {

    /**
     * Floor under a probability before its log in {@link #rowLoss}. Below the smallest normal float
     * a probability has lost its precision, and log(0) would make the loss infinite; the loss of
     * one row computed from probabilities is thus at most {@code -log(MIN_NORMAL)}, about 87.3.
     * The trainer does not use it: it takes the loss from the logits ({@link #rowLossFromLogits}).
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
        for (int r = 0; r < rows; r++) {
            int row = offset + r * cols;
            float max = z[row];
            for (int j = 1; j < cols; j++) {
                max = Math.max(max, z[row + j]);
            }
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(z[row + j] - max);
                z[row + j] = e;
                sum += e;
            }
            float inverse = 1f / sum;
            for (int j = 0; j < cols; j++) {
                z[row + j] *= inverse;
            }
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
     * the logits ({@link #rowLossFromLogits}), before they are overwritten.
     *
     * @param z        (rows, cols) logits; overwritten by the gradient
     * @param labels   class of row r at {@code labels[labelOffset + r]}
     * @param totals   {@code totals[0] += } summed loss, {@code totals[1] += } correctly classified rows
     */
    public static void lossAndGradient(float[] z, int offset, int rows, int cols,
                                       int[] labels, int labelOffset, double[] totals) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            loss += rowLossFromLogits(z, offset + r * cols, cols, labels[labelOffset + r]);
        }
        softmax(z, offset, rows, cols);
        float scale = 1f / rows;
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            int row = offset + r * cols;
            int label = labels[labelOffset + r];
            if (argmax(z, row, cols) == label) {
                correct++;
            }
            for (int j = 0; j < cols; j++) {
                z[row + j] *= scale;
            }
            z[row + label] -= scale;
        }
        totals[0] += loss;
        totals[1] += correct;
    }
}
