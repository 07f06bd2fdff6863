package io.mlpservice.insight;

/**
 * Counts a classifier's answers against the true classes, a block of rows at a time, and gives
 * the figures scikit-learn's metrics give on the same predictions: {@code accuracy_score},
 * {@code log_loss} (with {@code labels} = the model's classes), {@code f1_score} macro and weighted,
 * {@code precision_recall_fscore_support} with {@code zero_division=0}, and
 * {@code confusion_matrix} (rows the true class, columns the predicted). The predicted class is
 * the most probable one, the first on a tie as {@code numpy.argmax}.
 */
final class ClassificationTally {

    /**
     * scikit-learn clips each probability to [ε, 1 - ε] before its log, ε the machine epsilon of
     * the array's dtype: float64 here, as the probabilities a client reads from JSON are.
     */
    static final double LOG_LOSS_EPSILON = Math.ulp(1.0);

    private final int classes;
    /** (classes, classes): counts[true * classes + predicted]. */
    private final long[] counts;
    private long rows;
    private double logLossSum;

    ClassificationTally(int classes) {
        this.classes = classes;
        this.counts = new long[classes * classes];
    }

    /**
     * Adds a block of rows.
     *
     * @param truth         the true class index of every row, read from {@code firstRow}
     * @param probabilities (rows, classes) row-major from offset 0
     */
    void add(int[] truth, int firstRow, float[] probabilities, int rows) {
        for (int r = 0; r < rows; r++) {
            int offset = r * classes;
            int predicted = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[offset + c] > probabilities[offset + predicted]) {
                    predicted = c;
                }
            }
            int actual = truth[firstRow + r];
            counts[actual * classes + predicted]++;
            double p = Math.min(Math.max(probabilities[offset + actual], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
            logLossSum -= Math.log(p);
        }
        this.rows += rows;
    }

    long rows() {
        return rows;
    }

    double accuracy() {
        long correct = 0;
        for (int c = 0; c < classes; c++) {
            correct += counts[c * classes + c];
        }
        return (double) correct / rows;
    }

    double logLoss() {
        return logLossSum / rows;
    }

    /** counts[true][predicted]. */
    long[][] confusion() {
        long[][] matrix = new long[classes][classes];
        for (int t = 0; t < classes; t++) {
            System.arraycopy(counts, t * classes, matrix[t], 0, classes);
        }
        return matrix;
    }

    /** Precision, recall, F1 and support of one class; 0 where a ratio has no denominator. */
    record ClassFigures(double precision, double recall, double f1, long support) {
    }

    ClassFigures figures(int c) {
        long truePositives = counts[c * classes + c];
        long predicted = 0;
        long support = 0;
        for (int k = 0; k < classes; k++) {
            predicted += counts[k * classes + c];
            support += counts[c * classes + k];
        }
        double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
        double recall = support == 0 ? 0 : (double) truePositives / support;
        // scikit-learn's form: 2·tp / (2·tp + fp + fn), which is 2pr / (p + r) wherever both are defined
        long denominator = 2 * truePositives + (predicted - truePositives) + (support - truePositives);
        double f1 = denominator == 0 ? 0 : 2.0 * truePositives / denominator;
        return new ClassFigures(precision, recall, f1, support);
    }

    /**
     * The unweighted mean F1 over the classes that occur among the true or the predicted classes,
     * as scikit-learn's {@code average='macro'} without {@code labels}.
     */
    double macroF1() {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            ClassFigures f = figures(c);
            long predicted = 0;
            for (int k = 0; k < classes; k++) {
                predicted += counts[k * classes + c];
            }
            if (f.support() > 0 || predicted > 0) {
                sum += f.f1();
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    /** F1 averaged with each class weighted by its support. */
    double weightedF1() {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            ClassFigures f = figures(c);
            sum += f.f1() * f.support();
        }
        return sum / rows;
    }
}
