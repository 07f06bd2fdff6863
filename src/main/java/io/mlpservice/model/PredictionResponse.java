package io.mlpservice.model;

import io.swagger.v3.oas.annotations.media.Schema;
import io.mlpservice.engine.SoftmaxCrossEntropy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Class and probabilities of each input row, in the order of the rows. */
@Schema(description = "Class and class probabilities of each input row, in order")
public record PredictionResponse(
        @Schema(description = "The model that answered")
        String modelId,
        @Schema(description = "The version whose weights answered", example = "2")
        int version,
        @Schema(description = "The job that trained that version")
        String jobId,
        List<Prediction> predictions) {

    static PredictionResponse from(io.mlpservice.model.Prediction answer) {
        List<String> classes = answer.model().classes();
        int count = classes.size();
        float[] p = answer.probabilities();
        List<Prediction> predictions = new ArrayList<>(answer.rows());
        for (int r = 0; r < answer.rows(); r++) {
            int offset = r * count;
            int best = SoftmaxCrossEntropy.argmax(p, offset, count);
            Map<String, Float> byClass = new LinkedHashMap<>();
            for (int c = 0; c < count; c++) {
                byClass.put(classes.get(c), p[offset + c]);
            }
            predictions.add(new Prediction(classes.get(best), best, byClass));
        }
        return new PredictionResponse(answer.model().id(), answer.version().version(), answer.version().jobId(),
                predictions);
    }

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
