package io.mlpservice.training;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A training job as the API shows it. */
@Schema(description = "A training job: its state, its progress and the figures of its latest epoch")
public record TrainingJobResponse(
        @Schema(description = "Identifier, assigned by the service", example = "9b2d7e4a-1f0c-4c3e-8a9d-2e5b6c7d8e9f")
        String id,
        @Schema(description = "The model being trained")
        String modelId,
        @Schema(description = "QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED")
        JobStatus status,
        @Schema(description = "Epochs asked for", example = "200")
        int epochsPlanned,
        @Schema(description = "Epochs finished so far", example = "57")
        int epochsCompleted,
        @Schema(description = "Fraction done, 0..1; 1 once SUCCEEDED, also after early stopping", example = "0.285")
        double progress,
        @Schema(description = "Training loss of the latest epoch", nullable = true, example = "0.183")
        Double trainingLoss,
        @Schema(description = "Training accuracy of the latest epoch", nullable = true, example = "0.95")
        Double trainingAccuracy,
        @Schema(description = "Validation loss of the latest epoch; null without a validation split", nullable = true)
        Double validationLoss,
        @Schema(description = "Validation accuracy of the latest epoch; null without a validation split", nullable = true)
        Double validationAccuracy,
        @Schema(description = "The epoch whose weights the job keeps (the best one with early stopping)", nullable = true)
        Integer bestEpoch,
        @Schema(description = "Rows trained on", example = "120")
        int trainingRows,
        @Schema(description = "Rows held out for validation", example = "30")
        int validationRows,
        Hyperparameters hyperparameters,
        Instant submittedAt,
        @Schema(nullable = true)
        Instant startedAt,
        @Schema(nullable = true)
        Instant finishedAt,
        @Schema(description = "Why the job ended; null while it runs", nullable = true)
        StopReason stopReason,
        @Schema(description = "What went wrong, when FAILED", nullable = true)
        String error,
        @Schema(description = "A cancellation was asked for and the job will stop before its next mini-batch")
        boolean cancelRequested) {
}
