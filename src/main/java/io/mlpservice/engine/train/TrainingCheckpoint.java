package io.mlpservice.engine.train;

import io.mlpservice.engine.optim.OptimizerState;
import java.util.Objects;

/**
 * Everything a training run needs to continue as if it had never stopped, taken at an epoch's end
 * or between two mini-batches: handed to {@link Trainer.Prepared#run(TrainingListener,
 * TrainingCheckpoint)} with the same data, configuration (its {@code epochs} may be larger),
 * kernel and thread count, the run gives the bits of the uninterrupted one for every later epoch's
 * {@link EpochStats} (but the durations) and for the final weights. Immutable: arrays are copied
 * in and out, and equality compares them by identity (compare the components to compare states).
 *
 * @param workers         threads the mini-batches were split among; the sums, so the bits, depend on it
 * @param epochsCompleted epochs that ended, counted from the job's start
 * @param batchesDone     mini-batches of epoch {@code epochsCompleted + 1} already applied; 0 at an
 *                        epoch's end
 * @param batchTotals     the partial totals of those mini-batches, per worker in worker order
 *                        {@code {summed loss, correct rows}}: length {@code 2 · workers}, zeros
 *                        when {@code batchesDone} is 0
 * @param epochNanos      wall time already spent in epoch {@code epochsCompleted + 1}; 0 at an epoch's end
 * @param orderState      the {@link io.mlpservice.engine.SplitMix64} state from which the row order
 *                        of epoch {@code epochsCompleted + 1} is drawn (unused without shuffling)
 * @param step            optimizer steps taken, one per mini-batch
 * @param parameters      the current weights and biases, in the {@link io.mlpservice.engine.ParameterLayout}
 * @param optimizer       the optimizer's state after {@code step} steps
 * @param last            the stats of epoch {@code epochsCompleted}; null before the first epoch ends
 * @param best            the stats of the epoch whose weights the run would return now (the best
 *                        monitored loss with early stopping, else the last); null before the first
 *                        epoch ends
 * @param bestParameters  with early stopping, a copy of the best epoch's weights (the initial ones
 *                        before the first epoch ends); null without early stopping
 * @param plateau         with a {@link LearningRateSchedule.Type#PLATEAU} schedule, its state after
 *                        {@code epochsCompleted} epochs; null with any other schedule
 */
public record TrainingCheckpoint(int workers, int epochsCompleted, int batchesDone, double[] batchTotals,
                                 long epochNanos, long orderState, long step, float[] parameters,
                                 OptimizerState optimizer, EpochStats last, EpochStats best,
                                 float[] bestParameters, LearningRateSchedule.Plateau plateau) {

    /**
     * @throws IllegalArgumentException when the components contradict each other (sizes, epoch
     *                                  numbers, negative counts), as a corrupt stored copy would
     */
    public TrainingCheckpoint {
        Objects.requireNonNull(batchTotals, "batchTotals");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(optimizer, "optimizer");
        if (workers < 1 || epochsCompleted < 0 || batchesDone < 0 || epochNanos < 0 || step < 0) {
            throw new IllegalArgumentException("workers must be at least 1 and the counts at least 0; got "
                    + workers + " workers, " + epochsCompleted + " epochs, " + batchesDone + " mini-batches, "
                    + epochNanos + " ns, " + step + " steps");
        }
        if (batchTotals.length != 2L * workers) {
            throw new IllegalArgumentException("batchTotals holds " + batchTotals.length + " values; "
                    + workers + " workers need " + 2 * workers);
        }
        if (optimizer.bufferCount() > 0 && optimizer.parameterCount() != parameters.length) {
            throw new IllegalArgumentException("the optimizer state covers " + optimizer.parameterCount()
                    + " parameters; the checkpoint holds " + parameters.length);
        }
        if (bestParameters != null && bestParameters.length != parameters.length) {
            throw new IllegalArgumentException("the best epoch's weights hold " + bestParameters.length
                    + " parameters; the checkpoint holds " + parameters.length);
        }
        if ((last == null) != (epochsCompleted == 0) || last != null && last.epoch() != epochsCompleted) {
            throw new IllegalArgumentException("the last epoch's stats are of epoch "
                    + (last == null ? "none" : last.epoch()) + "; " + epochsCompleted + " epochs completed");
        }
        if ((best == null) != (last == null) || best != null && best.epoch() > epochsCompleted) {
            throw new IllegalArgumentException("the best epoch's stats are of epoch "
                    + (best == null ? "none" : best.epoch()) + "; " + epochsCompleted + " epochs completed");
        }
        batchTotals = batchTotals.clone();
        parameters = parameters.clone();
        bestParameters = bestParameters == null ? null : bestParameters.clone();
    }

    /** A checkpoint of a run without a plateau schedule. */
    public TrainingCheckpoint(int workers, int epochsCompleted, int batchesDone, double[] batchTotals,
                              long epochNanos, long orderState, long step, float[] parameters,
                              OptimizerState optimizer, EpochStats last, EpochStats best, float[] bestParameters) {
        this(workers, epochsCompleted, batchesDone, batchTotals, epochNanos, orderState, step, parameters, optimizer,
                last, best, bestParameters, null);
    }

    /** A copy of the per-worker partial totals. */
    @Override
    public double[] batchTotals() {
        return batchTotals.clone();
    }

    /** A copy of the current parameters. */
    @Override
    public float[] parameters() {
        return parameters.clone();
    }

    /** A copy of the best epoch's weights, or null without early stopping. */
    @Override
    public float[] bestParameters() {
        return bestParameters == null ? null : bestParameters.clone();
    }
}
