package io.mlpservice.training;

/** The life of a training job: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED (or QUEUED → CANCELLED). */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** Whether the job has ended and will not change again. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
