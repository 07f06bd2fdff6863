package io.mlpservice.engine.optim;

/**
 * Gradient descent with momentum, in PyTorch's form: {@code v = mu v + g}, then
 * {@code p -= lr v}, or with Nesterov's look-ahead {@code p -= lr (g + mu v)} (Sutskever et al.
 * 2013, "On the importance of initialization and momentum in deep learning").
 */
public final class Momentum implements Optimizer {

    private final float learningRate;
    private final float momentum;
    private final boolean nesterov;
    private float[] velocity = new float[0];

    public Momentum(float learningRate, float momentum, boolean nesterov) {
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public void init(int size) {
        velocity = new float[size];
    }

    @Override
    public void step(float[] params, float[] grads, long t) {
        float lr = learningRate;
        float mu = momentum;
        float[] v = velocity;
        if (nesterov) {
            for (int i = 0; i < params.length; i++) {
                float vi = mu * v[i] + grads[i];
                v[i] = vi;
                params[i] -= lr * (grads[i] + mu * vi);
            }
        } else {
            for (int i = 0; i < params.length; i++) {
                float vi = mu * v[i] + grads[i];
                v[i] = vi;
                params[i] -= lr * vi;
            }
        }
    }

    @Override
    public Momentum fresh() {
        return new Momentum(learningRate, momentum, nesterov);
    }
}
