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

    /** Every model is a classifier as long as models carry no task of their own. */
    static Task of(ModelRecord model) {
        return CLASSIFICATION;
    }

    /** A forward pass of the model's outputs: probabilities (rows, classes) for a classifier. */
    Forward forward(Network network) {
        return switch (this) {
            case CLASSIFICATION -> network::predictProbabilities;
            case REGRESSION -> throw new IllegalStateException("the engine has no regression output");
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
