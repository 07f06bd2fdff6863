package io.mlpservice.insight;

/**
 * Runs a model over {@link Examples} a block of rows at a time and tallies its answers, so that
 * the memory of an evaluation does not grow with its rows beyond the rows themselves.
 */
final class ModelScoring {

    /** Rows a forward pass takes at once: enough for the engine to share them among the cores. */
    static final int BLOCK_ROWS = 4096;

    private final Task task;
    private final Task.Forward forward;
    private final int outputs;
    private final float[] out;

    ModelScoring(Task task, Task.Forward forward, int outputs, int rows) {
        this.task = task;
        this.forward = forward;
        this.outputs = outputs;
        this.out = new float[Math.min(BLOCK_ROWS, Math.max(rows, 1)) * outputs];
    }

    /** The classifier's answers on rows {@code x} (the examples' own, or a permuted copy). */
    ClassificationTally classify(Examples examples, float[] x) {
        ClassificationTally tally = new ClassificationTally(outputs);
        for (int first = 0; first < examples.rows(); first += BLOCK_ROWS) {
            int n = Math.min(BLOCK_ROWS, examples.rows() - first);
            forward.apply(x, first * examples.width(), n, out, 0);
            tally.add(examples.classes(), first, out, n);
        }
        return tally;
    }

    /** The regression's answers on rows {@code x}. */
    RegressionTally regress(Examples examples, float[] x) {
        RegressionTally tally = new RegressionTally(examples.targets(), examples.rows(), outputs);
        for (int first = 0; first < examples.rows(); first += BLOCK_ROWS) {
            int n = Math.min(BLOCK_ROWS, examples.rows() - first);
            forward.apply(x, first * examples.width(), n, out, 0);
            tally.add(first, out, n);
        }
        return tally;
    }

    /** One metric of the model on rows {@code x}. */
    double score(Metric metric, Examples examples, float[] x) {
        if (metric.task() != task) {
            throw new IllegalArgumentException(metric.wireName() + " does not score a " + task);
        }
        return switch (metric) {
            case ACCURACY -> classify(examples, x).accuracy();
            case LOG_LOSS -> classify(examples, x).logLoss();
            case R2 -> {
                Double r2 = regress(examples, x).r2();
                if (r2 == null) {
                    throw new IllegalArgumentException("r2 needs at least 2 rows, got " + examples.rows());
                }
                yield r2;
            }
            case MSE -> regress(examples, x).mse();
        };
    }
}
