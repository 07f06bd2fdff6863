package io.mlpservice.engine.train;

/**
 * What one epoch measured. The training figures average the loss and accuracy of each mini-batch
 * before its update, as scikit-learn's {@code loss_curve_} does; the validation figures are a
 * pass over the held-out rows after the epoch's last update, NaN when there is no split.
 *
 * @param epoch          1-based
 * @param durationNanos  wall time of the epoch, validation included
 */
public record EpochStats(int epoch, double trainingLoss, double trainingAccuracy,
                         double validationLoss, double validationAccuracy, long durationNanos) {

    /** Whether validation figures were measured. */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}
