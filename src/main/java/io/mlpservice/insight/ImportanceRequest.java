package io.mlpservice.insight;

import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;

/**
 * The body of {@code POST /api/v1/models/{id}/feature-importance}: the rows (a stored dataset, or
 * rows with their answers), how many shuffles of each feature, the seed and the metric.
 */
@Schema(description = "Rows to measure permutation importance on (`datasetId`, or `features` with `labels` or "
        + "`targets`), shuffles per feature, seed and metric", example = "{\"features\": "
        + EvaluationRequest.EXAMPLE_FEATURES + ", \"labels\": " + EvaluationRequest.EXAMPLE_LABELS
        + ", \"repeats\": 5, \"seed\": 7}")
public record ImportanceRequest(
        @Schema(description = "A stored dataset, instead of `features` with `labels` or `targets`")
        String datasetId,
        @Schema(description = "Rows, each with the model's `inputSize` finite numbers",
                example = EvaluationRequest.EXAMPLE_FEATURES)
        NumberMatrix features,
        @Schema(description = "Names of the features' columns, in order. Default: the dataset's, or x0, x1...",
                example = "[\"sepal_length\", \"sepal_width\", \"petal_length\", \"petal_width\"]")
        List<String> featureNames,
        @Schema(description = "The true class of each row", example = EvaluationRequest.EXAMPLE_LABELS)
        List<ClassLabel> labels,
        @Schema(description = "The true values of each row, for a regression model, instead of `labels`")
        NumberMatrix targets,
        @Schema(description = "Shuffles of each feature. Default: 5", example = "5")
        @Min(1) @Max(100)
        Integer repeats,
        @Schema(description = "Seeds the shuffles: the same seed gives the same answer. Default: the model's seed",
                example = "7")
        Long seed,
        @Schema(description = "The score whose loss is measured: `accuracy` (default) or `logLoss` for a "
                + "classifier, `r2` (default) or `mse` for a regression", example = "accuracy")
        String metric,
        @Schema(description = "The version to measure. Default: the serving one", example = "1")
        @Min(1)
        Integer version) {

    static final int DEFAULT_REPEATS = 5;

    EvaluationData data() {
        return new EvaluationData(datasetId, features, featureNames, labels, targets);
    }
}
