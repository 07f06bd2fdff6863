package io.mlpservice.engine;

import java.util.Objects;

/**
 * One hidden layer of a {@link NetworkSpec}: its width, its activation and the fraction of its
 * outputs dropped while training.
 *
 * @param units      outputs of the layer, at least 1
 * @param activation applied to each output
 * @param dropout    probability that a unit's output is zeroed during a training step, in
 *                   {@code [0, 1)}; the kept ones are scaled by {@code 1 / (1 - dropout)} (inverted
 *                   dropout), so that prediction, which drops nothing, needs no rescaling
 *                   (see {@link io.mlpservice.engine.train.Dropout})
 */
public record HiddenLayer(int units, Activation activation, float dropout) {

    public HiddenLayer {
        Objects.requireNonNull(activation, "activation");
        if (units < 1) {
            throw new IllegalArgumentException("a hidden layer must have at least 1 unit, had " + units);
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
    }

    /** A layer with no dropout. */
    public HiddenLayer(int units, Activation activation) {
        this(units, activation, 0f);
    }
}
