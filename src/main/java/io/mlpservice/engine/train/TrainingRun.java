package io.mlpservice.engine.train;

import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.SplitMix64;
import io.mlpservice.engine.SquaredError;
import io.mlpservice.engine.WorkerTeam;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.optim.Optimizer;
import java.util.concurrent.CancellationException;

/**
 * One training run: the epoch loop over {@link MiniBatches}, the divergence checks, early
 * stopping, and the listener's polls. Everything that carries from one mini-batch to the next
 * (parameters, optimizer state, step count, epoch-order stream, partial totals, early-stopping
 * state) can be saved in a {@link TrainingCheckpoint} and put back, so that a run continued from
 * one gives the same bits as one never stopped. Workspaces are sized once, before the first
 * epoch: the epoch loop allocates nothing but the checkpoints asked for.
 */
final class TrainingRun {

    /**
     * A mean training loss at or above this, {@code -ln(Float.MIN_NORMAL)} ≈ 87.3 nats, means the
     * average row gives its label a probability below the smallest normal float: no run that
     * learns gets there (guessing uniformly costs ln(classes)), while a run whose weights blow up
     * does, even when saturating units keep every number finite. A regression's loss has no such
     * bound (its targets need not be standardised): it diverges when its loss is not finite.
     */
    static final double DIVERGED_LOSS = -Math.log(Float.MIN_NORMAL);

    private final Split split;
    private final TrainingConfig config;
    private final TrainingListener listener;
    final float[] params;
    /** With early stopping, the best epoch's weights; else null. */
    private final float[] bestParams;
    private final Optimizer optimizer;
    private final int batch;
    /** Draws the epoch orders; its state before an epoch's draw is what a checkpoint saves. */
    private final SplitMix64 orderRandom;
    private final EpochOrder order;
    private final MiniBatches batches;
    /** A regression's targets' sum of squares around their means, training and validation side: R²'s denominators. */
    private final double trainSumOfSquares;
    private final double validSumOfSquares;
    private final LearningRateSchedule schedule;
    /** With a plateau schedule, its state after the epochs so far; else null. */
    private LearningRateSchedule.Plateau plateau;
    private long step;
    private EpochStats last;
    private EpochStats best;
    StopReason stopReason = StopReason.COMPLETED;
    /** Where a resumed run starts: its first epoch, and that epoch's mini-batches, totals and time so far. */
    private int firstEpoch = 1;
    /** Epochs numbered before this run: those of the run a warm start goes on from; 0 otherwise. */
    private final int epochsBefore;
    private int resumedBatches;
    private double[] resumedTotals;
    private long resumedNanos;

    /**
     * @param params the initial parameters, trained in place
     * @param warm   where the run that produced {@code params} ended, for a warm start; else null
     * @param from   a checkpoint of this run to continue from, or null to start at its first epoch
     * @throws IllegalArgumentException when {@code from} does not fit this network, configuration
     *                                  or number of workers
     */
    TrainingRun(NetworkSpec spec, float[] params, Split split, TrainingConfig config, TrainingListener listener,
                MatMul matMul, int threads, TrainingState warm, TrainingCheckpoint from) {
        this.split = split;
        this.config = config;
        this.listener = listener;
        this.params = params;
        this.bestParams = config.earlyStopping() != null ? params.clone() : null;
        this.optimizer = config.optimizer().create();
        optimizer.init(params.length);
        this.schedule = config.schedule();
        this.plateau = schedule.type() == LearningRateSchedule.Type.PLATEAU
                ? LearningRateSchedule.Plateau.start(config.optimizer().learningRate()) : null;
        this.batch = config.effectiveBatchSize(split.trainRows());
        this.epochsBefore = warm != null ? warm.epochsCompleted() : 0;
        this.orderRandom = new SplitMix64(from != null ? from.orderState()
                : warm != null ? warm.orderState() : config.seed());
        this.order = config.shuffle() ? new EpochOrder(split.trainRows(), orderRandom) : null;
        int workers = MiniBatches.workerCount(threads, batch);
        if (from != null) {
            resume(from, workers);
        } else if (warm != null) {
            optimizer.restore(warm.optimizer());
            step = warm.step();
            firstEpoch = epochsBefore + 1;
            // the figures the weights come with: replaced by the first epoch of this run, early stopping or not
            last = warm.last();
            best = warm.last();
        }
        this.batches = new MiniBatches(spec, split, config, params, optimizer, matMul, workers);
        this.trainSumOfSquares = split.isRegression()
                ? SquaredError.totalSumOfSquares(split.trainT(), split.trainRows(), split.outputs()) : Double.NaN;
        this.validSumOfSquares = split.isRegression()
                ? SquaredError.totalSumOfSquares(split.validT(), split.validRows(), split.outputs()) : Double.NaN;
    }

