package io.mlpservice.training;

import io.mlpservice.engine.train.StopReason;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.model.LossPoint;
import java.time.Instant;
import java.util.Objects;

/**
 * A training job as the store keeps it. Immutable: each transition (start, checkpoint, the end)
 * is a new record stored by compare-and-set, so that a job ends once and a cancellation never
 * races its end unseen. Its data, checkpoint and loss history are stored beside it, by its id.
 *
 * @param config           the engine's configuration, every default filled in: what a restart runs again
 * @param batchSize        rows per mini-batch, after the default and the cap at the training rows
 * @param dataBytes        the size of the job's data, counted against the queue's byte limit
 * @param estimatedMemoryBytes the job's peak memory as estimated when it was submitted ({@link MemoryEstimate})
 * @param threads          threads the job's mini-batches are split over, fixed at its first start so
 *                         that a resumed run computes the same bits; 0 before it
 * @param latest           the figures of the latest epoch recorded durably (at a checkpoint or the end)
 * @param restarts         how often a restart of the service interrupted the job (in a cluster, also the
 *                         member running it leaving)
 * @param resumedFromEpoch the epoch the last restart continued after; null when never interrupted
 * @param version          the model version the job produced, once it succeeded
 * @param member           in a cluster, the member ({@code host:port}) that runs the job, null while it
 *                         waits; once it ended, the member that ended it. Always null for a single process
 * @param warmStart        what the job goes on from when submitted with {@code "warmStart": true}; null
 *                         for a job started from the seeded initial weights as asked (and in records
 *                         stored before warm starts)
 */
public record JobRecord(String id, String modelId, JobStatus status, TrainingConfig config, int batchSize,
                        int trainingRows, int validationRows, long dataBytes, long estimatedMemoryBytes, int threads,
                        Instant submittedAt, Instant startedAt, Instant finishedAt, LossPoint latest,
                        Integer bestEpoch, StopReason stopReason, String error, boolean cancelRequested,
                        int restarts, Integer resumedFromEpoch, Integer version, String member,
                        WarmStart warmStart) {

    public JobRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(config, "config");
    }

    static JobRecord queued(String id, String modelId, TrainingConfig config, int batchSize, int trainingRows,
                            int validationRows, long dataBytes, long estimatedMemoryBytes, Instant at,
                            WarmStart warmStart) {
        return new JobRecord(id, modelId, JobStatus.QUEUED, config, batchSize, trainingRows, validationRows,
                dataBytes, estimatedMemoryBytes, 0, at, null, null, null, null, null, null, false, 0, null, null, null,
                warmStart);
    }

    /** Epochs numbered before the job's first: those of the version a warm start goes on from; else 0. */
    int epochsBefore() {
        return warmStart == null ? 0 : warmStart.epochsBefore();
    }

    /** The number of the job's last planned epoch: its epochs are numbered on after a warm start's version's. */
    int lastEpoch() {
        return epochsBefore() + config.epochs();
    }

    JobRecord started(Instant at, int threadCount) {
        return new JobRecord(id, modelId, JobStatus.RUNNING, config, batchSize, trainingRows, validationRows,
                dataBytes, estimatedMemoryBytes, threads > 0 ? threads : threadCount, submittedAt,
                startedAt != null ? startedAt : at, null, latest, bestEpoch, null, null, cancelRequested, restarts,
                resumedFromEpoch, null, member, warmStart);
    }

    JobRecord withCancelRequested() {
        return new JobRecord(id, modelId, status, config, batchSize, trainingRows, validationRows, dataBytes,
                estimatedMemoryBytes, threads, submittedAt, startedAt, finishedAt, latest, bestEpoch, stopReason,
                error, true, restarts, resumedFromEpoch, version, member, warmStart);
    }

    /**
     * The job with the figures of a later epoch: stored at each checkpoint, and shown live (from
     * memory) between checkpoints.
     */
    JobRecord withLatest(LossPoint now) {
        return new JobRecord(id, modelId, status, config, batchSize, trainingRows, validationRows, dataBytes,
                estimatedMemoryBytes, threads, submittedAt, startedAt, finishedAt, now, bestEpoch, stopReason, error,
                cancelRequested, restarts, resumedFromEpoch, version, member, warmStart);
    }

    /** Interrupted by a restart: it runs again, from {@code epoch} (0 when it had no checkpoint). */
    JobRecord resumed(int epoch, LossPoint at) {
        return new JobRecord(id, modelId, status, config, batchSize, trainingRows, validationRows, dataBytes,
                estimatedMemoryBytes, threads, submittedAt, startedAt, finishedAt, at, bestEpoch, stopReason, error,
                cancelRequested, restarts + 1, epoch, version, member, warmStart);
    }

    JobRecord succeeded(Instant at, LossPoint last, int best, StopReason reason, int producedVersion) {
        return ended(JobStatus.SUCCEEDED, at, last, best, reason, null, producedVersion);
    }

    JobRecord failed(Instant at, LossPoint last, String message) {
        return ended(JobStatus.FAILED, at, last, null, StopReason.FAILED, message, null);
    }

    JobRecord cancelled(Instant at, LossPoint last) {
        return ended(JobStatus.CANCELLED, at, last, null, StopReason.CANCELLED, null, null);
    }

    private JobRecord ended(JobStatus to, Instant at, LossPoint last, Integer best, StopReason reason,
                            String message, Integer producedVersion) {
        if (status.isFinal()) {
            throw new IllegalStateException("job " + id + " has already ended as " + status);
        }
        return new JobRecord(id, modelId, to, config, batchSize, trainingRows, validationRows, dataBytes,
                estimatedMemoryBytes, threads, submittedAt, startedAt, at, last != null ? last : latest, best, reason,
                message, cancelRequested, restarts, resumedFromEpoch, producedVersion, member, warmStart);
    }

    /** The same job, run (or ended) by {@code address}; null for a single process or a job waiting. */
    JobRecord by(String address) {
        return new JobRecord(id, modelId, status, config, batchSize, trainingRows, validationRows, dataBytes,
                estimatedMemoryBytes, threads, submittedAt, startedAt, finishedAt, latest, bestEpoch, stopReason,
                error, cancelRequested, restarts, resumedFromEpoch, version, address, warmStart);
    }
}
