package io.mlpservice.engine.optim;

import java.util.Objects;

/**
 * The hyperparameters of an optimizer, as a client chooses them. {@code momentum} and
 * {@code nesterov} matter to {@link Kind#MOMENTUM} only; {@code beta1}, {@code beta2} and
 * {@code epsilon} to {@link Kind#ADAM} only.
 */
public record OptimizerSpec(Kind kind, float learningRate, float momentum, boolean nesterov,
                            float beta1, float beta2, float epsilon) {

    /** The update rules on offer. */
    public enum Kind {
        SGD, MOMENTUM, ADAM;

        /**
         * Parses a name case-insensitively.
         *
         * @throws IllegalArgumentException naming the accepted values when the name is unknown
         */
        public static Kind parse(String name) {
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(
                    "unknown optimizer '" + name + "'; expected one of sgd, momentum, adam");
        }
    }

    public OptimizerSpec {
        Objects.requireNonNull(kind, "kind");
        requirePositive("learningRate", learningRate);
        if (!(momentum >= 0f && momentum < 1f)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), was " + momentum);
        }
        if (!(beta1 >= 0f && beta1 < 1f)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), was " + beta1);
        }
        if (!(beta2 >= 0f && beta2 < 1f)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), was " + beta2);
        }
        requirePositive("epsilon", epsilon);
    }

    private static void requirePositive(String name, float value) {
        if (!(value > 0f) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, was " + value);
        }
    }

    /** Plain gradient descent. */
    public static OptimizerSpec sgd(float learningRate) {
        return new OptimizerSpec(Kind.SGD, learningRate, 0f, false, 0.9f, 0.999f, 1e-8f);
    }

    /** Adam with the usual betas 0.9 and 0.999 and epsilon 1e-8. */
    public static OptimizerSpec adam(float learningRate) {
        return new OptimizerSpec(Kind.ADAM, learningRate, 0f, false, 0.9f, 0.999f, 1e-8f);
    }

    /** A new optimizer with these hyperparameters, before {@link Optimizer#init}. */
    public Optimizer create() {
        return switch (kind) {
            case SGD -> new Sgd(learningRate);
            case MOMENTUM -> new Momentum(learningRate, momentum, nesterov);
            case ADAM -> new Adam(learningRate, beta1, beta2, epsilon);
        };
    }
}
