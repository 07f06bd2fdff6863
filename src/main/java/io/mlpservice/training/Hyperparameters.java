package io.mlpservice.training;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The hyperparameters a job runs with, defaults filled in. */
@Schema(description = "The hyperparameters the job runs with, defaults filled in")
public record Hyperparameters(
        @Schema(example = "200") int epochs,
        @Schema(description = "Rows per mini-batch, after the default and the cap at the training rows", example = "32")
        int batchSize,
        @Schema(example = "adam") String optimizer,
        @Schema(example = "0.001") double learningRate,
        @Schema(example = "0.9") double momentum,
        @Schema(example = "false") boolean nesterov,
        @Schema(example = "0.9") double beta1,
        @Schema(example = "0.999") double beta2,
        @Schema(example = "1e-8") double epsilon,
        @Schema(example = "0.0001") double l2,
        @Schema(example = "0.2") double validationSplit,
        @Schema(description = "Early stopping as it runs; null when it is off", types = {"object", "null"})
        EarlyStopping earlyStopping,
        @Schema(example = "true") boolean standardize,
        @Schema(example = "true") boolean shuffle,
        @Schema(example = "7") long seed,
        @Schema(description = "Whether a regression's targets are standardised (always false for a classifier)",
                example = "true")
        boolean standardizeTargets,
        @Schema(description = "The learning-rate schedule, its defaults filled in")
        LearningRateScheduleRequest learningRateSchedule,
        @Schema(description = "A classifier's weight of each class, by name, as resolved from `classWeights`; null "
                + "when every class weighs 1", types = {"object", "null"}, example = "{\"ham\": 0.55, \"spam\": 5.26}")
        Map<String, Double> classWeights,
        @Schema(description = "The global L2 norm gradients are clipped to; null without clipping",
                types = {"number", "null"}, example = "5.0")
        Double gradientClipNorm) {
}
