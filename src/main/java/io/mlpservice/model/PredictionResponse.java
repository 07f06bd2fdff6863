package io.mlpservice.model;

import io.swagger.v3.oas.annotations.media.Schema;
import io.mlpservice.engine.SoftmaxCrossEntropy;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Class and probabilities (a classifier) or values (a regression) of each input row, in the order of the rows. */
@Schema(description = "Class and class probabilities (a classifier) or values (a regression) of each input row, in order")
public record PredictionResponse(
        @Schema(description = "The model that answered")
        String modelId,
        @Schema(description = "The version whose weights answered", example = "2")
        int version,
        @Schema(description = "The job that trained that version")
        String jobId,
        List<Prediction> predictions) {

    static PredictionResponse from(io.mlpservice.model.Prediction answer) {
        if (answer.isRegression()) {
            return regression(answer);
        }
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
            predictions.add(new Prediction(classes.get(best), best, byClass, null));
        }
        return new PredictionResponse(answer.model().id(), answer.version().version(), answer.version().jobId(),
                predictions);
    }

    // A regression: one array of outputSize values a row, in the targets' units.
    private static PredictionResponse regression(io.mlpservice.model.Prediction answer) {
        int outputs = answer.outputSize();
        float[] y = answer.values();
        List<Prediction> predictions = new ArrayList<>(answer.rows());
        for (int r = 0; r < answer.rows(); r++) {
            predictions.add(new Prediction(null, null, null, Arrays.copyOfRange(y, r * outputs, (r + 1) * outputs)));
        }
        return new PredictionResponse(answer.model().id(), answer.version().version(), answer.version().jobId(),
                predictions);
    }

    /** One row's answer: a class and the probabilities of a classifier, or the values of a regression. */
    @Schema(description = "A classifier's most probable class of one row and every class's probability; "
            + "or a regression's values of the row")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Prediction(
            @Schema(description = "Name of the most probable class (a classifier)", example = "setosa")
            String label,
            @Schema(description = "Index of the most probable class (a classifier)", example = "0")
            Integer classIndex,
            @Schema(description = "Probability of each class, by name; they sum to 1 (a classifier)",
                    example = "{\"setosa\": 0.97, \"versicolor\": 0.02, \"virginica\": 0.01}")
            Map<String, Float> probabilities,
            @Schema(description = "The predicted values of the row, `outputSize` of them, in the targets' units "
                    + "(a regression)", example = "[3.21]")
            float[] values) {
    }
}
