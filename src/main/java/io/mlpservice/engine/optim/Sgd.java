package io.mlpservice.engine.optim;

/** Plain gradient descent: {@code p -= lr * g}. With one batch of all rows, the classic full-batch rule. */
public final class Sgd implements Optimizer {

    private final float learningRate;

    public Sgd(float learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void init(int size) {
        // stateless
    }

    @Override
    public void step(float[] params, float[] grads, long t) {
        float lr = learningRate;
        for (int i = 0; i < params.length; i++) {
            params[i] -= lr * grads[i];
        }
    }

    @Override
    public Sgd fresh() {
        return new Sgd(learningRate);
    }
}
