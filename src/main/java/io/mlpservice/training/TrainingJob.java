package io.mlpservice.training;

import io.mlpservice.engine.train.EpochStats;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One training job and its state machine: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED,
 * or QUEUED → CANCELLED. Every transition and every read of the mutable state holds this
 * object's lock; a transition that does not apply to the current state is refused.
 */
final class TrainingJob {

    private final String id;
    private final String modelId;
    private final Hyperparameters hyperparameters;
    private final int trainingRows;
    private final int validationRows;
    private final Instant submittedAt;
    private final Consumer<TrainingJob> onFinish;
    private volatile boolean cancelRequested;

    private JobStatus status = JobStatus.QUEUED;
    private Instant startedAt;
    private Instant finishedAt;
    private EpochStats last;
    private Integer bestEpoch;
    private StopReason stopReason;
    private String error;

    /** @param onFinish told once, under the job's lock, when the job reaches its final state */
    TrainingJob(String id, String modelId, Hyperparameters hyperparameters, int trainingRows, int validationRows,
                Consumer<TrainingJob> onFinish) {
        this.id = Objects.requireNonNull(id);
        this.modelId = Objects.requireNonNull(modelId);
        this.hyperparameters = hyperparameters;
        this.trainingRows = trainingRows;
        this.validationRows = validationRows;
        this.onFinish = Objects.requireNonNull(onFinish);
        this.submittedAt = now();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    String id() {
        return id;
    }

    String modelId() {
        return modelId;
    }

    synchronized JobStatus status() {
        return status;
    }

    Instant submittedAt() {
        return submittedAt;
    }

    /** Polled by the trainer between mini-batches. */
    boolean isCancelRequested() {
        return cancelRequested;
    }

    /** QUEUED → RUNNING; false when the job was cancelled while it waited. */
    synchronized boolean start() {
        if (status != JobStatus.QUEUED) {
            return false;
        }
        status = JobStatus.RUNNING;
        startedAt = now();
        return true;
    }

    synchronized void recordEpoch(EpochStats stats) {
        last = stats;
    }

    /** RUNNING → SUCCEEDED. */
    synchronized void succeed(boolean earlyStopped, int bestEpoch) {
        finish(JobStatus.SUCCEEDED, earlyStopped ? StopReason.EARLY_STOPPED : StopReason.COMPLETED);
        this.bestEpoch = bestEpoch;
    }

    /** RUNNING → FAILED, with a message for the client. */
    synchronized void fail(String message) {
        finish(JobStatus.FAILED, StopReason.FAILED);
        this.error = message;
    }

    /** RUNNING → CANCELLED, after the trainer stopped. */
    synchronized void cancelled() {
        finish(JobStatus.CANCELLED, StopReason.CANCELLED);
    }

    /**
     * QUEUED → CANCELLED, unless a worker started the job meanwhile (it then stops on its own
     * before its first mini-batch). {@code release} frees the model before the job shows as ended.
     */
    synchronized void cancelIfQueued(Runnable release) {
        if (status == JobStatus.QUEUED) {
            release.run();
            finish(JobStatus.CANCELLED, StopReason.CANCELLED);
        }
    }

    private void finish(JobStatus to, StopReason reason) {
        if (status.isFinal()) {
            throw new IllegalStateException("job " + id + " is already " + status);
        }
        status = to;
        stopReason = reason;
        finishedAt = now();
        onFinish.accept(this);
    }

    /** How long the job ran, from its start to its end; null when it never ran or has not ended. */
    synchronized Duration runTime() {
        return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }

    /**
     * Asks the job to stop: a running job stops before its next mini-batch.
     *
     * @return whether the job was still queued (it never started and the caller ends it)
     * @throws JobFinishedException when the job has already ended
     */
    synchronized boolean requestCancel() {
        if (status.isFinal()) {
            throw new JobFinishedException(id, status);
        }
        cancelRequested = true;
        return status == JobStatus.QUEUED;
    }

    /** A consistent view of the job for the API. */
    synchronized TrainingJobResponse view() {
        int planned = hyperparameters.epochs();
        int completed = last == null ? 0 : last.epoch();
        double progress = status == JobStatus.SUCCEEDED ? 1.0 : (double) completed / planned;
        return new TrainingJobResponse(id, modelId, status, planned, completed, progress,
                last == null ? null : last.trainingLoss(),
                last == null ? null : last.trainingAccuracy(),
                last == null || !last.hasValidation() ? null : last.validationLoss(),
                last == null || !last.hasValidation() ? null : last.validationAccuracy(),
                bestEpoch,
                trainingRows, validationRows, hyperparameters,
                submittedAt, startedAt, finishedAt, stopReason, error,
                cancelRequested && !status.isFinal());
    }
}
