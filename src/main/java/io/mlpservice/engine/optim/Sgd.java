package io.mlpservice.engine.optim;

/**
 * Plain gradient descent: {@code p -= lr * g}. With one batch of all rows, the classic full-batch
 * rule. The step is one plain loop, which the JIT compiles to SIMD instructions itself (measured as
 * fast as a Vector API loop: the step is bound by memory).
 */
public final class Sgd implements Optimizer {

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
        for (int i = from; i < to; i++) {
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
