package io.mlpservice.training;

import io.mlpservice.engine.train.StopReason;
import io.mlpservice.model.LossPoint;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

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
        @Schema(description = "Epochs of this job finished so far (after a warm start, not counting the version's)",
                example = "57")
        int epochsCompleted,
        @Schema(description = "The number of the job's first epoch: 1, or after a warm start the one after the "
                + "version's last (the loss history, `bestEpoch` and `resumedFromEpoch` use these numbers)",
                example = "1")
        int firstEpoch,
        @Schema(description = "Fraction done, 0..1; 1 once SUCCEEDED, also after early stopping", example = "0.285")
        double progress,
        @Schema(description = "Training loss of the latest epoch", nullable = true, example = "0.183")
        Double trainingLoss,
        @Schema(description = "Training accuracy of the latest epoch; null for a regression", nullable = true,
                example = "0.95")
        Double trainingAccuracy,
        @Schema(description = "Validation loss of the latest epoch; null without a validation split", nullable = true)
        Double validationLoss,
        @Schema(description = "Validation accuracy of the latest epoch; null without a validation split and for a "
                + "regression", nullable = true)
        Double validationAccuracy,
        @Schema(description = "A regression's training R² of the latest epoch; null for a classifier", nullable = true,
                example = "0.93")
        Double trainingR2,
        @Schema(description = "A regression's validation R² of the latest epoch; null without a validation split and "
                + "for a classifier", nullable = true)
        Double validationR2,
        @Schema(description = "The learning rate of the latest epoch", nullable = true, example = "0.001")
        Double learningRate,
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
        boolean cancelRequested,
        @Schema(description = "How often a restart of the service (in a cluster, the loss of the member running "
                + "it) interrupted the job; it then continued from its last checkpoint", example = "0")
        int restarts,
        @Schema(description = "The last epoch restored from a checkpoint when a restart interrupted the job; "
                + "training went on with the next one. Null when never interrupted", types = {"integer", "null"})
        Integer resumedFromEpoch,
        @Schema(description = "The model version the job produced, once it succeeded", types = {"integer", "null"},
                example = "1")
        Integer version,
        @Schema(description = "Estimated peak memory of the job in bytes, known before it starts: its rows and "
                + "their standardised copy, the parameters with the optimizer's state, the best epoch's and the "
                + "final checkpoint, and each thread's gradients and activations for its share of a batch (see the "
                + "README)", types = {"integer", "null"}, example = "2457600")
        Long estimatedMemoryBytes,
        @Schema(description = "In a cluster, the member running the job (host:port of its cluster address), null "
                + "while it waits; once it ended, the member that ended it. Null for a single process",
                types = {"string", "null"}, example = "127.0.0.1:5702")
        String member,
        @Schema(description = "The job was submitted with `\"warmStart\": true`", example = "false")
        boolean warmStart,
        @Schema(description = "The version whose weights, standardisation and saved training state the job goes on "
                + "from; null for a job that starts from the seeded initial weights (without `warmStart`, or on a "
                + "model with no trained version)", types = {"integer", "null"}, example = "1")
        Integer warmStartedFromVersion) {

    /** The job's view, with the figures of its latest epoch; {@code classes} name its class weights. */
    static TrainingJobResponse from(JobRecord job, List<String> classes) {
        LossPoint last = job.latest();
        int planned = job.config().epochs();
        int completed = last == null ? 0 : Math.max(0, last.epoch() - job.epochsBefore());
        double progress = job.status() == JobStatus.SUCCEEDED ? 1.0 : (double) completed / planned;
        WarmStart warm = job.warmStart();
        return new TrainingJobResponse(job.id(), job.modelId(), job.status(), planned, completed,
                job.epochsBefore() + 1, progress,
                last == null ? null : last.trainingLoss(),
                last == null ? null : last.trainingAccuracy(),
                last == null ? null : last.validationLoss(),
                last == null ? null : last.validationAccuracy(),
                last == null ? null : last.trainingR2(),
                last == null ? null : last.validationR2(),
                last == null ? null : last.learningRate(),
                job.bestEpoch(), job.trainingRows(), job.validationRows(),
                TrainingRequestMapper.hyperparameters(job.config(), job.batchSize(), classes),
                job.submittedAt(), job.startedAt(), job.finishedAt(), job.stopReason(), job.error(),
                job.cancelRequested() && !job.status().isFinal(), job.restarts(), job.resumedFromEpoch(),
                job.version(), job.estimatedMemoryBytes(), job.member(), warm != null,
                warm == null ? null : warm.fromVersion());
    }
}
