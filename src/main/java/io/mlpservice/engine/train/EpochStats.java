package io.mlpservice.engine.train;

/**
 * What one epoch measured. The training figures average the loss and accuracy of each mini-batch
 * before its update, as scikit-learn's {@code loss_curve_} does; the validation figures are a
 * pass over the held-out rows after the epoch's last update, NaN when there is no split. For a
 * regression the accuracy slots hold R² (see {@link io.mlpservice.engine.SquaredError#r2}), and
 * the loss is that of the standardised targets when they are standardised.
 *
 * @param epoch          1-based
 * @param durationNanos  wall time of the epoch, validation included
 * @param learningRate   the learning rate of the epoch's updates; NaN when not recorded (stats read
 *                       back from a checkpoint written before it was)
 */
public record EpochStats(int epoch, double trainingLoss, double trainingAccuracy,
                         double validationLoss, double validationAccuracy, long durationNanos,
                         double learningRate) {

    /** Stats with no learning rate recorded. */
    public EpochStats(int epoch, double trainingLoss, double trainingAccuracy, double validationLoss,
                      double validationAccuracy, long durationNanos) {
        this(epoch, trainingLoss, trainingAccuracy, validationLoss, validationAccuracy, durationNanos, Double.NaN);
    }

    /** Whether validation figures were measured. */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}
