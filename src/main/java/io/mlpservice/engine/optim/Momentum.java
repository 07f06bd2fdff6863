package io.mlpservice.engine.optim;

/**
 * Gradient descent with momentum, in PyTorch's form: {@code v = mu v + g}, then
 * {@code p -= lr v}, or with Nesterov's look-ahead {@code p -= lr (g + mu v)} (Sutskever et al.
 * 2013, "On the importance of initialization and momentum in deep learning"). One plain loop per
 * step, which the JIT compiles to SIMD instructions itself.
 */
public final class Momentum implements Optimizer {

    private final float initialRate;
    private float learningRate;
    private final float momentum;
    private final boolean nesterov;
    private float[] velocity = new float[0];

    public Momentum(float learningRate, float momentum, boolean nesterov) {
        this.learningRate = learningRate;
        this.initialRate = learningRate;
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public void init(int size) {
        velocity = new float[size];
    }

    @Override
    public void step(float[] params, float[] grads, int from, int to, long t) {
        float lr = learningRate;
        float mu = momentum;
        float[] v = velocity;
        for (int i = from; i < to; i++) {
            float vi = mu * v[i] + grads[i];
            v[i] = vi;
            params[i] -= lr * (nesterov ? grads[i] + mu * vi : vi);
        }
    }

    @Override
    public void learningRate(float rate) {
        this.learningRate = rate;
    }

    @Override
    public OptimizerState state() {
        return OptimizerState.of(OptimizerSpec.Kind.MOMENTUM, velocity);
    }

    @Override
    public void restore(OptimizerState state) {
        state.copyInto(OptimizerSpec.Kind.MOMENTUM, velocity);
    }

    @Override
    public Momentum fresh() {
        return new Momentum(initialRate, momentum, nesterov);
    }
}
