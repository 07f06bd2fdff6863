package io.mlpservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlpservice.engine.SoftmaxCrossEntropy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/** The answer of each input row, in the order of the rows: a class and probabilities, or values. */
@Schema(description = "Class and class probabilities (a classifier) or values (a regression) of each input row, "
        + "in order")
public record PredictionResponse(
        @Schema(description = "The model that answered")
        String modelId,
        @Schema(description = "The version whose weights answered", example = "2")
        int version,
        @Schema(description = "The job that trained that version")
        String jobId,
        @Schema(description = "One answer per input row, in order")
        Rows predictions) {

    static PredictionResponse from(io.mlpservice.model.Prediction answer) {
        Rows rows = answer.isRegression()
                ? new Rows(null, null, answer.values(), answer.outputSize(), answer.rows())
                : new Rows(answer.model().classes(), answer.probabilities(), null, 0, answer.rows());
        return new PredictionResponse(answer.model().id(), answer.version().version(), answer.version().jobId(), rows);
    }

    /**
     * The answers of all rows, written straight from the network's outputs as a JSON array of
     * {@link Prediction}s: no object per row and no boxed number on the way out.
     *
     * @param classes       a classifier's class names; null for a regression
     * @param probabilities (rows, classes) row-major, as the network computed them; null for a regression
     * @param values        (rows, outputs) row-major in the targets' units; null for a classifier
     * @param outputs       values a row of a regression; 0 for a classifier
     */
    @JsonSerialize(using = Rows.Writer.class)
    public record Rows(List<String> classes, float[] probabilities, float[] values, int outputs, int rows) {

        /** The most probable class of a row; the first of equals, as {@code argmax} everywhere. */
        public int best(int row) {
            return SoftmaxCrossEntropy.argmax(probabilities, row * classes.size(), classes.size());
        }

        /**
         * {@code [{"label": ..., "classIndex": ..., "probabilities": {class: p, ...}}, ...]}, or
         * {@code [{"values": [...]}, ...]} for a regression.
         */
        static final class Writer extends ValueSerializer<Rows> {
            @Override
            public void serialize(Rows rows, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeStartArray(rows, rows.rows());
                for (int r = 0; r < rows.rows(); r++) {
                    gen.writeStartObject();
                    if (rows.values() != null) {
                        gen.writeName("values");
                        gen.writeStartArray(rows.values(), rows.outputs());
                        for (int k = 0, at = r * rows.outputs(); k < rows.outputs(); k++, at++) {
                            gen.writeNumber(rows.values()[at]);
                        }
                        gen.writeEndArray();
                    } else {
                        writeClass(rows, r, gen);
                    }
                    gen.writeEndObject();
                }
                gen.writeEndArray();
            }

            private static void writeClass(Rows rows, int r, JsonGenerator gen) {
                List<String> classes = rows.classes();
                int count = classes.size();
                float[] p = rows.probabilities();
                int best = rows.best(r);
                gen.writeStringProperty("label", classes.get(best));
                gen.writeNumberProperty("classIndex", best);
                gen.writeName("probabilities");
                gen.writeStartObject();
                for (int c = 0, at = r * count; c < count; c++, at++) {
                    gen.writeName(classes.get(c));
                    gen.writeNumber(p[at]);
                }
                gen.writeEndObject();
            }
        }
    }

    /** One row's answer, as {@link Rows} writes it (the shape the OpenAPI document shows). */
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
