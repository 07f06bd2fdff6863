package io.mlpservice.model;

import io.mlpservice.engine.SoftmaxCrossEntropy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/** Class and probabilities of each input row, in the order of the rows. */
@Schema(description = "Class and class probabilities of each input row, in order")
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
        return new PredictionResponse(answer.model().id(), answer.version().version(), answer.version().jobId(),
                new Rows(answer.model().classes(), answer.probabilities(), answer.rows()));
    }

    /**
     * The answers of all rows, written straight from the network's probabilities as a JSON array
     * of {@link Prediction}s: no object per row and no boxed number on the way out.
     *
     * @param probabilities (rows, classes) row-major, as the network computed them
     */
    @JsonSerialize(using = Rows.Writer.class)
    public record Rows(List<String> classes, float[] probabilities, int rows) {

        /** The most probable class of a row; the first of equals, as {@code argmax} everywhere. */
        public int best(int row) {
            return SoftmaxCrossEntropy.argmax(probabilities, row * classes.size(), classes.size());
        }

        /** {@code [{"label": ..., "classIndex": ..., "probabilities": {class: p, ...}}, ...]}. */
        static final class Writer extends ValueSerializer<Rows> {
            @Override
            public void serialize(Rows rows, JsonGenerator gen, SerializationContext ctxt) {
                List<String> classes = rows.classes();
                int count = classes.size();
                float[] p = rows.probabilities();
                gen.writeStartArray(rows, rows.rows());
                for (int r = 0; r < rows.rows(); r++) {
                    int best = rows.best(r);
                    gen.writeStartObject();
                    gen.writeStringProperty("label", classes.get(best));
                    gen.writeNumberProperty("classIndex", best);
                    gen.writeName("probabilities");
                    gen.writeStartObject();
                    for (int c = 0, at = r * count; c < count; c++, at++) {
                        gen.writeName(classes.get(c));
                        gen.writeNumber(p[at]);
                    }
                    gen.writeEndObject();
                    gen.writeEndObject();
                }
                gen.writeEndArray();
            }
        }
    }

    /** One row's answer, as {@link Rows} writes it (the shape the OpenAPI document shows). */
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