    /** Checks that {@code from} fits this run and takes its state. */
    private void resume(TrainingCheckpoint from, int workers) {
        float[] saved = from.parameters();
        if (saved.length != params.length) {
            throw new IllegalArgumentException("the checkpoint holds " + saved.length
                    + " parameters; the network has " + params.length);
        }
        if (from.workers() != workers) {
            throw new IllegalArgumentException("the checkpoint was taken with " + from.workers()
                    + " workers; this run splits its mini-batches among " + workers
                    + " and the bits depend on it: resume with the thread count and batch size it was taken with");
        }
        if ((from.plateau() != null) != (plateau != null)) {
            throw new IllegalArgumentException("the checkpoint was taken " + (from.plateau() != null ? "with" : "without")
                    + " a plateau schedule; this run has " + (plateau != null ? "one" : "none"));
        }
        float[] savedBest = from.bestParameters();
        if ((savedBest != null) != (bestParams != null)) {
            throw new IllegalArgumentException("the checkpoint was taken " + (savedBest != null ? "with" : "without")
                    + " early stopping; this run has " + (bestParams != null ? "it" : "none"));
        }
        int perEpoch = (split.trainRows() + batch - 1) / batch;
        int epochs = from.epochsCompleted() + (from.batchesDone() > 0 ? 1 : 0);
        if (epochs > epochsBefore + config.epochs() || from.epochsCompleted() < epochsBefore
                || from.batchesDone() >= perEpoch) {
            throw new IllegalArgumentException("the checkpoint has " + from.epochsCompleted() + " epochs and "
                    + from.batchesDone() + " mini-batches done; this run plans epochs = " + config.epochs()
                    + (epochsBefore > 0 ? " after epoch " + epochsBefore : "") + ", " + perEpoch + " mini-batches each");
        }
        optimizer.restore(from.optimizer());
        System.arraycopy(saved, 0, params, 0, params.length);
        if (savedBest != null) {
            System.arraycopy(savedBest, 0, bestParams, 0, bestParams.length);
        }
        step = from.step();
        last = from.last();
        best = from.best();
        firstEpoch = from.epochsCompleted() + 1;
        resumedBatches = from.batchesDone();
        resumedTotals = from.batchTotals();
        resumedNanos = from.epochNanos();
        if (from.plateau() != null) {
            plateau = from.plateau();
        }
    }

    void execute() {
        try (WorkerTeam team = new WorkerTeam(batches.workers.length, "mlp-train")) {
            epochs(team);
        }
    }

    private void epochs(WorkerTeam team) {
        EarlyStopping stopping = config.earlyStopping();
        int lastEpoch = epochsBefore + config.epochs();
        for (int epoch = firstEpoch; epoch <= lastEpoch; epoch++) {
            long start = System.nanoTime() - resumedNanos;
            // a schedule counts the epochs of this run
            float rate = plateau != null ? plateau.rate()
                    : schedule.rate(config.optimizer().learningRate(), epoch - epochsBefore, config.epochs());
            optimizer.learningRate(rate);
            double[] train = trainEpoch(team, epoch, start);
            double[] valid = split.validRows() > 0 ? batches.evaluate(team, validSumOfSquares) : new double[] {Double.NaN, Double.NaN};
            EpochStats stats = new EpochStats(epoch, train[0], train[1], valid[0], valid[1], System.nanoTime() - start,
                    rate);
            if (!(train[0] < (split.isRegression() ? Double.POSITIVE_INFINITY : DIVERGED_LOSS))) {
                throw new IllegalStateException("training diverged in epoch " + epoch
                        + ": the mean training loss is " + train[0] + " (a run that learns stays below "
                        + Math.round(DIVERGED_LOSS * 10) / 10.0 + "); try a smaller learning rate");
            }
            if (stats.hasValidation() && !Double.isFinite(valid[0])) {
                throw new IllegalStateException("training diverged in epoch " + epoch
                        + ": the validation loss is " + valid[0] + "; try a smaller learning rate");
            }
            last = stats;
            if (plateau != null) {
                plateau = plateau.after(monitored(stats), schedule);
            }
            listener.onEpoch(stats);
            if (stopping == null) {
                best = stats;
            } else if (best == null || best.epoch() <= epochsBefore
                    || monitored(stats) < monitored(best) - stopping.minDelta()) {
                best = stats;
                System.arraycopy(params, 0, bestParams, 0, params.length);
            } else if (epoch - best.epoch() >= stopping.patience()) {
                stopReason = StopReason.EARLY_STOPPED;
                return;
            }
            if (epoch < lastEpoch && listener.checkpointDue(epoch)) {
                listener.onCheckpoint(checkpoint(epoch, 0, orderRandom.state(), 0));
            }
        }
    }

