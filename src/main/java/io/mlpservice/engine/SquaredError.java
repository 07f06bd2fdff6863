package io.mlpservice.engine;

/**
 * The loss of a regression's identity output: half the mean squared error over rows and outputs,
 * {@code 1 / (2 · rows · outputs) · Σ (y - t)²}, as scikit-learn's {@code squared_loss} (the mean
 * over every value, halved). Its gradient with respect to the outputs is
 * {@code (y - t) / (rows · outputs)}. The outputs are few, so the loops are plain scalar code.
 */
public final class SquaredError {

    private SquaredError() {
    }

    /**
     * Loss and gradient of a slice of a batch of {@code batchRows} rows: the outputs become the
     * gradient of the batch's mean loss, so that the slices' gradients add up to the batch's.
     *
     * @param z       (rows, cols) outputs from {@code offset}; overwritten by the gradient
     * @param targets (rows, cols) from {@code targetOffset}
     * @param totals  {@code totals[0] += } the slice's summed row losses, each
     *                {@code Σ_j (y - t)² / (2 cols)}, in double
     */
    public static void lossAndGradient(float[] z, int offset, int rows, int cols, float[] targets,
                                       int targetOffset, int batchRows, double[] totals) {
        float scale = 1f / ((float) batchRows * cols);
        double loss = 0;
        for (int i = 0; i < rows * cols; i++) {
            float error = z[offset + i] - targets[targetOffset + i];
            loss += (double) error * error;
            z[offset + i] = error * scale;
        }
        totals[0] += loss / (2.0 * cols);
    }

    /** The loss of one row, {@code Σ_j (y - t)² / (2 cols)}, in double. */
    public static double rowLoss(float[] z, int rowOffset, int cols, float[] targets, int targetOffset) {
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            double error = (double) z[rowOffset + j] - targets[targetOffset + j];
            sum += error * error;
        }
        return sum / (2.0 * cols);
    }

    /**
     * The total sum of squares {@code Σ_r Σ_j (t - mean_j)²} of (rows, cols) targets around each
     * column's mean: the denominator of R².
     */
    public static double totalSumOfSquares(float[] targets, int rows, int cols) {
        double total = 0;
        for (int j = 0; j < cols; j++) {
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += targets[r * cols + j];
            }
            mean /= rows;
            for (int r = 0; r < rows; r++) {
                double d = targets[r * cols + j] - mean;
                total += d * d;
            }
        }
        return total;
    }

    /**
     * R² from the summed row losses of {@link #lossAndGradient} or {@link #rowLoss}: one minus the
     * residual sum of squares ({@code 2 cols · lossSum}) over the total. Over several outputs this
     * weights each by its variance (scikit-learn's {@code variance_weighted}); on one output it is
     * {@code r2_score}. Targets with no variance give 1 when fitted exactly, else 0, as scikit-learn.
     */
    public static double r2(double lossSum, int cols, double totalSumOfSquares) {
        double residual = 2.0 * cols * lossSum;
        if (totalSumOfSquares == 0) {
            return residual == 0 ? 1 : 0;
        }
        return 1 - residual / totalSumOfSquares;
    }
}
