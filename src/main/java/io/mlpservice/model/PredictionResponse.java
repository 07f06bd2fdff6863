package io.mlpservice.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** Class and probabilities of each input row, in the order of the rows. */
@Schema(description = "Class and class probabilities of each input row, in order")
public record PredictionResponse(
        @Schema(description = "The model that answered")
        String modelId,
        @Schema(description = "The job whose weights answered")
        String jobId,
        List<Prediction> predictions) {

    /** One row's answer. */
    @Schema(description = "The most probable class of one row, and every class's probability")
    public record Prediction(
            @Schema(description = "Name of the most probable class", example = "setosa")
            String label,
            @Schema(description = "Index of the most probable class", example = "0")
            int classIndex,
            @Schema(description = "Probability of each class, by name; they sum to 1",
                    example = "{\"setosa\": 0.97, \"versicolor\": 0.02, \"virginica\": 0.01}")
            Map<String, Float> probabilities) {
    }
}
