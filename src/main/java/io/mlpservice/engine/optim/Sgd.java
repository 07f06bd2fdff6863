package io.mlpservice.engine.optim;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Plain gradient descent: {@code p -= lr * g}. With one batch of all rows, the classic full-batch rule. */
public final class Sgd implements Optimizer {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private final float initialRate;
    private float learningRate;

    public Sgd(float learningRate) {
        this.learningRate = learningRate;
        this.initialRate = learningRate;
    }

    @Override
    public void init(int size) {
        // stateless
    }

    @Override
    public void step(float[] params, float[] grads, int from, int to, long t) {
        float lr = learningRate;
        int i = from;
        for (int upper = from + SPECIES.loopBound(to - from); i < upper; i += SPECIES.length()) {
            FloatVector g = FloatVector.fromArray(SPECIES, grads, i);
            FloatVector.fromArray(SPECIES, params, i).sub(g.mul(lr)).intoArray(params, i);
        }
        for (; i < to; i++) {
            params[i] -= lr * grads[i];
        }
    }

    @Override
    public void learningRate(float rate) {
        this.learningRate = rate;
    }

    @Override
    public OptimizerState state() {
        return OptimizerState.of(OptimizerSpec.Kind.SGD);
    }

    @Override
    public void restore(OptimizerState state) {
        state.copyInto(OptimizerSpec.Kind.SGD);
    }

    @Override
    public Sgd fresh() {
        return new Sgd(initialRate);
    }
}
