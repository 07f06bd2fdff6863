package io.mlpservice.engine.train;

import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.Task;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.optim.OptimizerSpec;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * Mini-batch training with backpropagation. A run holds its whole workspace (activations,
 * gradients, optimizer state), sized once before the first epoch: the epoch loop allocates
 * nothing. Each mini-batch is split by rows among up to {@code threads} threads (see
 * {@link TrainingRun}). Deterministic: the same network, data, configuration and thread count
 * give the same bits, and a run continued from a {@link TrainingCheckpoint} gives the bits of the
 * run never stopped.
 */
public final class Trainer {

    private final MatMul matMul;
    private final int threads;

    /** A trainer that uses every available core. */
    public Trainer(MatMul matMul) {
        this(matMul, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param threads most threads a run uses; fewer when the mini-batches are too small to share
     */
    public Trainer(MatMul matMul, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.matMul = matMul;
        this.threads = threads;
    }

    /**
     * Trains a copy of {@code initial}'s parameters; {@code initial} itself is not changed.
     * The same as {@code prepare(initial, data, config).run(listener)}.
     *
     * @throws IllegalArgumentException when the data does not fit the network or the split leaves
     *                                  a side empty
     * @throws IllegalStateException    when the loss stops being finite (divergence)
     * @throws CancellationException    when the listener cancels the run
     * @throws TrainingSuspendedException when the listener asks to suspend the run
     */
    public TrainingResult train(Network initial, Dataset data, TrainingConfig config, TrainingListener listener) {
        return prepare(initial, data, config).run(listener);
    }

    /**
     * Checks the data against the network, holds out the validation rows and standardises: all
     * that can reject the data, done before any training, so that a caller can refuse a request
     * at once and run the training later, elsewhere.
     *
     * @throws IllegalArgumentException when the data does not fit the network or the split leaves
     *                                  a side empty
     */
    public Prepared prepare(Network initial, Dataset data, TrainingConfig config) {
        return prepare(initial, data, null, config);
    }

    /**
     * As {@link #prepare(Network, Dataset, TrainingConfig)}, with validation rows chosen by the
     * caller instead of a hold-out: the training rows are all of {@code data}, standardised with
     * their own means and deviations, which the validation rows are standardised with too.
     *
     * @param validation the validation rows; null to hold out {@code config.validationSplit()} of
     *                   {@code data} instead
     * @throws IllegalArgumentException when either side does not fit the network, or when
     *                                  validation rows come with a validation split above 0
     */
    public Prepared prepare(Network initial, Dataset data, Dataset validation, TrainingConfig config) {
        return prepare(initial, data, validation, config, false, null);
    }

    /**
     * Prepares a warm start: a run that goes on from {@code start}'s weights and standardisation
     * (kept as they are, not fitted again on {@code data}; {@code config.standardize()} and
     * {@code standardizeTargets()} play no part) and, when {@code state} is given, from the
     * optimizer's moments and step, the epoch count and the epoch-order stream of the run that
     * produced them. Its epochs are numbered on from {@code state.epochsCompleted() + 1} and
     * {@code config.epochs()} more run; its learning-rate schedule and early stopping count from
     * its own first epoch. Without a state the optimizer starts afresh and the epochs from 1.
     *
     * @param state where the run that produced {@code start} ended; null for none (weights made
     *              elsewhere, such as an imported model's)
     * @throws IllegalArgumentException when the data does not fit the network, the split leaves a
     *                                  side empty, or the state is of another optimizer or
     *                                  covers another number of parameters
     */
    public Prepared prepareWarmStart(Network start, TrainingState state, Dataset data, Dataset validation,
                                     TrainingConfig config) {
        if (state != null) {
            OptimizerSpec.Kind saved = state.optimizer().kind();
            if (saved != config.optimizer().kind()) {
                throw new IllegalArgumentException("the saved state is of the " + name(saved)
                        + " optimizer; this run's is " + name(config.optimizer().kind()));
            }
            long parameters = start.spec().parameterCount();
            if (state.optimizer().bufferCount() > 0 && state.optimizer().parameterCount() != parameters) {
                throw new IllegalArgumentException("the saved optimizer state covers "
                        + state.optimizer().parameterCount() + " parameters; the network has " + parameters);
            }
        }
        return prepare(start, data, validation, config, true, state);
    }

    private static String name(OptimizerSpec.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** @param keep whether to keep {@code initial}'s standardisation rather than fit one on the training rows */
    private Prepared prepare(Network initial, Dataset data, Dataset validation, TrainingConfig config, boolean keep,
                             TrainingState state) {
        NetworkSpec spec = initial.spec();
        checkFits(spec, data);
        float[] weights = config.classWeights();
        if (weights != null && (spec.task() != Task.CLASSIFICATION || weights.length != spec.outputSize())) {
            throw new IllegalArgumentException(weights.length + " class weights for a " + spec.task().wireName()
                    + " network of " + spec.outputSize() + " outputs");
        }
        // the rows are copied when they will be standardised in place
        boolean standardizes = keep ? !initial.standardizer().isIdentity() : config.standardize();
        Split split;
        if (validation == null) {
            split = Split.of(data, config.validationSplit(), standardizes,
                    new SplittableRandom(config.seed()).split());
        } else {
            if (config.validationSplit() > 0) {
                throw new IllegalArgumentException("validationSplit is " + config.validationSplit()
                        + " while validation rows are given; use one or the other");
            }
            checkFits(spec, validation);
            split = Split.given(data, validation, standardizes);
        }
        Standardizer standardizer = keep ? initial.standardizer()
                : config.standardize() ? Standardizer.fit(split.trainX(), split.trainRows(), spec.inputSize())
                : Standardizer.identity(spec.inputSize());
        if (!standardizer.isIdentity()) {
            standardizer.apply(split.trainX(), 0, split.trainRows(), split.trainX(), 0);
            standardizer.apply(split.validX(), 0, split.validRows(), split.validX(), 0);
        }
        Standardizer targets = keep ? initial.targetStandardizer() : Standardizer.identity(spec.outputSize());
        if (!keep && split.isRegression() && config.standardizeTargets()) {
            targets = Standardizer.fit(split.trainT(), split.trainRows(), spec.outputSize());
        }
        if (split.isRegression() && !targets.isIdentity()) {
            // the split's targets are its own copies: standardised in place
            targets.apply(split.trainT(), 0, split.trainRows(), split.trainT(), 0);
            targets.apply(split.validT(), 0, split.validRows(), split.validT(), 0);
        }
        return new Prepared(initial, split, standardizer, targets, config, state);
    }

    /**
     * Data split and standardised, ready to train: each {@link #run} starts from the initial
     * network or a checkpoint and leaves this object unchanged, so it may run again.
     */
    public final class Prepared {
        private final Network initial;
        private final Split split;
        private final Standardizer standardizer;
        private final Standardizer targetStandardizer;
        private final TrainingConfig config;
        /** A warm start's state to go on from; null for a run from epoch 1. */
        private final TrainingState warm;

        private Prepared(Network initial, Split split, Standardizer standardizer, Standardizer targetStandardizer,
                         TrainingConfig config, TrainingState warm) {
            this.warm = warm;
            this.initial = initial;
            this.split = split;
            this.standardizer = standardizer;
            this.targetStandardizer = targetStandardizer;
            this.config = config;
        }

        public int trainingRows() {
            return split.trainRows();
        }

        public int validationRows() {
            return split.validRows();
        }

        /** Rows per mini-batch this run will use. */
        public int batchSize() {
            return config.effectiveBatchSize(split.trainRows());
        }

        /**
         * Runs the training from the initial network's weights.
         *
         * @throws IllegalStateException       when the loss stops being finite (divergence)
         * @throws CancellationException       when the listener cancels the run
         * @throws TrainingSuspendedException when the listener asks to suspend it; it carries the
         *                                     checkpoint to continue from
         */
        public TrainingResult run(TrainingListener listener) {
            return run(listener, null);
        }

        /**
         * Continues a run from a checkpoint that it, or a run on the same data, configuration
         * ({@code epochs} may be larger), kernel and thread count, produced: through
         * {@link TrainingListener#onCheckpoint}, a {@link TrainingSuspendedException} or a
         * {@link TrainingResult#checkpoint}. The epochs after the checkpoint give the bits the
         * uninterrupted run gave, durations aside.
         *
         * @param checkpoint where to continue; null to start at epoch 1, as {@link #run(TrainingListener)}
         * @throws IllegalArgumentException   when the checkpoint was taken with another number of
         *                                     workers, parameters, optimizer, early-stopping setting,
         *                                     or lies beyond this run's epochs
         * @throws IllegalStateException       when the loss stops being finite (divergence)
         * @throws CancellationException       when the listener cancels the run
         * @throws TrainingSuspendedException when the listener asks to suspend it
         */
        public TrainingResult run(TrainingListener listener, TrainingCheckpoint checkpoint) {
            NetworkSpec spec = initial.spec();
            TrainingRun run = new TrainingRun(spec, initial.parameters(), split, config, listener, matMul, threads,
                    warm, checkpoint);
            run.execute();
            TrainingCheckpoint end = run.finish();
            Network trained = new Network(spec, run.params, standardizer, targetStandardizer, initial.matMul());
            return new TrainingResult(trained, run.stopReason, run.best(), run.last(), end);
        }
    }

    private static void checkFits(NetworkSpec spec, Dataset data) {
        if (data.columns() != spec.inputSize()) {
            throw new IllegalArgumentException("the rows have " + data.columns()
                    + " features; the network expects " + spec.inputSize());
        }
        if (data.isRegression() != (spec.task() == Task.REGRESSION)) {
            throw new IllegalArgumentException("a " + spec.task().wireName() + " network trains on "
                    + (data.isRegression() ? "labels" : "targets") + ", the rows have "
                    + (data.isRegression() ? "targets" : "labels"));
        }
        if (data.isRegression()) {
            if (data.outputs() != spec.outputSize()) {
                throw new IllegalArgumentException("the rows have " + data.outputs()
                        + " targets each; the network gives " + spec.outputSize());
            }
            return;
        }
        int[] labels = data.labels();
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= spec.outputSize()) {
                throw new IllegalArgumentException("label " + labels[r] + " of row " + r
                        + " is outside the " + spec.outputSize() + " classes");
            }
        }
    }
}
