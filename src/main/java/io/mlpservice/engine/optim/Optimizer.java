package io.mlpservice.engine.optim;

/**
 * A first-order update rule over one flat parameter buffer. Lifecycle: {@link #init} sizes the
 * state (velocities, moments) once, then {@link #step} applies one mini-batch's gradient in a
 * single loop over the buffer. {@link #fresh} gives an optimizer with the same hyperparameters and
 * no state, for a new training run. {@link #state} and {@link #restore} read and set the state, so
 * that a run stopped between two steps continues with the same bits.
 */
public sealed interface Optimizer permits Sgd, Momentum, Adam {

    /** Sizes the state for {@code size} parameters and zeroes it. */
    void init(int size);

    /**
     * Applies one update in place to the whole buffer.
     *
     * @param params the parameters, updated in place
     * @param grads  the gradient of the loss at {@code params}, same layout
     * @param t      the step number, counting mini-batches from 1 across epochs
     */
    default void step(float[] params, float[] grads, long t) {
        step(params, grads, 0, params.length, t);
    }

    /**
     * Applies one update in place to the parameters {@code [from, to)} only. Each parameter's
     * update depends on its own gradient and state alone, so disjoint ranges may be stepped by
     * different threads at once, with the same bits as one call over the whole buffer.
     */
    void step(float[] params, float[] grads, int from, int to, long t);

    /**
     * Sets the learning rate of the next steps: a schedule changes it between epochs. The state
     * is unchanged; {@link #fresh} keeps the rate the optimizer was made with.
     */
    void learningRate(float rate);

    /** A copy of the current state, in the parameter layout. */
    OptimizerState state();

    /**
     * Replaces the state with a copy of {@code state}; call after {@link #init}. The next
     * {@link #step} then gives the bits it gave after the steps that produced {@code state}, when
     * passed the same step number.
     *
     * @throws IllegalArgumentException when {@code state} is of another kind of optimizer or
     *                                  covers another number of parameters than {@link #init} was given
     */
    void restore(OptimizerState state);

    /** A new optimizer with the same hyperparameters and no state. */
    Optimizer fresh();
}
