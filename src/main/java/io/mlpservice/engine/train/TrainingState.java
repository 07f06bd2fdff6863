package io.mlpservice.engine.train;

import io.mlpservice.engine.optim.OptimizerState;
import java.util.Objects;

/**
 * Where a finished run ended, kept beside the weights it produced so that a later run can go on
 * from them (a warm start, {@link Trainer#prepareWarmStart}): the epochs it numbered, the
 * optimizer's moments and step count, and the state of the stream its epoch orders are drawn
 * from. A run on the same data, configuration, kernel and thread count that continues from the
 * weights and this state gives the bits of one run planned as long as both together (without a
 * learning-rate schedule or early stopping, which start over in each run). Immutable.
 *
 * @param epochsCompleted epochs the run (and those it continued) numbered, at least 1
 * @param step            optimizer steps taken, one per mini-batch
 * @param orderState      the {@link io.mlpservice.engine.SplitMix64} state from which the row
 *                        order of epoch {@code epochsCompleted + 1} is drawn
 * @param optimizer       the optimizer's state after {@code step} steps
 * @param last            the figures of epoch {@code epochsCompleted}
 */
public record TrainingState(int epochsCompleted, long step, long orderState, OptimizerState optimizer,
                            EpochStats last) {

    /**
     * @throws IllegalArgumentException when the counts are negative or the last figures are not
     *                                  of epoch {@code epochsCompleted}, as a corrupt stored copy would give
     */
    public TrainingState {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(last, "last");
        if (epochsCompleted < 1 || step < 0) {
            throw new IllegalArgumentException("a training state needs at least 1 epoch and 0 steps; got "
                    + epochsCompleted + " epochs, " + step + " steps");
        }
        if (last.epoch() != epochsCompleted) {
            throw new IllegalArgumentException("the last epoch's figures are of epoch " + last.epoch() + "; "
                    + epochsCompleted + " epochs completed");
        }
    }

    /** The state at a checkpoint taken at an epoch's end, such as {@link TrainingResult#checkpoint}. */
    public static TrainingState of(TrainingCheckpoint end) {
        if (end.batchesDone() != 0 || end.last() == null) {
            throw new IllegalArgumentException("a training state is taken at an epoch's end; the checkpoint has "
                    + end.epochsCompleted() + " epochs and " + end.batchesDone() + " mini-batches done");
        }
        return new TrainingState(end.epochsCompleted(), end.step(), end.orderState(), end.optimizer(), end.last());
    }
}
