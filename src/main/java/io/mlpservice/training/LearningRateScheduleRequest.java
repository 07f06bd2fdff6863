package io.mlpservice.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A learning-rate schedule as a client asks for it (a null field takes its default) and as a job
 * reports it (every field its type uses filled in, the others left out).
 */
@Schema(name = "LearningRateSchedule", description = "How the learning rate changes from epoch to epoch (counted "
        + "from 1), starting from `learningRate`. `constant`: always `learningRate`. `step`: "
        + "learningRate·gamma^⌊(e−1)/stepSize⌋. `exponential`: learningRate·gamma^(e−1). `cosine`: a linear warm-up "
        + "over `warmupEpochs` (learningRate·e/warmupEpochs), then a half cosine from `learningRate` on the first "
        + "epoch after it to `minLearningRate` on the last. `plateau`: the rate times `factor` (never below "
        + "`minLearningRate`) whenever the validation loss (the training loss without a split) has not improved by "
        + "a relative 1e-4 for more than `patience` epochs.",
        example = "{\"type\": \"cosine\", \"warmupEpochs\": 5, \"minLearningRate\": 0.0001}")
@JsonInclude(JsonInclude.Include.NON_NULL)     // a job reports the fields its type uses
public record LearningRateScheduleRequest(
        @Schema(description = "The schedule. Default: `constant`.",
                allowableValues = {"constant", "step", "exponential", "cosine", "plateau"}, example = "cosine")
        String type,
        @Schema(description = "Epochs per step of `step`. Default: 10.", example = "10")
        @Min(1)
        Integer stepSize,
        @Schema(description = "Factor of `step` (default 0.1) and `exponential` (default 0.95), in (0, 1].",
                example = "0.5")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
        Double gamma,
        @Schema(description = "The rate `cosine` ends at and `plateau` never goes below. Default: 0.", example = "0.0001")
        @PositiveOrZero
        Double minLearningRate,
        @Schema(description = "Epochs of linear warm-up of `cosine`. Default: 0.", example = "5")
        @PositiveOrZero
        Integer warmupEpochs,
        @Schema(description = "Factor `plateau` cuts the rate by, in (0, 1). Default: 0.1.", example = "0.5")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
        Double factor,
        @Schema(description = "Epochs without improvement `plateau` waits before a cut. Default: 10.", example = "5")
        @PositiveOrZero
        Integer patience) {
}
