package io.mlpservice.training;

/**
 * What a worker and the rest of the service share about a job it runs: requests to stop, seen by
 * the training loop between mini-batches.
 */
final class RunningJob {

    final String jobId;
    /** Stop and end the job as CANCELLED. */
    volatile boolean cancel;
    /** Stop for a shutdown: the job stays RUNNING and continues at the next start. */
    volatile boolean suspend;

    RunningJob(String jobId) {
        this.jobId = jobId;
    }
}
