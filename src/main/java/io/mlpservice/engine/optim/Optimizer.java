package io.mlpservice.engine.optim;

/**
 * A first-order update rule over one flat parameter buffer. Lifecycle: {@link #init} sizes the
 * state (velocities, moments) once, then {@link #step} applies one mini-batch's gradient in a
 * single loop over the buffer. {@link #fresh} gives an optimizer with the same hyperparameters and
 * no state, for a new training run.
 */
public sealed interface Optimizer permits Sgd, Momentum, Adam {

    /** Sizes the state for {@code size} parameters and zeroes it. */
    void init(int size);

    /**
     * Applies one update in place.
     *
     * @param params the parameters, updated in place
     * @param grads  the gradient of the loss at {@code params}, same layout; may be overwritten
     * @param t      the step number, counting mini-batches from 1 across epochs
     */
    void step(float[] params, float[] grads, long t);

    /** A new optimizer with the same hyperparameters and no state. */
    Optimizer fresh();
}
