package io.mlpservice.model;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.mlpservice.engine.Task;
import io.mlpservice.engine.train.EpochStats;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One epoch of one training job: what the engine measured, as the loss history stores it, the job
 * and the model's versions report it, and clients read it. A classifier's epochs carry accuracies,
 * a regression's R² (the other pair is null); the validation figures are null when the job had
 * no validation split, and read back as null where a document that holds one (an exported
 * model's {@code metrics}) is imported.
 */
@Schema(description = "One epoch of one training job. A classifier's epochs carry `trainingAccuracy` and "
        + "`validationAccuracy`, a regression's `trainingR2` and `validationR2`; the other pair is null.")
public record LossPoint(
        @Schema(description = "The job the epoch belongs to")
        String jobId,
        @Schema(description = "1-based within its job", example = "12")
        int epoch,
        @Schema(description = "Mean loss over the epoch's mini-batches, each before its update: cross-entropy of a "
                + "classifier, half the mean squared error of a regression (of its standardised targets when they "
                + "are standardised)", example = "0.412")
        double trainingLoss,
        @Schema(description = "Fraction of training rows classified right, each batch before its update; null for "
                + "a regression", types = {"number", "null"}, example = "0.87")
        @JsonSetter(nulls = Nulls.SKIP)
        Double trainingAccuracy,
        @Schema(description = "Mean loss over the held-out rows after the epoch; null without a split",
                types = {"number", "null"})
        @JsonSetter(nulls = Nulls.SKIP)
        Double validationLoss,
        @Schema(description = "Fraction of held-out rows classified right; null without a split and for a regression",
                types = {"number", "null"})
        @JsonSetter(nulls = Nulls.SKIP)
        Double validationAccuracy,
        @Schema(description = "A regression's R² over the training rows, each batch before its update (1 minus "
                + "the residual over the total sum of squares; over several outputs, each weighted by its "
                + "variance); null for a classifier", types = {"number", "null"}, example = "0.93")
        @JsonSetter(nulls = Nulls.SKIP)
        Double trainingR2,
        @Schema(description = "A regression's R² over the held-out rows after the epoch; null without a split and "
                + "for a classifier", types = {"number", "null"})
        @JsonSetter(nulls = Nulls.SKIP)
        Double validationR2,
        @Schema(description = "Wall time of the epoch in milliseconds", example = "3.2")
        double durationMillis,
        @Schema(description = "The learning rate of the epoch's updates; null for epochs recorded before it was",
                types = {"number", "null"}, example = "0.001")
        @JsonSetter(nulls = Nulls.SKIP)
        Double learningRate) {

    /** The engine's figures of an epoch of the given job, for a model of the given task. */
    public static LossPoint of(String jobId, EpochStats stats, Task task) {
        Double training = stats.trainingAccuracy();
        Double validation = stats.hasValidation() ? stats.validationAccuracy() : null;
        boolean regression = task == Task.REGRESSION;
        return new LossPoint(jobId, stats.epoch(), stats.trainingLoss(),
                regression ? null : training,
                stats.hasValidation() ? stats.validationLoss() : null,
                regression ? null : validation,
                regression ? training : null,
                regression ? validation : null,
                stats.durationNanos() / 1e6,
                Double.isNaN(stats.learningRate()) ? null : shortest(stats.learningRate()));
    }

    /** The float32 rate the engine used, written as its shortest decimal (0.005, not 0.004999999888241291). */
    private static double shortest(double rate) {
        return Double.parseDouble(Float.toString((float) rate));
    }

    /**
     * The point with its metric named for the task: a point read back from the loss history holds
     * its metric as an accuracy (the history's record has one slot for it), which for a
     * regression is its R².
     */
    public LossPoint forTask(Task task) {
        if (task != Task.REGRESSION || trainingAccuracy == null) {
            return this;
        }
        return new LossPoint(jobId, epoch, trainingLoss, null, validationLoss, null, trainingAccuracy,
                validationAccuracy, durationMillis, learningRate);
    }

    /** The metric slot: the accuracy of a classifier, the R² of a regression. */
    public double trainingMetric() {
        return trainingAccuracy != null ? trainingAccuracy : trainingR2 != null ? trainingR2 : Double.NaN;
    }

    /** The validation metric, or null without a split. */
    public Double validationMetric() {
        return validationAccuracy != null ? validationAccuracy : validationR2;
    }
}
