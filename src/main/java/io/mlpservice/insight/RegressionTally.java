package io.mlpservice.insight;

/**
 * A regression's errors against the true targets, a block of rows at a time, with the figures
 * scikit-learn gives on the same predictions with its default {@code multioutput='uniform_average'}:
 * {@code mean_squared_error}, {@code root_mean_squared_error} (the mean of each output's root, not
 * the root of the mean), {@code mean_absolute_error} and {@code r2_score} (per output
 * 1 - SS_res / SS_tot, averaged; an output whose true values are constant scores 1 when predicted
 * exactly and 0 otherwise, as scikit-learn's {@code force_finite=True}). Sums in double.
 */
final class RegressionTally {

    private final float[] truth;
    private final int outputs;
    /** Per output: mean of the true values, computed once from all rows. */
    private final double[] truthMean;
    private final double[] squaredErrors;
    private final double[] absoluteErrors;
    private final double[] totalSquares;
    private long rows;

    /** @param truth (rows, outputs) row-major, every row that will be added */
    RegressionTally(float[] truth, int rows, int outputs) {
        this.truth = truth;
        this.outputs = outputs;
        this.truthMean = new double[outputs];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < outputs; k++) {
                truthMean[k] += truth[r * outputs + k];
            }
        }
        for (int k = 0; k < outputs; k++) {
            truthMean[k] /= rows;
        }
        this.squaredErrors = new double[outputs];
        this.absoluteErrors = new double[outputs];
        this.totalSquares = new double[outputs];
    }

    /**
     * Adds a block of rows.
     *
     * @param predicted (rows, outputs) row-major from offset 0, for the rows from {@code firstRow}
     */
    void add(int firstRow, float[] predicted, int rows) {
        for (int r = 0; r < rows; r++) {
            int t = (firstRow + r) * outputs;
            for (int k = 0; k < outputs; k++) {
                double y = truth[t + k];
                double error = y - predicted[r * outputs + k];
                squaredErrors[k] += error * error;
                absoluteErrors[k] += Math.abs(error);
                double spread = y - truthMean[k];
                totalSquares[k] += spread * spread;
            }
        }
        this.rows += rows;
    }

    long rows() {
        return rows;
    }

    double mse() {
        double sum = 0;
        for (int k = 0; k < outputs; k++) {
            sum += squaredErrors[k] / rows;
        }
        return sum / outputs;
    }

    double rmse() {
        double sum = 0;
        for (int k = 0; k < outputs; k++) {
            sum += Math.sqrt(squaredErrors[k] / rows);
        }
        return sum / outputs;
    }

    double mae() {
        double sum = 0;
        for (int k = 0; k < outputs; k++) {
            sum += absoluteErrors[k] / rows;
        }
        return sum / outputs;
    }

    /** Null with fewer than two rows, where scikit-learn answers NaN (R² is not defined). */
    Double r2() {
        if (rows < 2) {
            return null;
        }
        double sum = 0;
        for (int k = 0; k < outputs; k++) {
            if (totalSquares[k] == 0) {
                sum += squaredErrors[k] == 0 ? 1 : 0;
            } else {
                sum += 1 - squaredErrors[k] / totalSquares[k];
            }
        }
        return sum / outputs;
    }
}
