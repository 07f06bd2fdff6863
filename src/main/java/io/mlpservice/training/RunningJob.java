package io.mlpservice.training;

/**
 * What a worker and the rest of the service share about a job it runs: requests to stop, seen by
 * the training loop between mini-batches.
 */
final class RunningJob {

    final String jobId;
    /** Stop and end the job as CANCELLED. */
    volatile boolean cancel;
    /** Stop for a shutdown: the job stays RUNNING and continues at the next start (or on another member). */
    volatile boolean suspend;
    /** Another member took the job over, this one having been thought gone: stop and store nothing more. */
    volatile boolean lost;

    RunningJob(String jobId) {
        this.jobId = jobId;
    }
}
