package io.mlpservice.insight;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * How the inputs a model version has been asked to predict compare with its training data, as
 * {@code GET /api/v1/models/{id}/drift} answers: per feature, the training mean and deviation
 * (the version's standardisation) beside the recent ones, the shift between the means, and
 * whether the feature drifted by the rule in {@link DriftProperties}.
 */
@Schema(description = "Running statistics of the inputs a version was asked to predict, beside its training data's")
public record DriftResponse(
        @Schema(description = "The version whose inputs these are", example = "1")
        int version,
        @Schema(description = "Rows it has answered since it first served in this process", example = "150")
        long rows,
        @Schema(description = "Whether any feature drifted", example = "false")
        boolean drifted,
        @Schema(description = "The rule `drifted` follows, with its thresholds")
        Rule rule,
        @Schema(description = "One entry per feature, in the model's input order")
        List<FeatureDrift> features) {

    /** The thresholds in force (mlp.drift.*). */
    public record Rule(
            @Schema(description = "Rows needed before a feature can be called drifted", example = "100")
            long minRows,
            @Schema(description = "|shift| beyond which a feature drifted, in training deviations", example = "0.5")
            double maxShift,
            @Schema(description = "Recent deviation over training deviation beyond which (or below its inverse) "
                    + "a feature drifted", example = "2")
            double maxStdRatio) {
    }

    /**
     * One feature. The recent figures and the shift are null before any row; the training
     * figures and the shift are null for a version trained without standardisation, which kept none.
     */
    public record FeatureDrift(
            @Schema(description = "The feature's name: x0, x1... in input order", example = "x2")
            String feature,
            @Schema(description = "Its position in a row", example = "2")
            int index,
            @Schema(description = "Mean of the training rows; null for a version trained without standardisation",
                    example = "3.758", types = {"number", "null"})
            Double trainingMean,
            @Schema(description = "Population deviation of the training rows (1 for a constant feature); null without "
                    + "standardisation",
                    example = "1.759", types = {"number", "null"})
            Double trainingStd,
            @Schema(description = "Mean of the rows predicted; null before any row", example = "3.9",
                    types = {"number", "null"})
            Double recentMean,
            @Schema(description = "Population deviation of the rows predicted; null before any row", example = "1.7",
                    types = {"number", "null"})
            Double recentStd,
            @Schema(description = "(recentMean - trainingMean) / trainingStd; null when either is", example = "0.08",
                    types = {"number", "null"})
            Double shift,
            @Schema(description = "Whether this feature drifted by the rule", example = "false")
            boolean drifted) {
    }
}
