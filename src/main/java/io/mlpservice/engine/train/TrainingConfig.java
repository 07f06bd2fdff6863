package io.mlpservice.engine.train;

import io.mlpservice.engine.optim.OptimizerSpec;
import java.util.Objects;

/**
 * How to train: every hyperparameter of one run.
 *
 * @param epochs          passes over the training rows (an upper bound with early stopping)
 * @param batchSize       rows per mini-batch; 0 means {@code min(200, rows)}; a value at least the
 *                        number of training rows gives full-batch gradient descent
 * @param optimizer       update rule and its hyperparameters, learning rate included
 * @param l2              L2 penalty: the objective adds {@code l2 / 2 · Σ w²} over the weights
 *                        (not the biases), so each step adds {@code l2 · w} to their gradient
 * @param validationSplit fraction of rows held out, stratified by class, before training; 0 for none
 * @param earlyStopping   null to always run every epoch
 * @param standardize     learn per-feature means and deviations from the training rows
 * @param shuffle         visit the rows in a new seeded order every epoch
 * @param seed            seeds the epoch order and the validation split
 * @param standardizeTargets for a regression, learn each target's mean and deviation from the
 *                        training rows and train on standardised targets; predictions undo it.
 *                        Ignored by a classification
 * @param schedule        how the optimizer's learning rate changes from epoch to epoch; null for
 *                        {@link LearningRateSchedule#CONSTANT}
 * @param classWeights    a classifier's weight of each class in the training loss and its gradient
 *                        (each row's cross-entropy times its class's weight, still divided by the
 *                        rows of the batch); null for all 1. The validation loss is not weighted
 * @param gradientClipNorm when positive, each mini-batch's gradient (the L2 term included) is
 *                        scaled down to this global L2 norm when it is longer; 0 for no clipping
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerSpec optimizer, float l2,
                             double validationSplit, EarlyStopping earlyStopping,
                             boolean standardize, boolean shuffle, long seed, boolean standardizeTargets,
                             LearningRateSchedule schedule, float[] classWeights, float gradientClipNorm) {

    /** Rows per mini-batch when the client does not choose: scikit-learn's {@code min(200, rows)}. */
    public static final int DEFAULT_BATCH_CAP = 200;

    public TrainingConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be positive (or 0 for the default), was " + batchSize);
        }
        if (!(l2 >= 0f) || !Float.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and at least 0, was " + l2);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1), was " + validationSplit);
        }
        if (schedule == null) {
            schedule = LearningRateSchedule.CONSTANT;
        }
        if (classWeights != null) {
            classWeights = classWeights.clone();
            for (int c = 0; c < classWeights.length; c++) {
                if (!(classWeights[c] >= 0f) || !Float.isFinite(classWeights[c])) {
                    throw new IllegalArgumentException("the weight of class " + c + " must be finite and at least 0, was "
                            + classWeights[c]);
                }
            }
        }
        if (!(gradientClipNorm >= 0f) || !Float.isFinite(gradientClipNorm)) {
            throw new IllegalArgumentException("gradientClipNorm must be finite and at least 0, was " + gradientClipNorm);
        }
    }

    /** A configuration with a constant learning rate that standardises a regression's targets. */
    public TrainingConfig(int epochs, int batchSize, OptimizerSpec optimizer, float l2, double validationSplit,
                          EarlyStopping earlyStopping, boolean standardize, boolean shuffle, long seed) {
        this(epochs, batchSize, optimizer, l2, validationSplit, earlyStopping, standardize, shuffle, seed, true, null,
                null, 0f);
    }

    /** A configuration with a constant learning rate. */
    public TrainingConfig(int epochs, int batchSize, OptimizerSpec optimizer, float l2, double validationSplit,
                          EarlyStopping earlyStopping, boolean standardize, boolean shuffle, long seed,
                          boolean standardizeTargets) {
        this(epochs, batchSize, optimizer, l2, validationSplit, earlyStopping, standardize, shuffle, seed,
                standardizeTargets, null, null, 0f);
    }

    /** A configuration with neither class weights nor gradient clipping. */
    public TrainingConfig(int epochs, int batchSize, OptimizerSpec optimizer, float l2, double validationSplit,
                          EarlyStopping earlyStopping, boolean standardize, boolean shuffle, long seed,
                          boolean standardizeTargets, LearningRateSchedule schedule) {
        this(epochs, batchSize, optimizer, l2, validationSplit, earlyStopping, standardize, shuffle, seed,
                standardizeTargets, schedule, null, 0f);
    }

    /** A copy of the class weights, or null. */
    @Override
    public float[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /** Mini-batch size for {@code rows} training rows. */
    public int effectiveBatchSize(int rows) {
        return Math.min(batchSize == 0 ? DEFAULT_BATCH_CAP : batchSize, rows);
    }
}
