package io.mlpservice.model;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.mlpservice.engine.train.EpochStats;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One epoch of one training job: what the engine measured, as the loss history stores it, the job
 * and the model's versions report it, and clients read it. The validation figures are null when
 * the job had no validation split, and read back as null where a document that holds one (an
 * exported model's {@code metrics}) is imported.
 */
@Schema(description = "One epoch of one training job")
public record LossPoint(
        @Schema(description = "The job the epoch belongs to")
        String jobId,
        @Schema(description = "1-based within its job", example = "12")
        int epoch,
        @Schema(description = "Mean cross-entropy over the epoch's mini-batches, each before its update", example = "0.412")
        double trainingLoss,
        @Schema(description = "Fraction of training rows classified right, each batch before its update", example = "0.87")
        double trainingAccuracy,
        @Schema(description = "Mean cross-entropy over the held-out rows after the epoch; null without a split",
                types = {"number", "null"})
        @JsonSetter(nulls = Nulls.SKIP)
        Double validationLoss,
        @Schema(description = "Fraction of held-out rows classified right; null without a split",
                types = {"number", "null"})
        @JsonSetter(nulls = Nulls.SKIP)
        Double validationAccuracy,
        @Schema(description = "Wall time of the epoch in milliseconds", example = "3.2")
        double durationMillis) {

    /** The engine's figures of an epoch of the given job. */
    public static LossPoint of(String jobId, EpochStats stats) {
        return new LossPoint(jobId, stats.epoch(), stats.trainingLoss(), stats.trainingAccuracy(),
                stats.hasValidation() ? stats.validationLoss() : null,
                stats.hasValidation() ? stats.validationAccuracy() : null,
                stats.durationNanos() / 1e6);
    }
}
