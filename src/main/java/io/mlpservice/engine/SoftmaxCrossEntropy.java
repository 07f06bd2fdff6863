package io.mlpservice.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The output layer's softmax fused with the mean cross-entropy loss. Fusing them makes the
 * gradient with respect to the logits simply {@code (p - y) / rows}, with no division by a
 * probability anywhere.
 */
public final class SoftmaxCrossEntropy {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

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
        int lanes = SPECIES.length();
        for (int r = 0; r < rows; r++) {
            int row = offset + r * cols;
            FloatVector max = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < cols; j += lanes) {
                VectorMask<Float> m = SPECIES.indexInRange(j, cols);
                max = max.lanewise(VectorOperators.MAX, FloatVector.fromArray(SPECIES, z, row + j, m), m);
            }
            float rowMax = max.reduceLanes(VectorOperators.MAX);
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int j = 0; j < cols; j += lanes) {
                VectorMask<Float> m = SPECIES.indexInRange(j, cols);
                FloatVector e = FloatVector.fromArray(SPECIES, z, row + j, m).sub(rowMax).lanewise(VectorOperators.EXP);
                e.intoArray(z, row + j, m);
                sum = sum.add(e, m);
            }
            float inverse = 1f / sum.reduceLanes(VectorOperators.ADD);
            for (int j = 0; j < cols; j += lanes) {
                VectorMask<Float> m = SPECIES.indexInRange(j, cols);
                FloatVector.fromArray(SPECIES, z, row + j, m).mul(inverse).intoArray(z, row + j, m);
            }
        }
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
     * {@code (p - onehot(label)) / rows}, the gradient of the mean loss.
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
        softmax(z, offset, rows, cols);
        float scale = 1f / batchRows;
        double loss = 0;
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            int row = offset + r * cols;
            int label = labels[labelOffset + r];
            loss += rowLoss(z, row, label);
            if (argmax(z, row, cols) == label) {
                correct++;
            }
            for (int j = 0; j < cols; j += SPECIES.length()) {
                VectorMask<Float> m = SPECIES.indexInRange(j, cols);
                FloatVector.fromArray(SPECIES, z, row + j, m).mul(scale).intoArray(z, row + j, m);
            }
            z[row + label] -= scale;
        }
        totals[0] += loss;
        totals[1] += correct;
    }
}
