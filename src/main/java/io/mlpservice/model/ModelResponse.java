package io.mlpservice.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A model as the API shows it. */
@Schema(description = "A model: its architecture, its state and the figures of its serving version")
public record ModelResponse(
        @Schema(description = "Identifier, assigned by the service", example = "4f7c1c2e-8d1a-4b8e-9a57-0d0f5d1f3c11")
        String id,
        @Schema(example = "iris")
        String name,
        @Schema(description = "`classification` or `regression`", example = "classification")
        String task,
        @Schema(description = "Features per input row", example = "4")
        int inputSize,
        @Schema(description = "Units of each hidden layer", example = "[16, 8]")
        List<Integer> hiddenLayers,
        @Schema(description = "Each hidden layer with its units, activation and dropout")
        List<Layer> layers,
        @Schema(description = "The activation of the hidden layers that did not name their own", example = "relu")
        String activation,
        @Schema(description = "Class names in the order of the output units; empty for a regression",
                example = "[\"setosa\", \"versicolor\", \"virginica\"]")
        List<String> classes,
        @Schema(description = "Number of classes, or a regression's values per row", example = "3")
        int outputSize,
        @Schema(description = "Weights and biases", example = "243")
        long parameterCount,
        @Schema(description = "Bytes the weights take in memory when they serve: 4 per parameter (float32) and 8 "
                + "per input feature (its mean and scale)", example = "1004")
        long weightsBytes,
        @Schema(description = "Seed of the initial weights", example = "42")
        long seed,
        @Schema(description = "UNTRAINED until a job succeeds; TRAINING while a job is queued or running; TRAINED "
                + "when a version serves; BROKEN when the serving version's weights failed verification")
        ModelStatus status,
        @Schema(description = "The queued or running training job, if any", types = {"string", "null"})
        String activeJobId,
        @Schema(description = "The version that serves predictions; null until a job succeeds",
                types = {"integer", "null"}, example = "2")
        Integer servingVersion,
        @Schema(description = "The number of the newest version; 0 before the first", example = "2")
        int latestVersion,
        Instant createdAt,
        @Schema(description = "When the serving version was trained", types = {"string", "null"})
        Instant trainedAt,
        @Schema(description = "Figures of the epoch whose weights serve predictions; null until a job succeeds",
                types = {"object", "null"})
        LossPoint metrics,
        @Schema(description = "Why a BROKEN model cannot predict; null otherwise", types = {"string", "null"})
        String error,
        ModelLinks links) {

    public static ModelResponse from(ModelRecord model) {
        ModelVersion serving = model.serving();
        var spec = model.spec();
        List<Layer> layers = spec.hiddenLayers().stream()
                .map(l -> new Layer(l.units(), l.activation().wireName(), l.dropout()))
                .toList();
        return new ModelResponse(model.id(), model.name(), spec.task().wireName(), spec.inputSize(), spec.hiddenSizes(),
                layers, spec.activation().wireName(), model.classes(), spec.outputSize(), spec.parameterCount(),
                WeightsCodec.residentBytes(spec), model.seed(), model.status(), model.activeJobId(), model.servingVersion(), model.latestVersion(),
                model.createdAt(), serving == null ? null : serving.createdAt(),
                serving == null ? null : serving.metrics(), model.brokenReason(), ModelLinks.of(model));
    }

    /** One hidden layer as the model has it. */
    @Schema(name = "ModelLayer", description = "A hidden layer: its units, activation and dropout")
    public record Layer(
            @Schema(example = "16") int units,
            @Schema(example = "relu") String activation,
            @Schema(description = "Fraction of the units dropped in each training step", example = "0.0")
            double dropout) {
    }
}
