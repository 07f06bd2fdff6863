package io.mlpservice.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A model as the API shows it. */
@Schema(description = "A model: its architecture, its state and the figures of its current weights")
public record ModelResponse(
        @Schema(description = "Identifier, assigned by the service", example = "4f7c1c2e-8d1a-4b8e-9a57-0d0f5d1f3c11")
        String id,
        @Schema(example = "iris")
        String name,
        @Schema(description = "Features per input row", example = "4")
        int inputSize,
        @Schema(description = "Units of each hidden layer", example = "[16, 8]")
        List<Integer> hiddenLayers,
        @Schema(example = "relu")
        String activation,
        @Schema(description = "Class names in the order of the output units", example = "[\"setosa\", \"versicolor\", \"virginica\"]")
        List<String> classes,
        @Schema(description = "Number of classes", example = "3")
        int outputSize,
        @Schema(description = "Weights and biases", example = "243")
        long parameterCount,
        @Schema(description = "Seed of the initial weights", example = "42")
        long seed,
        @Schema(description = "UNTRAINED until a job succeeds; TRAINING while a job is queued or running; else TRAINED")
        ModelStatus status,
        @Schema(description = "The queued or running training job, if any", nullable = true)
        String activeJobId,
        Instant createdAt,
        @Schema(description = "When the current weights were put in place", nullable = true)
        Instant trainedAt,
        @Schema(description = "Figures of the epoch whose weights serve predictions; null until a job succeeds")
        Metrics metrics) {

    /** Loss and accuracy of the current weights. */
    @Schema(description = "Loss and accuracy of the epoch whose weights serve predictions")
    public record Metrics(
            @Schema(description = "The job that trained the current weights")
            String jobId,
            @Schema(description = "The epoch (1-based) whose weights these are", example = "87")
            int epoch,
            @Schema(description = "Mean cross-entropy over the training rows", example = "0.061")
            double trainingLoss,
            @Schema(example = "0.983")
            double trainingAccuracy,
            @Schema(description = "Mean cross-entropy over the held-out rows; null without a validation split", nullable = true)
            Double validationLoss,
            @Schema(nullable = true)
            Double validationAccuracy) {
    }

    static ModelResponse from(Model model) {
        TrainedState trained = model.trained().orElse(null);
        Metrics metrics = null;
        if (trained != null) {
            LossPoint p = trained.metrics();
            metrics = new Metrics(trained.jobId(), p.epoch(), p.trainingLoss(), p.trainingAccuracy(),
                    p.validationLoss(), p.validationAccuracy());
        }
        var spec = model.spec();
        return new ModelResponse(model.id(), model.name(), spec.inputSize(), spec.hiddenSizes(),
                spec.activation().wireName(), model.classes(), spec.outputSize(), spec.parameterCount(),
                model.seed(), model.status(), model.activeJobId(), model.createdAt(),
                trained == null ? null : trained.trainedAt(), metrics);
    }
}
