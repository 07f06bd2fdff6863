package io.mlpservice.insight;

import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import java.util.List;

/**
 * The body of {@code POST /api/v1/models/{id}/evaluations}: a stored dataset, or rows with their
 * answers, and optionally the version to evaluate.
 */
@Schema(description = "The rows to evaluate the model on: `datasetId`, or `features` with `labels` (a classifier) "
        + "or `targets` (a regression)", example = "{\"features\": " + EvaluationRequest.EXAMPLE_FEATURES
        + ", \"labels\": " + EvaluationRequest.EXAMPLE_LABELS + "}")
public record EvaluationRequest(
        @Schema(description = "A stored dataset, instead of `features` with `labels` or `targets`")
        String datasetId,
        @Schema(description = "Rows, each with the model's `inputSize` finite numbers", example = EXAMPLE_FEATURES)
        NumberMatrix features,
        @Schema(description = "The true class of each row, as a class name or a class index", example = EXAMPLE_LABELS)
        List<ClassLabel> labels,
        @Schema(description = "The true values of each row, for a regression model, instead of `labels`")
        NumberMatrix targets,
        @Schema(description = "The version to evaluate. Default: the serving one", example = "1")
        @Min(1)
        Integer version) {

    /** Six iris flowers, two of each species. */
    static final String EXAMPLE_FEATURES = "[[5.1, 3.5, 1.4, 0.2], [4.9, 3.0, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4], "
            + "[6.4, 3.2, 4.5, 1.5], [6.3, 3.3, 6.0, 2.5], [5.8, 2.7, 5.1, 1.9]]";
    static final String EXAMPLE_LABELS = "[\"setosa\", \"setosa\", \"versicolor\", \"versicolor\", \"virginica\", "
            + "\"virginica\"]";

    EvaluationData data() {
        return new EvaluationData(datasetId, features, null, labels, targets);
    }
}
