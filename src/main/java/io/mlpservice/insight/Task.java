package io.mlpservice.insight;

import io.mlpservice.engine.Network;
import io.mlpservice.model.ModelRecord;

/**
 * What a model predicts, which decides the figures of an evaluation and the metrics of a feature
 * importance. The one place where insight tells a classifier from a regression.
 */
enum Task {

    CLASSIFICATION,
    REGRESSION;

    /** The model's task, as its architecture says. */
    static Task of(ModelRecord model) {
        return model.spec().task() == io.mlpservice.engine.Task.REGRESSION ? REGRESSION : CLASSIFICATION;
    }

    /**
     * A forward pass of the model's outputs: probabilities (rows, classes) for a classifier,
     * values in the targets' units (rows, outputs) for a regression.
     */
    Forward forward(Network network) {
        return switch (this) {
            case CLASSIFICATION -> network::predictProbabilities;
            case REGRESSION -> network::predict;
        };
    }

    /** The model's outputs of some rows, into a buffer the caller owns. */
    @FunctionalInterface
    interface Forward {
        /**
         * @param x   (rows, inputs) from {@code xOffset}
         * @param out (rows, outputs) from {@code outOffset}
         */
        void apply(float[] x, int xOffset, int rows, float[] out, int outOffset);
    }
}
