package io.mlpservice.model;

import io.mlpservice.engine.Task;

/**
 * What a model answered for some rows, and the version that answered: every class's probability
 * for a classifier, the predicted values for a regression.
 *
 * @param probabilities (rows, outputSize) row-major: a classifier's class probabilities, each row
 *                      summing to 1; a regression's values, in the targets' units (see {@link #values})
 */
public record Prediction(ModelRecord model, ModelVersion version, float[] probabilities, int rows) {

    public int classes() {
        return model.classes().size();
    }

    /** Whether the model is a regression, whose answers are values rather than probabilities. */
    public boolean isRegression() {
        return model.spec().task() == Task.REGRESSION;
    }

    /** A regression's values, (rows, outputSize) row-major: the same array as {@link #probabilities}. */
    public float[] values() {
        return probabilities;
    }

    /** Outputs per row: classes, or a regression's values. */
    public int outputSize() {
        return model.spec().outputSize();
    }
}