    /**
     * One pass over the training rows, or the rest of one after a resumed checkpoint; returns
     * {mean loss, accuracy} before each batch's update.
     *
     * @param start {@link System#nanoTime} at the epoch's start, for a suspension's checkpoint
     */
    private double[] trainEpoch(WorkerTeam team, int epoch, long start) {
        int rows = split.trainRows();
        long orderState = orderRandom.state();
        batches.order(order != null ? order.next() : null);
        TrainingWorker[] workers = batches.workers;
        for (int w = 0; w < workers.length; w++) {
            workers[w].totals[0] = resumedTotals != null ? resumedTotals[2 * w] : 0;
            workers[w].totals[1] = resumedTotals != null ? resumedTotals[2 * w + 1] : 0;
        }
        int firstBatch = resumedBatches;
        resumedBatches = 0;
        resumedTotals = null;
        resumedNanos = 0;
        for (int b = firstBatch, first = b * batch; first < rows; first += batch, b++) {
            if (listener.isCancelled()) {
                throw new CancellationException("cancelled in epoch " + epoch + " before mini-batch " + (b + 1));
            }
            if (listener.suspendRequested()) {
                throw new TrainingSuspendedException(checkpoint(epoch - 1, b, orderState, System.nanoTime() - start));
            }
            step++;
            batches.train(team, first, Math.min(batch, rows - first), step);
        }
        return batches.meanOfTotals(rows, trainSumOfSquares);
    }

    /** The loss early stopping watches: the validation loss when there is a split, else the training loss. */
    private static double monitored(EpochStats stats) {
        return stats.hasValidation() ? stats.validationLoss() : stats.trainingLoss();
    }

    /** The run's state with {@code batchesDone} mini-batches of epoch {@code epochsCompleted + 1} applied. */
    private TrainingCheckpoint checkpoint(int epochsCompleted, int batchesDone, long orderState, long epochNanos) {
        TrainingWorker[] workers = batches.workers;
        double[] totals = new double[2 * workers.length];
        if (batchesDone > 0) {
            for (int w = 0; w < workers.length; w++) {
                totals[2 * w] = workers[w].totals[0];
                totals[2 * w + 1] = workers[w].totals[1];
            }
        }
        return new TrainingCheckpoint(workers.length, epochsCompleted, batchesDone, totals, epochNanos, orderState,
                step, params, optimizer.state(), last, best, bestParams, plateau);
    }

    /**
     * Ends the run after {@link #execute}: returns its state as a checkpoint, then puts the best
     * epoch's weights back into {@link #params} (with early stopping the result is always the best
     * epoch's weights).
     */
    TrainingCheckpoint finish() {
        TrainingCheckpoint state = checkpoint(last.epoch(), 0, orderRandom.state(), 0);
        if (bestParams != null && best.epoch() != last.epoch()) {
            System.arraycopy(bestParams, 0, params, 0, params.length);
        }
        return state;
    }

    /** The stats of the epoch whose weights the run returns. */
    EpochStats best() {
        return best;
    }

    /** The stats of the last epoch that ran. */
    EpochStats last() {
        return last;
    }
}
