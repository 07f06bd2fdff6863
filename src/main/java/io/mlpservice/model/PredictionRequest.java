package io.mlpservice.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.mlpservice.error.Excerpt;
import io.mlpservice.error.InvalidInputException;
import io.mlpservice.web.InvalidJsonValueException;
import io.mlpservice.web.NumberMatrix;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of {@code POST /api/v1/models/{id}/predictions}. Read by its own {@link Reader}, token
 * by token, straight into one float array: this body is the hot path of the service, and a
 * generic record reader and a Bean Validation pass cost more than the reading itself. The rules
 * are those of every body: {@code inputs} (or {@code instances}) required and not null, no other
 * field, no field twice.
 */
@Schema(description = "Rows to classify")
@JsonDeserialize(using = PredictionRequest.Reader.class)
public record PredictionRequest(
        @Schema(description = "Input rows, each with `inputSize` finite numbers, on the scale of the training "
                + "features (the model standardises them itself). `instances` is accepted as a synonym, "
                + "as in KServe's v1 protocol.", example = "[[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]",
                requiredMode = RequiredMode.REQUIRED)
        @JsonAlias("instances")
        NumberMatrix inputs) {

    private static final String INPUTS = "inputs";
    private static final String INSTANCES = "instances";

    /** Reads {@code {"inputs": [[...], ...]}}; see the class comment for what it refuses. */
    static final class Reader extends ValueDeserializer<PredictionRequest> {

        @Override
        public PredictionRequest deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.isExpectedStartObjectToken()) {
                throw new InvalidInputException("", "the body must be an object");
            }
            NumberMatrix inputs = null;
            String given = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                if (!INPUTS.equals(name) && !INSTANCES.equals(name)) {
                    String field = Excerpt.of(name);
                    throw new InvalidInputException(field, field
                            + " is not a field of this request; expected one of inputs, instances");
                }
                if (given != null) {
                    throw new InvalidInputException(name, name + " is another name of " + given
                            + "; give one of them");
                }
                given = name;
                if (p.nextToken() == JsonToken.VALUE_NULL) {
                    throw new InvalidInputException(name, name
                            + " must not be null; an optional field is left out to take its default");
                }
                try {
                    inputs = NumberMatrix.read(p);
                } catch (InvalidJsonValueException e) {
                    throw e.prependPath(PredictionRequest.class, name);
                }
            }
            if (inputs == null) {
                throw new InvalidInputException(INPUTS, "inputs is required");
            }
            return new PredictionRequest(inputs);
        }

        /** A body of {@code null} is refused like any other null. */
        @Override
        public PredictionRequest getNullValue(DeserializationContext ctxt) {
            throw new InvalidInputException("", "the body must not be null; send an object with inputs");
        }
    }
}
