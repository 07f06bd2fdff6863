package io.mlpservice.insight;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Permutation importance of a model version's features: the metric, its score on the rows as
 * they are, and per feature how much worse it gets when that feature's column is shuffled.
 */
@Schema(description = "Permutation importance: most important feature first")
public record ImportanceResponse(
        @Schema(description = "The version measured", example = "1")
        int version,
        @Schema(description = "Rows scored", example = "150")
        long rows,
        @Schema(description = "The score measured", example = "accuracy")
        String metric,
        @Schema(description = "The score on the rows as they are", example = "0.98")
        double baseline,
        @Schema(description = "Shuffles of each feature", example = "5")
        int repeats,
        @Schema(description = "The seed of the shuffles", example = "7")
        long seed,
        @Schema(description = "Every feature, by mean decrease, largest first")
        List<Feature> features) {

    /** One feature: how much worse the metric gets when its column is shuffled (higher: more important). */
    public record Feature(
            @Schema(example = "petal_length") String feature,
            @Schema(description = "Its column", example = "2") int index,
            @Schema(description = "Mean over the repeats of baseline minus shuffled score (shuffled minus baseline "
                    + "for a loss: logLoss, mse)", example = "0.53") double meanDecrease,
            @Schema(description = "Population deviation of the decrease over the repeats", example = "0.04") double std) {
    }
}
